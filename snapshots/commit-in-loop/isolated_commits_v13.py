# jobfix-snapshot: batch-isolated-commits=true frappe-version=13.10
import frappe


def sync_orders(orders):
    for order in orders:
        try:
            frappe.get_doc("Sales Order", order).submit()
            frappe.db.commit()
        except Exception:
            frappe.db.rollback()
