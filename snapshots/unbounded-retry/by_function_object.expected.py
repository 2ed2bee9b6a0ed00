# --- sync.py
import requests
from frappe.utils.background_jobs import enqueue
import frappe


def push_order(
    order_name,
    endpoint="https://erp.example.com/orders",  # the ERP
    *,
    attempt=1,
    max_attempts=3,
):
    try:
        requests.post(endpoint, json={"name": order_name}, timeout=30)
    except requests.ConnectionError:
        if attempt < max_attempts:
            enqueue(push_order, queue="long", order_name=order_name, endpoint=endpoint, attempt=attempt + 1, max_attempts=max_attempts)
        else:
            frappe.log_error(title=f"myapp.sync.push_order failed {max_attempts} times", message=frappe.get_traceback())
    except requests.Timeout:
        if attempt < max_attempts:
            enqueue(
                "myapp.sync.push_order",
                order_name=order_name,
                attempt=attempt + 1,
                max_attempts=max_attempts,
            )
        else:
            frappe.log_error(title=f"myapp.sync.push_order failed {max_attempts} times", message=frappe.get_traceback())


def push_all(*names, **options):
    try:
        for name in names:
            requests.post("https://erp.example.com/orders", json={"name": name}, timeout=30)
    except Exception:
        enqueue("myapp.sync.push_all", **options)
# --- findings
# sync.py:12:9: JF010 [unsafe] `push_order` enqueues itself again in an `except` handler with no attempt limit: while the error lasts it retries forever, and no failure is ever reported
# sync.py:14:9: JF010 [unsafe] `push_order` enqueues itself again in an `except` handler with no attempt limit: while the error lasts it retries forever, and no failure is ever reported
# sync.py:25:9: JF010 [display-only] `push_all` enqueues itself again in an `except` handler with no attempt limit: while the error lasts it retries forever, and no failure is ever reported
