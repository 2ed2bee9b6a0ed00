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



def queued_in_production(flags):
    # now= computed: false in production, where the job is queued on the default queue
    frappe.enqueue("myapp.reports.rebuild_all", now=frappe.flags.in_test)


def imported_inside():
    from frappe.utils.background_jobs import enqueue

    enqueue("myapp.reports.rebuild_all")
# --- reports.py
import frappe


def rebuild_all(company=None):
    for name in frappe.get_all("Sales Invoice", pluck="name"):
        frappe.get_doc("Sales Invoice", name).save()


def notify_all(subject):
    for user in frappe.get_all("User", pluck="name"):
        frappe.sendmail(recipients=[user], subject=subject)
