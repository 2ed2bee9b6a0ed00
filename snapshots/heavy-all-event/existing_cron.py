# jobfix-snapshot: all-event-cron=*/10_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "cron": {
        "*/10 * * * *": ["myapp.tasks.already_there"],
        "0 1 * * *": ["myapp.tasks.nightly"],
    },
    "all": "myapp.tasks.rebuild",
    "hourly": ["myapp.tasks.nightly"],
}
# --- tasks.py
import frappe


def rebuild():
    for name in frappe.get_all("Item", pluck="name"):
        frappe.get_doc("Item", name).save()


def already_there():
    pass


def nightly():
    pass
