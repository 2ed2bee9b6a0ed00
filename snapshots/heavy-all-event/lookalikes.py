# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "all": [
        "myapp.tasks.light",
        "myapp.tasks.bounded",
        "frappe.email.queue.flush",
        "myapp.tasks.missing",
    ],
    "daily_long": ["myapp.tasks.heavy"],
    "cron": {"*/5 * * * *": ["myapp.tasks.heavy"]},
}
# --- tasks.py
import frappe


def light():
    frappe.db.set_value("System Settings", None, "last_ping", frappe.utils.now())


def bounded():
    for todo in frappe.get_all("ToDo", limit=20):
        frappe.get_doc("ToDo", todo.name).save()


def heavy():
    for todo in frappe.get_all("ToDo"):
        frappe.delete_doc("ToDo", todo.name)
