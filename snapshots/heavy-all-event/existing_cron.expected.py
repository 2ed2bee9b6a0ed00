# jobfix-snapshot: all-event-cron=*/10_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "cron": {
        "*/10 * * * *": ["myapp.tasks.already_there", "myapp.tasks.rebuild"],
        "0 1 * * *": ["myapp.tasks.nightly"],
    },
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
# --- findings
# hooks.py:8:12: JF011 [unsafe] heavy `myapp.tasks.rebuild` under `all`: it loops over an unbounded query (myapp.tasks:5), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
