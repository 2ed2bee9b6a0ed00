from frappe import whitelist
from frappe.utils.background_jobs import enqueue


@whitelist()
def start(doc_name):
    # no `import frappe` here: the fix adds it for frappe.session.user
    enqueue("myapp.module.work", doc_name=doc_name)


def work(doc_name):
    pass
