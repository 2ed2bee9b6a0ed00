# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily_long": ["myapp.tasks.already_long", "myapp.tasks.rebuild_stats"],
    "monthly_long": "myapp.tasks.yearly_close",
    'hourly_long': ['myapp.tasks.other', 'myapp.tasks.sync_all'],
    'hourly': ['myapp.tasks.light'],
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
# --- findings
# hooks.py:5:15: JF008 [safe] heavy `myapp.tasks.rebuild_stats` under daily, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:10)
# hooks.py:6:16: JF008 [safe] heavy `myapp.tasks.yearly_close` under monthly, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:16)
# hooks.py:8:16: JF008 [safe] heavy `myapp.tasks.sync_all` under hourly, on the default queue (300 s): it calls `requests.post()` once per record in a loop (myapp.tasks:26)
