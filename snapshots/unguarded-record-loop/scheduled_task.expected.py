# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.rebuild_stats", "myapp.tasks.sync_orders"],
    "hourly": ["myapp.tasks.close_tasks", "myapp.tasks.submit_invoices"],
}
# --- tasks.py
import frappe
import requests
from rq.timeouts import JobTimeoutException


def rebuild_stats():
    for customer in frappe.get_all("Customer", pluck="name"):
        frappe.db.savepoint("sp_customer")
        try:
            # the stats document of this customer
            stats = frappe.get_doc("Customer Stats", customer)
            stats.save()
            frappe.db.commit()
        except JobTimeoutException:
            raise
        except Exception:
            frappe.db.rollback(save_point="sp_customer")
            frappe.log_error(title=f"rebuild_stats failed for {customer}"[:140], message=frappe.get_traceback())

    for customer in frappe.get_all("Supplier", pluck="name"):
        frappe.db.set_value("Supplier", customer, "checked", 1)


def sync_orders():
    orders = frappe.get_all("Sales Order", filters={"docstatus": 1}, fields=["name", "customer"])
    for order in orders:
        frappe.db.savepoint("sp_order")
        try:
            response = requests.post("https://erp.example.com/orders", json=order, timeout=30)
            frappe.db.set_value("Sales Order", order.name, "external_id", response.json()["id"])
        except JobTimeoutException:
            raise
        except Exception:
            frappe.db.rollback(save_point="sp_order")
            frappe.log_error(title=f"sync_orders failed for {order.name}"[:140], message=frappe.get_traceback())


def close_tasks():
    for i, (task, owner) in enumerate(frappe.get_all("Task", fields=["name", "owner"], as_list=True)):
        frappe.db.set_value("Task", task, "status", "Closed")
        if i % 100 == 0:
            frappe.db.commit()


def submit_invoices():
    for company in frappe.get_all("Company", pluck="name"):
        for invoice in frappe.get_all("Sales Invoice", filters={"company": company}, pluck="name"):
            frappe.db.savepoint("sp_invoice")
            try:
                frappe.get_doc("Sales Invoice", invoice).submit()
            except JobTimeoutException:
                raise
            except Exception:
                frappe.db.rollback(save_point="sp_invoice")
                frappe.log_error(title=f"submit_invoices failed for {invoice}"[:140], message=frappe.get_traceback())
# --- findings
# tasks.py:6:5: JF006 [unsafe] `rebuild_stats` calls `frappe.get_doc()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:18:5: JF006 [unsafe] `sync_orders` calls `requests.post()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
# tasks.py:32:9: JF006 [unsafe] `submit_invoices` calls `.submit()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
