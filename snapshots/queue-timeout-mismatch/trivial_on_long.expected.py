# A light job on the long queue is not reported: it only waits behind long jobs, and a job that
# looks light often calls heavy code jobfix cannot see (a search index build, an import).
import frappe


@frappe.whitelist()
def notify_me_later():
    frappe.enqueue("myapp.module.send_one_notification", queue="long", user=frappe.session.user)


@frappe.whitelist()
def summarise_on_long():
    # not trivial (a query), not heavy: fine on long
    frappe.enqueue("myapp.module.summarise", queue="long")


def send_one_notification(user):
    frappe.publish_realtime("msgprint", {"message": "Done"}, user=user)


def summarise():
    count = frappe.db.count("ToDo", {"status": "Open"})
    total = frappe.db.sql("select sum(grand_total) from `tabSales Invoice`")
    frappe.cache().set_value("summary", {"count": count, "total": total})
# --- findings
