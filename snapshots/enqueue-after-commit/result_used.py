import frappe
from frappe.model.document import Document


class Shipment(Document):
    def on_update(self):
        job = frappe.enqueue("myapp.tasks.track", name=self.name)
        self.db_set("tracking_job", job.id)


class Parcel(Document):
    def on_submit(self):
        job = frappe.enqueue("myapp.tasks.track", name=self.name)  # assigned, never read: fixed

    def after_insert(self):
        return frappe.enqueue("myapp.tasks.track", name=self.name)

    def on_cancel(self, **options):
        frappe.enqueue("myapp.tasks.untrack", name=self.name, **options)
