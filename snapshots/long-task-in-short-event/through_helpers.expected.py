# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily_long": [
        "myapp.tasks.run_nightly",
    ],
}
# --- tasks/__init__.py
from myapp.tasks.nightly import run_nightly
# --- tasks/nightly.py
import frappe

from myapp.utils import recalculate_everything


def run_nightly():
    frappe.logger().info("starting")
    recalculate_everything()
# --- utils.py
import frappe


def recalculate_everything():
    invoices = frappe.get_all("Sales Invoice", fields=["name"])
    for invoice in invoices:
        frappe.get_doc("Sales Invoice", invoice.name).run_method("calculate_taxes_and_totals")
# --- findings
# hooks.py:5:9: JF008 [safe] heavy `myapp.tasks.run_nightly` under daily, on the default queue (300 s): it calls `myapp.utils.recalculate_everything`, which loops over an unbounded query (myapp.utils:6)
