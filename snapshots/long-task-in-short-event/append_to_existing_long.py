# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily_long": ["myapp.tasks.already_long"],
    "daily": ["myapp.tasks.rebuild_stats"],
    "monthly": "myapp.tasks.yearly_close",
    'hourly_long': 'myapp.tasks.other',
    'hourly': ['myapp.tasks.sync_all', 'myapp.tasks.light'],
}
# --- tasks.py
import frappe
import requests


def already_long():
    pass


def rebuild_stats():
    for name in frappe.get_list("Customer", pluck="name"):
        for order in frappe.get_all("Sales Order", filters={"customer": name}, limit=5):
            pass


def yearly_close():
    for account in frappe.get_all("Account"):
        frappe.get_doc("Account", account.name).save()


def other():
    pass


def sync_all(records=None):
    for record in records or []:
        requests.post("https://example.com", json=record, timeout=5)


def light():
    return 1
