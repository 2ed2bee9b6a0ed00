from frappe import whitelist
from frappe.utils.background_jobs import enqueue
import frappe


@whitelist()
def start(doc_name):
    # no `import frappe` here: the fix adds it for frappe.session.user
    enqueue("myapp.module.work", doc_name=doc_name, job_id=f"myapp.module.work::{frappe.session.user}::doc_name={doc_name}", deduplicate=True)


def work(doc_name):
    pass
# --- findings
# module.py:8:5: JF004 [unsafe] `enqueue` in whitelisted `start` without a `job_id`: a double click or a retried request queues the job twice
