import frappe
from frappe.model.document import Document


def queue_push(order):
    frappe.enqueue("myapp.sync.push_order", job_name="push_order_" + order.name, order_name=order.name)


def queue_report(report):
    frappe.enqueue(
        "myapp.reports.build",
        queue="long",
        job_name=f"build_report::{report}",  # one per report
        report=report,
    )


def queue_keeping_deduplicate(name):
    # the author chose deduplicate=False: left as it is
    frappe.enqueue("myapp.sync.push_order", job_name=name, deduplicate=False, order_name=name)


class Invoice(Document):
    def resend(self):
        frappe.enqueue_doc(self.doctype, self.name, "send", job_name="send_" + self.name)
