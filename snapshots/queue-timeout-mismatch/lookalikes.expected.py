import frappe
from rq import Queue


def fits():
    frappe.enqueue("myapp.module.rebuild_all", queue="long", timeout=1500)
    frappe.enqueue("myapp.module.light", timeout=300)


def heavy_with_a_timeout_that_fits():
    # an explicit timeout within the queue's limit is the author's estimate
    frappe.enqueue("myapp.module.rebuild_all", timeout=240)


def computed(queue, timeout):
    frappe.enqueue("myapp.module.rebuild_all", queue=queue)
    frappe.enqueue("myapp.module.light", timeout=timeout)


def in_process():
    frappe.enqueue("myapp.module.rebuild_all", now=True)
    frappe.enqueue("myapp.module.rebuild_all", is_async=False)


def passes_kwargs(**kwargs):
    frappe.enqueue("myapp.module.rebuild_all", **kwargs)


def not_an_app_function():
    frappe.enqueue("frappe.utils.global_search.rebuild_for_doctype", doctype="Customer")


def rq_itself(connection):
    Queue("default", connection=connection).enqueue("myapp.module.rebuild_all", timeout=4000)


def rebuild_all():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()


def light():
    return frappe.db.count("Customer")


def a_few_saves(names):
    # a save per name in a loop over what the caller passed: not enough to say it outgrows 300 s
    frappe.enqueue("myapp.module.save_each", names=["a", "b"])


def save_each(names):
    for name in names:
        frappe.get_doc("Customer", name).save()
# --- findings
