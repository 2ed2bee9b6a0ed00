# --- api.py
import frappe


@frappe.whitelist()
def start():
    frappe.enqueue("myapp.exports.export_streamed")
    frappe.enqueue("myapp.exports.export_bound_stream")
    frappe.enqueue("myapp.exports.export_listed")
# --- exports.py
import frappe
from frappe import _


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
    records_seen = 0
    for row in rows:
        if records_seen % 100 == 0:
            frappe.publish_progress(percent=records_seen * 100 / len(rows), title=_("Export Listed"))
        records_seen += 1
        frappe.get_doc("Customer", row.name).save()
# --- findings
# exports.py:6:5: JF009 [display-only] `export_streamed` loops over records without `publish_progress`: it runs in the background for `myapp.api.start`, and the user sees nothing until it ends
# exports.py:12:5: JF009 [display-only] `export_bound_stream` loops over records without `publish_progress`: it runs in the background for `myapp.api.start`, and the user sees nothing until it ends
# exports.py:18:5: JF009 [safe] `export_listed` loops over records without `publish_progress`: it runs in the background for `myapp.api.start`, and the user sees nothing until it ends
