# --- doctype/shipment/shipment.py
import frappe
from frappe.model.document import Document


class Shipment(Document):
	def after_insert(self):
		# now= is false in production: the job is queued there, and can run before the commit
		frappe.enqueue("myapp.tasks.book_pickup", name=self.name, now=frappe.flags.in_test)

	def on_update(self):
		# enqueue imported inside the method
		from frappe.utils.background_jobs import enqueue

		enqueue("myapp.tasks.notify", name=self.name)

	def on_cancel(self):
		frappe.enqueue("myapp.tasks.release", name=self.name, now=True)  # in-process: no queue
# --- tasks.py
def book_pickup(name):
	pass


def notify(name):
	pass


def release(name):
	pass
