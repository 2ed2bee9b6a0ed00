import frappe
from frappe.model.document import Document


def queue_push(order):
    frappe.enqueue("myapp.sync.push_order", job_id="push_order_" + order.name, order_name=order.name, deduplicate=True)


def queue_report(report):
    frappe.enqueue(
        "myapp.reports.build",
        queue="long",
        job_id=f"build_report::{report}",  # one per report
        report=report,
        deduplicate=True,
    )


def queue_keeping_deduplicate(name):
    # the author chose deduplicate=False: left as it is
    frappe.enqueue("myapp.sync.push_order", job_id=name, deduplicate=False, order_name=name)


class Invoice(Document):
    def resend(self):
        frappe.enqueue_doc(self.doctype, self.name, "send", job_id="send_" + self.name, deduplicate=True)
# --- findings
# module.py:6:5: JF104 [unsafe] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
# module.py:10:5: JF104 [unsafe] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
# module.py:20:5: JF104 [unsafe] `enqueue` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
# module.py:25:9: JF104 [unsafe] `enqueue_doc` with the deprecated `job_name=`: deprecated since v14.54.1, `job_name` only labels the job; `job_id` identifies it
