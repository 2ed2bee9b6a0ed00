# jobfix-snapshot: select=JF001,JF002,JF008,JF011,JF013 all-event-cron=*/15_*_*_*_*
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "dayly": [
        "myapp.tasks.archive(keep=3)",
        "myapp.tasks.archive"
        "myapp.tasks.purge",
    ],
    "all": ["myapp.tasks.gone", "myapp.tasks.rebuild"],
    "nightly": {"0 2 * * *": ["myapp.tasks.purge"]},
}
# --- tasks.py
import frappe


def rebuild(full=False):
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()


def archive(keep=1):
    pass


def purge():
    pass
# --- reports.py
def gone():
    pass
