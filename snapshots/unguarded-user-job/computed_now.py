# jobfix-snapshot: frappe-version=15
import frappe


@frappe.whitelist()
def start_export(report):
    # now= is false in production: a double click queues two exports there
    frappe.enqueue("myapp.module.export", report=report, now=frappe.flags.in_test)


@frappe.whitelist()
def start_import(name):
    from frappe import enqueue  # imported inside the function

    enqueue("myapp.module.export", report=name)


def export(report):
    pass
