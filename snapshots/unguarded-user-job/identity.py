# jobfix-snapshot: frappe-version=15
import frappe

from myapp.exports import export_customers


@frappe.whitelist()
def export(kind):
    # two calls that differ only in a constant: each needs its own id
    if kind == "full":
        frappe.enqueue("myapp.exports.run", mode="full")
    else:
        frappe.enqueue("myapp.exports.run", mode="delta")


@frappe.whitelist()
def start(group):
    handler = export_customers if group else None
    frappe.enqueue(handler, group=group)  # a function object: its text differs between processes


@frappe.whitelist()
def on_document(doctype, name):
    frappe.enqueue_doc(doctype, name, "export_rows", queue="long", fmt="csv")


class BOMCreator:
    @frappe.whitelist()
    def enqueue_create_boms(self):
        frappe.enqueue(self.create_boms, queue="short")  # a bound method: no dotted path to name it by

    def create_boms(self):
        pass
