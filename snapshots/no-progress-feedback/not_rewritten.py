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
