# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": [
        "myapp.tasks.check_then_submit",
        "myapp.tasks.raise_on_missing",
        "myapp.tasks.count_first",
        "myapp.tasks.collect_first",
        "myapp.tasks.count_after",
    ],
}
# --- tasks.py
import frappe
from rq.timeouts import JobTimeoutException


def check_then_submit():
    for name in frappe.get_all("Sales Invoice", pluck="name"):
        invoice = frappe.get_doc("Sales Invoice", name)
        if not invoice.customer:
            frappe.throw(f"{name} has no customer")  # meant to stop the whole run
        invoice.submit()


def raise_on_missing():
    for name in frappe.get_all("Sales Invoice", pluck="name"):
        if not frappe.db.exists("Sales Invoice", name):
            raise frappe.DoesNotExistError(name)
        frappe.get_doc("Sales Invoice", name).submit()


def count_first():
    total = 0
    for row in frappe.get_all("Sales Invoice", fields=["name", "grand_total"]):
        total += row.grand_total or 0
        frappe.get_doc("Sales Invoice", row.name).submit()
    frappe.db.set_value("Company", "Main", "invoiced_total", total)


def collect_first():
    done = []
    for name in frappe.get_all("Sales Invoice", pluck="name"):
        done.append(name)
        frappe.get_doc("Sales Invoice", name).submit()
    frappe.db.set_value("Company", "Main", "last_batch", ",".join(done))


def count_after():
    total = 0
    for row in frappe.get_all("Sales Invoice", fields=["name", "grand_total"]):
        frappe.db.savepoint("sp_row")
        try:
            frappe.get_doc("Sales Invoice", row.name).submit()
            total += 1
        except JobTimeoutException:
            raise
        except Exception:
            frappe.db.rollback(save_point="sp_row")
            frappe.log_error(title=f"count_after failed for {row.name}"[:140], message=frappe.get_traceback())
    frappe.db.set_value("Company", "Main", "submitted", total)
# --- findings
# tasks.py:5:5: JF006 [display-only] `check_then_submit` calls `frappe.get_doc()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:13:5: JF006 [display-only] `raise_on_missing` calls `.submit()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:21:5: JF006 [display-only] `count_first` calls `.submit()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:29:5: JF006 [display-only] `collect_first` calls `.submit()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:37:5: JF006 [unsafe] `count_after` calls `.submit()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
