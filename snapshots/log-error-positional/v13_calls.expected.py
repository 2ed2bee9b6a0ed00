# jobfix-snapshot: from-version=13
import frappe
from frappe import log_error


def push(invoice):
    try:
        send(invoice)
    except Exception:
        frappe.log_error(message=frappe.get_traceback(), title="Invoice push failed")


def webhook(payload):
    if not payload.get("id"):
        frappe.log_error(message="Payment webhook without id", title="Error")


def title_first(name):
    frappe.log_error(title=f"Sync of {name} failed", message=frappe.get_traceback())


def both_dynamic(body, heading):
    log_error(message=body, title=heading)


def with_title_keyword(body):
    frappe.log_error(message=body, title="Import failed")


def message_keyword_only(body):
    frappe.log_error(message=body, title="Error")


def one_argument_per_line(body):
    frappe.log_error(
        message=body,  # what went wrong
        title="Multi-line call",
    )
# --- findings
# module.py:9:9: JF102 [safe] `frappe.log_error(<traceback>, <title>)` with positional arguments: the traceback is the message only through the swap heuristic
# module.py:14:9: JF102 [safe] `frappe.log_error` with one positional argument: v13 stores it as the message, v14+ as the title
# module.py:18:5: JF102 [safe] `frappe.log_error(<title>, <traceback>)` with positional arguments: the traceback is the message only through the swap heuristic
# module.py:22:5: JF102 [safe] `frappe.log_error` with positional arguments in v13 order (message, title): v14+ reads (title, message)
# module.py:26:5: JF102 [safe] `frappe.log_error` with one positional argument: v13 stores it as the message, v14+ as the title
# module.py:30:5: JF102 [safe] `frappe.log_error(message=...)` without a title: v13 titles it "Error", v14+ raises TypeError for any non-empty message (`"\n" in None`)
# module.py:34:5: JF102 [safe] `frappe.log_error` with positional arguments in v13 order (message, title): v14+ reads (title, message)
