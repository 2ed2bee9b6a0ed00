# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": [
        "myapp.tasks.assign_open_tasks",
        "myapp.tasks.through_aliases",
    ],
    "cron": {"0 3 * * *": ["myapp.tasks.laid_out"]},
}
# --- tasks.py
import frappe
import frappe as fr
from frappe import get_all, db
from frappe import get_list as list_documents


def assign_open_tasks():
    for task in frappe.get_all("Task", filters={"status": "Open"}, limit=50):
        print(task)
    names = frappe.db.get_all("ToDo", pluck="name")
    return names


def through_aliases():
    fr.get_all("Task")
    db.get_all("Task")
    get_all("Task")
    get_all("Task")


def laid_out():
    return frappe.get_all(  # the open ones
        "Task",
        filters={"status": "Open"},
    )


def not_scheduled():
    # called from a whitelisted endpoint: the permission check matters here
    return frappe.get_list("Task")
# --- findings
# tasks.py:8:17: JF007 [safe] `frappe.get_list` in scheduled task `assign_open_tasks`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
# tasks.py:10:13: JF007 [safe] `frappe.db.get_list` in scheduled task `assign_open_tasks`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.db.get_all` says so
# tasks.py:15:5: JF007 [safe] `frappe.get_list` in scheduled task `through_aliases`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
# tasks.py:16:5: JF007 [safe] `frappe.db.get_list` in scheduled task `through_aliases`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.db.get_all` says so
# tasks.py:17:5: JF007 [safe] `frappe.get_list` in scheduled task `through_aliases`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
# tasks.py:18:5: JF007 [safe] `frappe.get_list` in scheduled task `through_aliases`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
# tasks.py:22:12: JF007 [safe] `frappe.get_list` in scheduled task `laid_out`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
