import frappe
from frappe.model.document import Document


class Shipment(Document):
    def on_update(self):
        job = frappe.enqueue("myapp.tasks.track", name=self.name)
        self.db_set("tracking_job", job.id)
