# jobfix-snapshot: from-version=13
import frappe
from frappe import log_error


def push(invoice):
    try:
        send(invoice)
    except Exception:
        frappe.log_error(frappe.get_traceback(), "Invoice push failed")


def webhook(payload):
    if not payload.get("id"):
        frappe.log_error("Payment webhook without id")


def title_first(name):
    frappe.log_error(f"Sync of {name} failed", frappe.get_traceback())


def both_dynamic(body, heading):
    log_error(body, heading)


def with_title_keyword(body):
    frappe.log_error(body, title="Import failed")


def message_keyword_only(body):
    frappe.log_error(message=body)


def one_argument_per_line(body):
    frappe.log_error(
        body,  # what went wrong
        "Multi-line call",
    )
