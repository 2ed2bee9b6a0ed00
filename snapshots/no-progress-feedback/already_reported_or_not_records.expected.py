# --- api.py
import frappe


@frappe.whitelist()
def start(names, centers):
    frappe.enqueue("myapp.jobs.through_a_helper", names=names)
    frappe.enqueue("myapp.jobs.shows_progress", names=names)
    frappe.enqueue("myapp.jobs.per_center", centers=centers)
    frappe.enqueue("myapp.jobs.bulk_submit", names=names)
    frappe.enqueue("myapp.jobs.rebuild", doctype=names)
    # after the request's own save: a side effect nobody watches
    frappe.enqueue("myapp.jobs.reindex", names=names, enqueue_after_commit=True)
# --- jobs.py
import frappe
from frappe import _


def through_a_helper(names):
    # progress is already reported, through the app's own helper
    for i, name in enumerate(names):
        publish(i, len(names))
        frappe.get_doc("Sales Invoice", name).submit()


def publish(done, total):
    frappe.publish_realtime("invoice_progress", {"done": done, "total": total})


def shows_progress(names):
    for i, name in enumerate(names):
        show_progress(names, "Applying", i, name)
        frappe.get_doc("Sales Invoice", name).submit()


def show_progress(names, title, i, name):
    pass


def per_center(centers):
    # a list the job builds for itself (its settings), not the records the user chose
    for center in get_centers():
        frappe.get_doc("Center", center).save()


def get_centers():
    return ["main"]


def bulk_submit(names):
    # the records the user chose, submitted one by one: the one finding here
    records_seen = 0
    for name in names:
        if records_seen % 100 == 0:
            frappe.publish_progress(percent=records_seen * 100 / len(names), title=_("Bulk Submit"))
        records_seen += 1
        frappe.get_doc("Sales Invoice", name).submit()


def rebuild(doctype):
    # recursion: each child call would start a progress bar of its own
    for child in frappe.get_all("DocField", filters={"options": doctype}, pluck="parent"):
        rebuild(child)
    frappe.get_doc("DocType", doctype).save()


def reindex(names):
    for name in names:
        frappe.get_doc("Sales Invoice", name).run_method("reindex")
# --- findings
# jobs.py:37:5: JF009 [safe] `bulk_submit` loops over records without `publish_progress`: it runs in the background for `myapp.api.start`, and the user sees nothing until it ends
