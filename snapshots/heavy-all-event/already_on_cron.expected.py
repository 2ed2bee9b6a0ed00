# jobfix-snapshot: all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "all": ["myapp.tasks.light", "frappe.tasks.unknown"],
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
# --- findings
# hooks.py:4:13: JF011 [unsafe] heavy `myapp.tasks.rebuild` under `all`: it loops over an unbounded query (myapp.tasks:5), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
