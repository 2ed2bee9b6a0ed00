# --- doctype/sales_order_sync/sales_order_sync.py
import frappe
from frappe.model.document import Document


class SalesOrderSync(Document):
	def on_submit(self):
		# queue the push once the order is saved
		frappe.enqueue(
			"myapp.tasks.push_order",
			queue="short",
			order=self.name,  # the name, not the document
		)

	def after_insert(self):
		frappe.enqueue("myapp.tasks.notify", name=self.name)

	def validate(self):
		frappe.enqueue_doc(self.doctype, self.name, "refresh_totals", queue="short")
