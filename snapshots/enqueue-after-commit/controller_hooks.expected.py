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
			enqueue_after_commit=True,
		)

	def after_insert(self):
		frappe.enqueue("myapp.tasks.notify", name=self.name, enqueue_after_commit=True)

	def validate(self):
		frappe.enqueue_doc(self.doctype, self.name, "refresh_totals", queue="short", enqueue_after_commit=True)
# --- findings
# doctype/sales_order_sync/sales_order_sync.py:8:3: JF012 [safe] `enqueue` in document event `on_submit` without `enqueue_after_commit=True`: the job can run before the document is committed
# doctype/sales_order_sync/sales_order_sync.py:15:3: JF012 [safe] `enqueue` in document event `after_insert` without `enqueue_after_commit=True`: the job can run before the document is committed
# doctype/sales_order_sync/sales_order_sync.py:18:3: JF012 [safe] `enqueue_doc` in document event `validate` without `enqueue_after_commit=True`: the job can run before the document is committed
