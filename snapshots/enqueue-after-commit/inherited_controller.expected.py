# --- controllers/base.py
from frappe.model.document import Document


class SyncedDocument(Document):
    pass
# --- doctype/customer_sync/customer_sync.py
import frappe

from myapp.controllers.base import SyncedDocument


class CustomerSync(SyncedDocument):
    def on_update(self):
        frappe.enqueue("myapp.tasks.push_customer", name=self.name, enqueue_after_commit=True)
# --- findings
# doctype/customer_sync/customer_sync.py:8:9: JF012 [safe] `enqueue` in document event `on_update` without `enqueue_after_commit=True`: the job can run before the document is committed
