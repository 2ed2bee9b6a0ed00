# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.refresh", "myapp.tasks.nightly_digest", "myapp.tasks.on_event_too", "myapp.tasks.alone"],
}

doc_events = {
    "ToDo": {"on_update": "myapp.tasks.on_event_too"},
}
# --- tasks.py
import frappe


@frappe.whitelist()
def refresh():
    # scheduled, and a button calls it too: the user's permissions are checked here
    return frappe.get_list("Task", pluck="name")


def nightly_digest():
    for name in frappe.get_list("Task", filters={"status": "Open"}, pluck="name"):
        frappe.get_doc("Task", name).run_method("notify")


def on_event_too(doc=None, method=None):
    return frappe.get_list("ToDo", pluck="name")


def alone():
    return frappe.get_all("Task", pluck="name")
# --- api.py
import frappe

from myapp.tasks import nightly_digest


@frappe.whitelist()
def digest_now():
    # runs the scheduled task as the user who clicked
    nightly_digest()
# --- findings
# tasks.py:7:12: JF007 [display-only] `frappe.get_list` in scheduled task `refresh`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
# tasks.py:11:17: JF007 [display-only] `frappe.get_list` in scheduled task `nightly_digest`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
# tasks.py:16:12: JF007 [display-only] `frappe.get_list` in scheduled task `on_event_too`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
# tasks.py:20:12: JF007 [safe] `frappe.get_list` in scheduled task `alone`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
