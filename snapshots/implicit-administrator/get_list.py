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
from frappe import db, get_list
from frappe import get_list as list_documents


def assign_open_tasks():
    for task in frappe.get_list("Task", filters={"status": "Open"}, limit=50):
        print(task)
    names = frappe.db.get_list("ToDo", pluck="name")
    return names


def through_aliases():
    fr.get_list("Task")
    db.get_list("Task")
    get_list("Task")
    list_documents("Task")


def laid_out():
    return frappe.get_list(  # the open ones
        "Task",
        filters={"status": "Open"},
    )


def not_scheduled():
    # called from a whitelisted endpoint: the permission check matters here
    return frappe.get_list("Task")
