# --- api.py
import frappe


@frappe.whitelist()
def start():
    frappe.enqueue("myapp.exports.export_open")
# --- exports.py
import frappe


def export_open():
    names = open_customers()
    for name in names:
        frappe.get_doc("Customer", name).save()
    names = [n for n in names if n]


def open_customers():
    return (c.name for c in frappe.get_all("Customer", fields=["name", "disabled"]) if not c.disabled)
# --- findings
# exports.py:6:5: JF009 [display-only] `export_open` loops over records without `publish_progress`: it runs in the background for `myapp.api.start`, and the user sees nothing until it ends
