# jobfix-snapshot: batch-isolated-commits=true
import frappe


def sync_orders(orders):
    records_done = 0
    for order in orders:
        frappe.db.savepoint("sp_order")
        try:
            push(order)
            frappe.db.set_value("Sales Order", order, "synced", 1)
            records_done += 1
            if records_done % 100 == 0:
                frappe.db.commit()
        except Exception:
            frappe.db.rollback(save_point="sp_order")
            frappe.log_error(title=f"Order {order} failed", message=frappe.get_traceback())
    frappe.db.commit()


def sync_items(items):
    records_done = 0
    for item in items:
        frappe.db.savepoint("sp_item")
        try:
            push(item)
        except Exception:
            frappe.db.rollback(save_point="sp_item")
        else:
            records_done += 1
            if records_done % 100 == 0:
                frappe.db.commit()
    frappe.db.commit()


def log_committed(items):
    records_done = 0
    for item in items:
        frappe.db.savepoint("sp_item")
        try:
            push(item)
            records_done += 1
            if records_done % 100 == 0:
                frappe.db.commit()
        except Exception:
            frappe.db.rollback(save_point="sp_item")
            frappe.log_error(title=f"Item {item} failed")
            records_done += 1
            if records_done % 100 == 0:
                frappe.db.commit()  # keep the error log
    frappe.db.commit()


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
# --- findings
# module.py:9:13: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing; a failed record is rolled back with a full rollback, so each record needs its commit
# module.py:22:13: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing; a failed record is rolled back with a full rollback, so each record needs its commit
# module.py:29:13: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing; a failed record is rolled back with a full rollback, so each record needs its commit
# module.py:40:13: JF005 [display-only] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing; a failed record is rolled back with a full rollback, so each record needs its commit
