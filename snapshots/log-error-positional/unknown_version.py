import frappe


# No bench, no declared frappe, no from-version: which Frappe this code is written for is unknown.
def push(invoice):
    try:
        send(invoice)
    except Exception:
        # a traceback beside a title: v13 and v14+ both store the traceback as the message
        frappe.log_error(frappe.get_traceback(), "Invoice push failed")


def webhook(payload):
    # v13: the message (titled "Error"); v14+: the title. Reported, not rewritten.
    frappe.log_error("Payment webhook without id")


def two_texts(name, body):
    frappe.log_error(f"Sync of {name} failed", body)
