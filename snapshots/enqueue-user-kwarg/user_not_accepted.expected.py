# --- api.py
import frappe
from myapp.notifications import send_one_notification


@frappe.whitelist()
def notify_me_later():
    frappe.enqueue(
        "myapp.notifications.send_one_notification",
        queue="long",
        user=frappe.session.user,
    )


@frappe.whitelist()
def notify_now():
    frappe.enqueue(send_one_notification, now=True, user="Administrator")
# --- notifications.py
import frappe


def send_one_notification(message="Done"):
    frappe.publish_realtime("msgprint", {"message": message})
# --- findings
# api.py:7:5: JF106 [display-only] `enqueue(..., user=...)` does not set the job's user: `enqueue` has no `user` parameter, so `user` goes to `myapp.notifications.send_one_notification`, which does not accept it (TypeError in the worker); the job already runs as the user who enqueued it
# api.py:16:5: JF106 [display-only] `enqueue(..., user=...)` does not set the job's user: `enqueue` has no `user` parameter, so `user` goes to `myapp.notifications.send_one_notification`, which does not accept it (with `now=True` `frappe.call` drops it); the job already runs as the user who enqueued it
