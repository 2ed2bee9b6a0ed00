# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "Daily": [
        "myapp.tasks.send_digest",
        "myapp.tasks.ping",  # keeps the site awake
    ],
    "Daily_Long": [
        "myapp.tasks.other",
        # rebuilds every customer's stats: slow
        "myapp.tasks.rebuild_stats",
    ],
    "weekly": [
        "myapp.tasks.ping"
    ],
    "weekly_long": [
        "myapp.tasks.archive",  # slow, no trailing comma
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
# --- findings
# hooks.py:7:9: JF008 [safe] heavy `myapp.tasks.rebuild_stats` under Daily, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:17)
# hooks.py:13:9: JF008 [safe] heavy `myapp.tasks.archive` under weekly, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:22)
