# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "Daily": [
        "myapp.tasks.send_digest",
        # rebuilds every customer's stats: slow
        "myapp.tasks.rebuild_stats",
        "myapp.tasks.ping",  # keeps the site awake
    ],
    "Daily_Long": ["myapp.tasks.other"],
    "weekly": [
        "myapp.tasks.ping",
        "myapp.tasks.archive"  # slow, no trailing comma
    ],
}
# --- tasks.py
import frappe


def send_digest():
    pass


def ping():
    pass


def other():
    pass


def rebuild_stats():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()


def archive():
    for name in frappe.get_all("Sales Order", pluck="name"):
        frappe.get_doc("Sales Order", name).save()
