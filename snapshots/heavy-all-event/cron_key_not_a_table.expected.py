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
# --- findings
# hooks.py:4:13: JF011 [display-only] heavy `myapp.tasks.heavy` under `all`: it loops over an unbounded query (myapp.tasks:5), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
