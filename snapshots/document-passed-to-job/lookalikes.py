# --- hooks.py
app_name = "myapp"

doc_events = {
	"Sales Order": {"on_submit": "myapp.events.on_order_submit"},
}
# --- events.py
import frappe


def on_order_submit(doc, method=None):
	# names, not documents
	frappe.enqueue("myapp.jobs.push", order_name=doc.name, doctype=doc.doctype)
	# enqueue's own parameters
	frappe.enqueue("myapp.jobs.push", queue="short", job_name=doc.name, order_name=doc.name)


def not_a_handler(doc):
	frappe.enqueue("myapp.jobs.push", order=doc)


def rebound(name):
	order = frappe.get_doc("Sales Order", name)
	order = order.as_dict()
	frappe.enqueue("myapp.jobs.push", order=order)


class Plain:
	def run(self):
		frappe.enqueue("myapp.jobs.push", order=self)
# --- jobs.py
def push(order=None, order_name=None, doctype=None):
	pass
