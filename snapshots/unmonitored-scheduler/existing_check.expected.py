# --- hooks.py
app_name = "myapp"

scheduler_events = {"daily": ["myapp.tasks.sync", "myapp.monitoring.report_failures"]}
# --- tasks.py
def sync():
    pass
# --- monitoring.py
import frappe


def report_failures():
    failed = frappe.get_all("Scheduled Job Log", filters={"status": "Failed"}, limit=5)
    if failed:
        frappe.sendmail(recipients=["ops@example.com"], subject="Failed jobs", message=str(failed))
# --- findings
