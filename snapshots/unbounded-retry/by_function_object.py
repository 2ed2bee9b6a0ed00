# --- sync.py
import requests
from frappe.utils.background_jobs import enqueue


def push_order(
    order_name,
    endpoint="https://erp.example.com/orders",  # the ERP
):
    try:
        requests.post(endpoint, json={"name": order_name}, timeout=30)
    except requests.ConnectionError:
        enqueue(push_order, queue="long", order_name=order_name, endpoint=endpoint)
    except requests.Timeout:
        enqueue(
            "myapp.sync.push_order",
            order_name=order_name,
        )


def push_all(*names, **options):
    try:
        for name in names:
            requests.post("https://erp.example.com/orders", json={"name": name}, timeout=30)
    except Exception:
        enqueue("myapp.sync.push_all", **options)
