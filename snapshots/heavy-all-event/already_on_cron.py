# jobfix-snapshot: all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "all": ["myapp.tasks.rebuild", "myapp.tasks.light", "frappe.tasks.unknown"],
    "cron": {"*/15 * * * *": ["myapp.tasks.rebuild"]},
    "hourly": ["myapp.tasks.rebuild"],
}
# --- tasks.py
import frappe


def rebuild():
    for name in frappe.get_all("Item", pluck="name"):
        frappe.get_doc("Item", name).save()


def light():
    return frappe.db.count("Item")
