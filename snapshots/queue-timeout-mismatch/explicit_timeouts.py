import frappe


def over_default():
    frappe.enqueue("myapp.module.work", timeout=1200)


def over_short_computed():
    frappe.enqueue("myapp.module.work", queue="short", timeout=25 * 60)


def over_long():
    frappe.enqueue("myapp.module.work", queue="long", timeout=4000)


def over_default_and_long():
    frappe.enqueue("myapp.module.work", timeout=2 * 60 * 60)


def document_method():
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "resend", timeout=900)


def work():
    pass
