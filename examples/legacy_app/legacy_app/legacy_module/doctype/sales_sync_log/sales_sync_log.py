# Copyright (c) 2021, Example and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class SalesSyncLog(Document):
	def on_submit(self):
		frappe.enqueue(
			"legacy_app.sync.push_order",
			queue="short",
			job_name="push_order_" + self.name,
			order=self,
		)

	def on_update(self):
		self.db_set("status", "Updated")
		frappe.db.commit()

	def resend(self):
		# a button, not a document event: the document is already committed
		frappe.enqueue("legacy_app.sync.push_order", order=self)
