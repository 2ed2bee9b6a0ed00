# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.rebuild_quietly", "myapp.tasks.by_kind"],
}
# --- tasks.py
import frappe


def rebuild_quietly():
    frappe.flags.mute_emails = True  # the jobs run in other workers: they would send the mails
    for report in frappe.get_all("Scheduled Report", pluck="name"):
        generate_report(report)


def by_kind():
    # the same callee and record with different constants: two jobs, two ids
    for report in frappe.get_all("Scheduled Report", pluck="name"):
        generate_report(report, kind="daily")
        generate_report(report, kind="summary")


def generate_report(report, kind="full"):
    doc = frappe.get_doc("Scheduled Report", report)
    doc.kind = kind
    doc.save()
