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
