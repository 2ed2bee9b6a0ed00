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
# module.py:10:9: JF102 [safe] `frappe.log_error(<traceback>, <title>)`: the traceback is the message only through the swap heuristic (frappe-api.md §6)
# module.py:15:5: JF102 [display-only] `frappe.log_error` with one positional argument, and the Frappe this code is written for is unknown: v13 stores it as the message, v14+ as the title (frappe-api.md §6)
# module.py:19:5: JF102 [display-only] `frappe.log_error` with two positional arguments, and the Frappe this code is written for is unknown: v13 reads (message, title), v14+ (title, message) (frappe-api.md §6)
