import frappe


def over_default():
    frappe.enqueue("myapp.module.work", timeout=1200)


def over_short_computed():
    frappe.enqueue("myapp.module.work", queue="short", timeout=25 * 60)


def over_long():
    frappe.enqueue("myapp.module.work", queue="long", timeout=4000)


def over_default_and_long():
    frappe.enqueue("myapp.module.work", timeout=2 * 60 * 60)


def document_method():
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "resend", timeout=900)


def work():
    pass


def document_method_on_long():
    # enqueue_doc's own timeout=300 is passed on: without a timeout this still dies at 300 s
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "repost", queue="long")


def document_method_on_long_with_timeout():
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "repost", queue="long", timeout=3000)
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "repost", "long", 3000)


def custom_queue_with_its_own_timeout():
    frappe.enqueue("myapp.module.work", queue="long", timeout=10000)  # honoured on every queue
