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
    return frappe.get_list("Task", pluck="name")
# --- api.py
import frappe

from myapp.tasks import nightly_digest


@frappe.whitelist()
def digest_now():
    # runs the scheduled task as the user who clicked
    nightly_digest()
