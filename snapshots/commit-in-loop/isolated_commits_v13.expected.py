# jobfix-snapshot: batch-isolated-commits=true frappe-version=13.10
import frappe


def sync_orders(orders):
    for order in orders:
        try:
            frappe.get_doc("Sales Order", order).submit()
            frappe.db.commit()
        except Exception:
            frappe.db.rollback()
# --- findings
# module.py:8:13: JF005 [display-only] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing; a failed record is rolled back with a full rollback, so each record needs its commit
