# jobfix-snapshot: frappe-version=16
import frappe

from myapp.exports import export_customers


@frappe.whitelist()
def start_export(customer_group, fmt="csv"):
    # a double click queues the export twice
    frappe.enqueue("myapp.exports.export_customers", customer_group=customer_group, fmt=fmt, notify=True)
    return {"message": "Export started"}


@frappe.whitelist()
def start_export_laid_out(customer_group):
    frappe.enqueue(
        export_customers,
        queue="long",
        customer_group=customer_group,  # by function object
    )


class Exporter:
    @frappe.whitelist()
    def run(self):
        frappe.enqueue_doc(self.doctype, self.name, "export_rows", queue="long", enqueue_after_commit=True)


@frappe.whitelist()
def start_with_method(method, user_filter):
    frappe.enqueue(method, user=frappe.session.user, user_filter=user_filter)
