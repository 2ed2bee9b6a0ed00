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


def export_customers(customer_group):
    rows = []
    # every customer of the group
    for name in frappe.get_all("Customer", filters={"customer_group": customer_group}, pluck="name"):
        rows.append(frappe.get_doc("Customer", name).as_dict())
    frappe.get_doc({"doctype": "File", "file_name": "customers.json", "content": frappe.as_json(rows)}).insert()


def resend_invoices(names):
    for name in names:
        frappe.get_doc("Sales Invoice", name).run_method("send_email")


def close_orders():
    orders = frappe.get_all("Sales Order", filters={"status": "To Deliver"}, pluck="name")
    for i, order in enumerate(orders):
        frappe.db.set_value("Sales Order", order, "status", "Closed")


def rename_items():
    for _, item in enumerate(frappe.get_all("Item", pluck="name")):
        frappe.rename_doc("Item", item, item.upper())
