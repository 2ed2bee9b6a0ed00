# --- api.py
import frappe


@frappe.whitelist()
def queue_all():
    # the function takes a user: a real argument
    frappe.enqueue("myapp.jobs.for_user", user=frappe.session.user)
    # **kwargs takes anything
    frappe.enqueue("myapp.jobs.anything", user=frappe.session.user)
    # not in this app: nothing to read
    frappe.enqueue("frappe.desk.notifications.send", user=frappe.session.user)
    # no user=
    frappe.enqueue("myapp.jobs.nobody")
    # a keyword-only user parameter
    frappe.enqueue("myapp.jobs.keyword_only", user="x")
# --- jobs.py
def for_user(user):
    pass


def anything(**kwargs):
    pass


def nobody():
    pass


def keyword_only(*, user):
    pass
# --- findings
