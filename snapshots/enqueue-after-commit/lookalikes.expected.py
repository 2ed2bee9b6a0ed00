import frappe
from frappe.model.document import Document


class Invoice(Document):
    def send_reminder(self):
        # a button on the form, not a document event
        frappe.enqueue("myapp.tasks.remind", name=self.name)

    def on_submit(self):
        frappe.enqueue("myapp.tasks.post", name=self.name, enqueue_after_commit=False)
        frappe.enqueue("myapp.tasks.post_now", name=self.name, now=True)
        frappe.enqueue("myapp.tasks.with_kwargs", **self.job_kwargs())

        def later():
            frappe.enqueue("myapp.tasks.nested", name=self.name)

        return later

    def on_cancel(self):
        frappe.enqueue("myapp.tasks.unpost", name=self.name, enqueue_after_commit=True)


class NotADocument:
    def on_submit(self):
        frappe.enqueue("myapp.tasks.post", name="x")


@frappe.whitelist()
def start_export():
    frappe.enqueue("myapp.tasks.export")
# --- findings
# module.py:13:9: JF012 [display-only] `enqueue` in document event `on_submit` without `enqueue_after_commit=True`: the job can run before the document is committed
