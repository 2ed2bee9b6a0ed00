# jobfix-snapshot: frappe-version=15
import frappe

from myapp.exports import export_customers


@frappe.whitelist()
def export(kind):
    # two calls that differ only in a constant: each needs its own id
    if kind == "full":
        frappe.enqueue("myapp.exports.run", mode="full", job_id=f"myapp.exports.run::{frappe.session.user}::mode=full", deduplicate=True)
    else:
        frappe.enqueue("myapp.exports.run", mode="delta", job_id=f"myapp.exports.run::{frappe.session.user}::mode=delta", deduplicate=True)


@frappe.whitelist()
def start(group):
    handler = export_customers if group else None
    frappe.enqueue(handler, group=group)  # a function object: its text differs between processes


@frappe.whitelist()
def on_document(doctype, name):
    frappe.enqueue_doc(doctype, name, "export_rows", queue="long", fmt="csv", job_id=f"{doctype}::{name}::export_rows::{frappe.session.user}::fmt=csv", deduplicate=True)


class BOMCreator:
    @frappe.whitelist()
    def enqueue_create_boms(self):
        frappe.enqueue(self.create_boms, queue="short")  # a bound method: no dotted path to name it by

    def create_boms(self):
        pass
# --- findings
# module.py:10:9: JF004 [unsafe] `enqueue` in whitelisted `export` without a `job_id`: a double click or a retried request queues the job twice
# module.py:12:9: JF004 [unsafe] `enqueue` in whitelisted `export` without a `job_id`: a double click or a retried request queues the job twice
# module.py:18:5: JF004 [display-only] `enqueue` in whitelisted `start` without a `job_id`: a double click or a retried request queues the job twice
# module.py:23:5: JF004 [unsafe] `enqueue_doc` in whitelisted `on_document` without a `job_id`: a double click or a retried request queues the job twice
# module.py:29:9: JF004 [display-only] `enqueue` in whitelisted `enqueue_create_boms` without a `job_id`: a double click or a retried request queues the job twice
