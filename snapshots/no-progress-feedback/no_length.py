# --- api.py
import frappe


@frappe.whitelist()
def start():
    frappe.enqueue("myapp.exports.export_streamed")
    frappe.enqueue("myapp.exports.export_bound_stream")
    frappe.enqueue("myapp.exports.export_listed")
# --- exports.py
import frappe


def export_streamed():
    # a cursor: rows come one by one and len() would fail
    for row in frappe.db.sql("select name from `tabCustomer`", as_dict=True, as_iterator=True):
        frappe.get_doc("Customer", row.name).save()


def export_bound_stream():
    rows = frappe.db.sql("select name from `tabCustomer`", as_iterator=True)
    for row in rows:
        frappe.get_doc("Customer", row[0]).save()


def export_listed():
    rows = frappe.db.sql("select name from `tabCustomer`", as_dict=True)
    for row in rows:
        frappe.get_doc("Customer", row.name).save()
