# jobfix-snapshot: select=JF005,JF006
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily_long": ["myapp.tasks.rebuild_stats"],
}
# --- tasks.py
import frappe
from rq.timeouts import JobTimeoutException


def rebuild_stats():
    records_done = 0
    for customer in frappe.get_all("Customer", pluck="name"):
        frappe.db.savepoint("sp_customer")
        try:
            stats = frappe.get_doc("Customer Stats", customer)
            stats.total = frappe.db.count("Sales Order", {"customer": customer})
            stats.save()
            records_done += 1
            if records_done % 100 == 0:
                frappe.db.commit()
        except JobTimeoutException:
            raise
        except Exception:
            frappe.db.rollback(save_point="sp_customer")
            frappe.log_error(title=f"rebuild_stats failed for {customer}"[:140], message=frappe.get_traceback())
    frappe.db.commit()
# --- findings
# tasks.py:5:5: JF006 [unsafe] `rebuild_stats` calls `frappe.get_doc()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:9:9: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
