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
        frappe.enqueue(
            "myapp.tasks.generate_report",
            queue="long",
            report=report,
            kind="daily",
            job_id=f"myapp.tasks.generate_report::report={report}::kind=daily",
            deduplicate=True,
        )
        frappe.enqueue(
            "myapp.tasks.generate_report",
            queue="long",
            report=report,
            kind="summary",
            job_id=f"myapp.tasks.generate_report::report={report}::kind=summary",
            deduplicate=True,
        )


def generate_report(report, kind="full"):
    doc = frappe.get_doc("Scheduled Report", report)
    doc.kind = kind
    doc.save()
# --- findings
# tasks.py:7:9: JF014 [display-only] `rebuild_quietly` calls `generate_report` once per record inline: `generate_report` calls `frappe.get_doc()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:13:9: JF014 [unsafe] `by_kind` calls `generate_report` once per record inline: `generate_report` calls `frappe.get_doc()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:14:9: JF014 [unsafe] `by_kind` calls `generate_report` once per record inline: `generate_report` calls `frappe.get_doc()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
