# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.exports.nightly_export"],
}
# --- api.py
import frappe


@frappe.whitelist()
def start():
    frappe.enqueue("myapp.exports.with_progress")
    frappe.enqueue("myapp.exports.only_computes")


def internal():
    frappe.enqueue("myapp.exports.from_code")
# --- exports.py
import frappe


def with_progress():
    names = frappe.get_all("Customer", pluck="name")
    for i, name in enumerate(names):
        frappe.get_doc("Customer", name).save()
        frappe.publish_realtime("export_progress", {"done": i}, user=frappe.session.user)


def only_computes():
    total = 0
    for row in frappe.get_all("Sales Invoice", fields=["grand_total"]):
        total += row.grand_total
    return total


def from_code():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()


def nightly_export():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
# --- findings
