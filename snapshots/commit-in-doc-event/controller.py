# jobfix-snapshot: frappe-version=16
# --- module/doctype/sales_sync_log/sales_sync_log.py
import frappe
from frappe.model.document import Document


class SalesSyncLog(Document):
    def on_update(self):
        self.db_set("status", "Updated")
        frappe.db.commit()

    def resend(self):
        # a button, not a document event: committing here is the author's call
        frappe.db.commit()
