# jobfix-snapshot: batch-isolated-commits=true
import frappe


def sync_all():
    # a failure rolls back what is not committed yet: each customer's commit keeps it
    try:
        for name in frappe.get_all("Customer", pluck="name"):
            frappe.get_doc("Customer", name).save()
            frappe.db.commit()
    except Exception:
        frappe.db.rollback()
        frappe.log_error(title="sync_all failed")


def push_orders(orders):
    for order in orders:
        try:
            frappe.get_doc("Sales Order", order).submit()
            frappe.db.commit()
        except frappe.ValidationError:
            # only a validation error is isolated; any other one stops the job
            frappe.db.rollback()


def rebuild(names):
    # no rollback around the loop: batching keeps the same records when nothing fails
    try:
        records_done = 0
        for name in names:
            frappe.get_doc("Customer", name).save()
            records_done += 1
            if records_done % 100 == 0:
                frappe.db.commit()
        frappe.db.commit()
    finally:
        frappe.publish_realtime("rebuild_done")
# --- findings
# module.py:9:13: JF005 [display-only] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
# module.py:19:13: JF005 [display-only] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing; a failed record is rolled back with a full rollback, so each record needs its commit
# module.py:30:13: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
