import frappe


# No bench, no declared frappe, no from-version: which Frappe this code is written for is unknown.
def push(invoice):
    try:
        send(invoice)
    except Exception:
        # a traceback beside a title: v13 and v14+ both store the traceback as the message
        frappe.log_error(message=frappe.get_traceback(), title="Invoice push failed")


def webhook(payload):
    # v13: the message (titled "Error"); v14+: the title. Reported, not rewritten.
    frappe.log_error("Payment webhook without id")


def two_texts(name, body):
    frappe.log_error(f"Sync of {name} failed", body)
# --- findings
# module.py:10:9: JF102 [safe] `frappe.log_error(<traceback>, <title>)` with positional arguments: the traceback is the message only through the swap heuristic
# module.py:15:5: JF102 [display-only] `frappe.log_error` with one positional argument: the Frappe this code is written for is unknown, and v13 stores it as the message, v14+ as the title
# module.py:19:5: JF102 [display-only] `frappe.log_error` with two positional arguments: the Frappe this code is written for is unknown, and v13 reads them as (message, title), v14+ as (title, message)
