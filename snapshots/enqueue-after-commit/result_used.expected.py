import frappe
from frappe.model.document import Document


class Shipment(Document):
    def on_update(self):
        job = frappe.enqueue("myapp.tasks.track", name=self.name, enqueue_after_commit=True)
        self.db_set("tracking_job", job.id)
# --- findings
# module.py:7:15: JF012 [unsafe] `enqueue` in document event `on_update` without `enqueue_after_commit=True`: the job can run before the document is committed
