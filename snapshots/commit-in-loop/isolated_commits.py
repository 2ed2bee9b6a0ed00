# jobfix-snapshot: batch-isolated-commits=true
import frappe


def sync_orders(orders):
    for order in orders:
        try:
            push(order)
            frappe.db.set_value("Sales Order", order, "synced", 1)
            frappe.db.commit()
        except Exception:
            frappe.db.rollback()
            frappe.log_error(title=f"Order {order} failed", message=frappe.get_traceback())


def sync_items(items):
    for item in items:
        try:
            push(item)
        except Exception:
            frappe.db.rollback()
        else:
            frappe.db.commit()


def log_committed(items):
    for item in items:
        try:
            push(item)
            frappe.db.commit()
        except Exception:
            frappe.db.rollback()
            frappe.log_error(title=f"Item {item} failed")
            frappe.db.commit()  # keep the error log


def work_after_commit(items):
    for item in items:
        try:
            push(item)
            frappe.db.commit()
            notify(item)
        except Exception:
            frappe.db.rollback()


def push(record):
    frappe.get_doc("Sync Log", record).insert()


def notify(record):
    pass
