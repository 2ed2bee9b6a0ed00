# jobfix-snapshot: frappe-version=14
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily_long": ["myapp.tasks.generate_all_reports"],
}
# --- tasks.py
import frappe


def generate_all_reports():
    for report in frappe.get_all("Scheduled Report", pluck="name"):
        generate_report(report)


def generate_report(report):
    frappe.get_doc("Scheduled Report", report).save()
