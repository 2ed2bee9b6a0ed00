# jobfix-snapshot: from-version=14
import frappe


def push(invoice):
    try:
        send(invoice)
    except Exception:
        frappe.log_error(frappe.get_traceback(), "Invoice push failed")


def webhook(payload):
    frappe.log_error("Payment webhook without id")


def with_reference(doc, body):
    frappe.log_error("Sync failed", body, doc.doctype, doc.name)


def title_positional_message_keyword(body):
    frappe.log_error("Sync failed", message=body)
# --- findings
