# --- controllers/base.py
from frappe.model.document import Document


class SyncedDocument(Document):
    pass
# --- doctype/customer_sync/customer_sync.py
import frappe

from myapp.controllers.base import SyncedDocument


class CustomerSync(SyncedDocument):
    def on_update(self):
        frappe.enqueue("myapp.tasks.push_customer", name=self.name)
