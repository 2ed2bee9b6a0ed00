# jobfix-snapshot: all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "all": ["myapp.tasks.heavy"],
    "cron": ["myapp.tasks.heavy"],
}
# --- tasks.py
import frappe


def heavy():
    for todo in frappe.get_all("ToDo"):
        frappe.delete_doc("ToDo", todo.name)
