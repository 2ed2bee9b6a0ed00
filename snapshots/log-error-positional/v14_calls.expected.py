# jobfix-snapshot: from-version=14
import frappe


def push(invoice):
    try:
        send(invoice)
    except Exception:
        frappe.log_error(message=frappe.get_traceback(), title="Invoice push failed")


def webhook(payload):
    frappe.log_error(title="Payment webhook without id")


def with_reference(doc, body):
    frappe.log_error(title="Sync failed", message=body, reference_doctype=doc.doctype, reference_name=doc.name)


def title_positional_message_keyword(body):
    frappe.log_error(title="Sync failed", message=body)
# --- findings
# module.py:8:9: JF102 [safe] `frappe.log_error(<traceback>, <title>)`: the traceback is the message only through the swap heuristic (frappe-api.md §6)
# module.py:12:5: JF102 [safe] `frappe.log_error` with one positional argument: the title on v14+, the message on v13 (frappe-api.md §6)
# module.py:16:5: JF102 [safe] `frappe.log_error` with positional arguments in v14+ order (title, message); v13 reads (message, title) (frappe-api.md §6)
# module.py:20:5: JF102 [safe] `frappe.log_error` with one positional argument: the title on v14+, the message on v13 (frappe-api.md §6)
