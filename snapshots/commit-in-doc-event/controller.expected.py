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
# --- findings
# module/doctype/sales_sync_log/sales_sync_log.py:8:9: JF103 [display-only] `frappe.db.commit()` in the controller method `SalesSyncLog.on_update`: it commits the save halfway, so a later failure cannot roll it back; v16 still runs it here (its guard covers hooks.py doc_events handlers only)
