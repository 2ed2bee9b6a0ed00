# --- doctype/shipment/shipment.py
import frappe
from frappe.model.document import Document


class Shipment(Document):
	def after_insert(self):
		# now= is false in production: the job is queued there, and can run before the commit
		frappe.enqueue("myapp.tasks.book_pickup", name=self.name, now=frappe.flags.in_test, enqueue_after_commit=True)

	def on_update(self):
		# enqueue imported inside the method
		from frappe.utils.background_jobs import enqueue

		enqueue("myapp.tasks.notify", name=self.name, enqueue_after_commit=True)

	def on_cancel(self):
		frappe.enqueue("myapp.tasks.release", name=self.name, now=True)  # in-process: no queue
# --- tasks.py
def book_pickup(name):
	pass


def notify(name):
	pass


def release(name):
	pass
# --- findings
# doctype/shipment/shipment.py:8:3: JF012 [safe] `enqueue` in document event `after_insert` without `enqueue_after_commit=True`: the job can run before the document is committed
# doctype/shipment/shipment.py:14:3: JF012 [safe] `enqueue` in document event `on_update` without `enqueue_after_commit=True`: the job can run before the document is committed
