# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.commit_in_middle", "myapp.tasks.rolls_back", "myapp.tasks.one_line", "myapp.tasks.starred"],
}
# --- tasks.py
import frappe


def commit_in_middle():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
        frappe.db.commit()
        frappe.sendmail(recipients=["ops@example.com"], subject=name)


def rolls_back():
    for name in frappe.get_all("Customer", pluck="name"):
        doc = frappe.get_doc("Customer", name)
        if doc.disabled:
            frappe.db.rollback()
            continue
        doc.save()


def one_line():
    for name in frappe.get_all("Customer", pluck="name"): frappe.get_doc("Customer", name).save()


def starred():
    for first, *rest in frappe.db.sql("select name, owner from tabCustomer"):
        frappe.db.set_value("Customer", first, "owner", rest[0])
# --- findings
# tasks.py:5:5: JF006 [display-only] `commit_in_middle` calls `.save()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:12:5: JF006 [display-only] `rolls_back` calls `frappe.get_doc()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:21:5: JF006 [display-only] `one_line` calls `.save()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
