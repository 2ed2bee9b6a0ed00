# jobfix-snapshot: frappe-version=13
import frappe


def message_keyword_only(body):
    # v13 titles it "Error"; only v14+ raises TypeError here, and the target is v13
    frappe.log_error(message=body)
# --- findings
