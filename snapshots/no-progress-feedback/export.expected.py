# --- api.py
import frappe


@frappe.whitelist()
def start_export(customer_group):
    frappe.enqueue("myapp.exports.export_customers", queue="long", customer_group=customer_group)


@frappe.whitelist()
def start_resend(names):
    frappe.enqueue("myapp.exports.resend_invoices", names=names)
    frappe.enqueue("myapp.exports.close_orders", queue="long")
    frappe.enqueue("myapp.exports.rename_items")
# --- exports.py
import frappe
from frappe import _


def export_customers(customer_group):
    rows = []
    # every customer of the group
    records = frappe.get_all("Customer", filters={"customer_group": customer_group}, pluck="name")
    records_seen = 0
    for name in records:
        if records_seen % 100 == 0:
            frappe.publish_progress(percent=records_seen * 100 / len(records), title=_("Export Customers"))
        records_seen += 1
        rows.append(frappe.get_doc("Customer", name).as_dict())
    frappe.get_doc({"doctype": "File", "file_name": "customers.json", "content": frappe.as_json(rows)}).insert()


def resend_invoices(names):
    records_seen = 0
    for name in names:
        if records_seen % 100 == 0:
            frappe.publish_progress(percent=records_seen * 100 / len(names), title=_("Resend Invoices"))
        records_seen += 1
        frappe.get_doc("Sales Invoice", name).run_method("send_email")


def close_orders():
    orders = frappe.get_all("Sales Order", filters={"status": "To Deliver"}, pluck="name")
    records_seen = 0
    for i, order in enumerate(orders):
        if records_seen % 100 == 0:
            frappe.publish_progress(percent=records_seen * 100 / len(orders), title=_("Close Orders"))
        records_seen += 1
        frappe.db.set_value("Sales Order", order, "status", "Closed")


def rename_items():
    records = frappe.get_all("Item", pluck="name")
    records_seen = 0
    for _, item in enumerate(records):
        if records_seen % 100 == 0:
            frappe.publish_progress(percent=records_seen * 100 / len(records), title="Rename Items")
        records_seen += 1
        frappe.rename_doc("Item", item, item.upper())
# --- findings
# exports.py:7:5: JF009 [safe] `export_customers` loops over records without `publish_progress`: it runs in the background for `myapp.api.start_export`, and the user sees nothing until it ends
# exports.py:13:5: JF009 [safe] `resend_invoices` loops over records without `publish_progress`: it runs in the background for `myapp.api.start_resend`, and the user sees nothing until it ends
# exports.py:19:5: JF009 [safe] `close_orders` loops over records without `publish_progress`: it runs in the background for `myapp.api.start_resend`, and the user sees nothing until it ends
# exports.py:24:5: JF009 [safe] `rename_items` loops over records without `publish_progress`: it runs in the background for `myapp.api.start_resend`, and the user sees nothing until it ends
