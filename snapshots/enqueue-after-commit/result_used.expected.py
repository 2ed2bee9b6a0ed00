import frappe
from frappe.model.document import Document


class Shipment(Document):
    def on_update(self):
        job = frappe.enqueue("myapp.tasks.track", name=self.name)
        self.db_set("tracking_job", job.id)


class Parcel(Document):
    def on_submit(self):
        job = frappe.enqueue("myapp.tasks.track", name=self.name, enqueue_after_commit=True)  # assigned, never read: fixed

    def after_insert(self):
        return frappe.enqueue("myapp.tasks.track", name=self.name)

    def on_cancel(self, **options):
        frappe.enqueue("myapp.tasks.untrack", name=self.name, **options)
# --- findings
# module.py:7:15: JF012 [display-only] `enqueue` in document event `on_update` without `enqueue_after_commit=True`: the job can run before the document is committed
# module.py:13:15: JF012 [safe] `enqueue` in document event `on_submit` without `enqueue_after_commit=True`: the job can run before the document is committed
# module.py:16:16: JF012 [display-only] `enqueue` in document event `after_insert` without `enqueue_after_commit=True`: the job can run before the document is committed
# module.py:19:9: JF012 [display-only] `enqueue` in document event `on_cancel` without `enqueue_after_commit=True`: the job can run before the document is committed
