import frappe


def attempt_is_taken(record, attempt=None):
    try:
        frappe.get_doc("Record", record).run()
    except Exception:
        frappe.enqueue("myapp.module.attempt_is_taken", record=record, attempt=attempt)


def one_line_handler(record):
    try:
        frappe.get_doc("Record", record).run()
    except Exception: frappe.enqueue("myapp.module.one_line_handler", record=record)


def result_returned(record):
    try:
        frappe.get_doc("Record", record).run()
    except Exception:
        return frappe.enqueue("myapp.module.result_returned", record=record)
