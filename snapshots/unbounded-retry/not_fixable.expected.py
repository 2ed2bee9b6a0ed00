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
# --- findings
# module.py:8:9: JF010 [display-only] `attempt_is_taken` enqueues itself again in an `except` handler with no attempt limit: while the error lasts it retries forever, and no failure is ever reported
# module.py:14:23: JF010 [display-only] `one_line_handler` enqueues itself again in an `except` handler with no attempt limit: while the error lasts it retries forever, and no failure is ever reported
# module.py:21:16: JF010 [display-only] `result_returned` enqueues itself again in an `except` handler with no attempt limit: while the error lasts it retries forever, and no failure is ever reported
