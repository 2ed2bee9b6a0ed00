# --- api.py
import frappe
from frappe.model.document import Document


class Invoice(Document):
	def before_insert(self):
		frappe.enqueue("myapp.jobs.check_invoice", invoice=self)

	def on_submit(self):
		frappe.enqueue("myapp.jobs.post_invoice", invoice=self)
		frappe.enqueue("frappe.email.queue.flush_for", invoice=self)
		frappe.enqueue("myapp.jobs.with_default", invoice=self)
		frappe.enqueue("myapp.jobs.called_directly", invoice=self)

	def resend(self):
		# this caller passes a name: changing post_invoice would break it
		frappe.enqueue("myapp.jobs.post_invoice", invoice=self.name)
# --- jobs.py
import frappe


def check_invoice(invoice):
	pass


def post_invoice(invoice):
	pass


def with_default(invoice=None):
	pass


def called_directly(invoice):
	pass


def repost(invoice_name):
	called_directly(frappe.get_doc("Sales Invoice", invoice_name))
