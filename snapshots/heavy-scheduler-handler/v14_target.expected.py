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
        frappe.enqueue("myapp.tasks.generate_report", queue="long", report=report)


def generate_report(report):
    frappe.get_doc("Scheduled Report", report).save()
# --- findings
# tasks.py:6:9: JF014 [unsafe] `generate_all_reports` calls `generate_report` once per record inline: `generate_report` calls `.save()`, and the whole run (scheduled, daily_long) shares one job and its 1500 s timeout on the long queue
