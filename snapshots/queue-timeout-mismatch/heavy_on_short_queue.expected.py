# --- api.py
import frappe
from frappe import enqueue as queue_job

from myapp.reports import rebuild_all


@frappe.whitelist()
def rebuild():
    # implicit default queue, target by dotted path
    frappe.enqueue("myapp.reports.rebuild_all", queue="long")


@frappe.whitelist()
def rebuild_by_object():
    queue_job(rebuild_all, queue="long", company="ACME")


def rebuild_laid_out():
    frappe.enqueue(
        "myapp.reports.notify_all",
        queue="long",  # the queue
        subject="Rebuilt",
    )


def rebuild_positional():
    # queue passed by position: reported, no fix
    frappe.enqueue("myapp.reports.rebuild_all", "default")



def queued_in_production(flags):
    # now= computed: false in production, where the job is queued on the default queue
    frappe.enqueue("myapp.reports.rebuild_all", now=frappe.flags.in_test, queue="long")


def imported_inside():
    from frappe.utils.background_jobs import enqueue

    enqueue("myapp.reports.rebuild_all", queue="long")
# --- reports.py
import frappe


def rebuild_all(company=None):
    for name in frappe.get_all("Sales Invoice", pluck="name"):
        frappe.get_doc("Sales Invoice", name).save()


def notify_all(subject):
    for user in frappe.get_all("User", pluck="name"):
        frappe.sendmail(recipients=[user], subject=subject)
# --- findings
# api.py:10:5: JF003 [unsafe] heavy `myapp.reports.rebuild_all` enqueued on the `default` queue without a timeout: it loops over an unbounded query (myapp.reports:5), so it is stopped at 300 s as the data grows, and holds a worker that serves quick jobs until then
# api.py:15:5: JF003 [unsafe] heavy `myapp.reports.rebuild_all` enqueued on the `short` queue without a timeout: it loops over an unbounded query (myapp.reports:5), so it is stopped at 300 s as the data grows, and holds a worker that serves quick jobs until then
# api.py:19:5: JF003 [unsafe] heavy `myapp.reports.notify_all` enqueued on the `default` queue without a timeout: it loops over an unbounded query (myapp.reports:10), so it is stopped at 300 s as the data grows, and holds a worker that serves quick jobs until then
# api.py:28:5: JF003 [display-only] heavy `myapp.reports.rebuild_all` enqueued on the `default` queue without a timeout: it loops over an unbounded query (myapp.reports:5), so it is stopped at 300 s as the data grows, and holds a worker that serves quick jobs until then
# api.py:34:5: JF003 [unsafe] heavy `myapp.reports.rebuild_all` enqueued on the `default` queue without a timeout: it loops over an unbounded query (myapp.reports:5), so it is stopped at 300 s as the data grows, and holds a worker that serves quick jobs until then
# api.py:40:5: JF003 [unsafe] heavy `myapp.reports.rebuild_all` enqueued on the `default` queue without a timeout: it loops over an unbounded query (myapp.reports:5), so it is stopped at 300 s as the data grows, and holds a worker that serves quick jobs until then
