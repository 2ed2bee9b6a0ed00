# --- api.py
import frappe
from frappe import enqueue as queue_job

from myapp.reports import rebuild_all


@frappe.whitelist()
def rebuild():
    # implicit default queue, target by dotted path
    frappe.enqueue("myapp.reports.rebuild_all")


@frappe.whitelist()
def rebuild_by_object():
    queue_job(rebuild_all, queue="short", company="ACME")


def rebuild_laid_out():
    frappe.enqueue(
        "myapp.reports.notify_all",
        queue="default",  # the queue
        subject="Rebuilt",
    )


def rebuild_positional():
    # queue passed by position: reported, no fix
    frappe.enqueue("myapp.reports.rebuild_all", "default")
# --- reports.py
import frappe


def rebuild_all(company=None):
    for name in frappe.get_all("Sales Invoice", pluck="name"):
        frappe.get_doc("Sales Invoice", name).save()


def notify_all(subject):
    for user in frappe.get_all("User", pluck="name"):
        frappe.sendmail(recipients=[user], subject=subject)
