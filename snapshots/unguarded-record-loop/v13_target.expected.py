# jobfix-snapshot: frappe-version=13.10
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.rebuild_stats"],
}
# --- tasks.py
import frappe


def rebuild_stats():
    for customer in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer Stats", customer).save()
# --- findings
# tasks.py:5:5: JF006 [display-only] `rebuild_stats` calls `.save()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
