import frappe


def over_default():
    frappe.enqueue("myapp.module.work", timeout=1200, queue="long")


def over_short_computed():
    frappe.enqueue("myapp.module.work", queue="long", timeout=25 * 60)


def over_long():
    frappe.enqueue("myapp.module.work", queue="long", timeout=4000)


def over_default_and_long():
    frappe.enqueue("myapp.module.work", timeout=2 * 60 * 60, queue="long")


def document_method():
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "resend", timeout=900, queue="long")


def work():
    pass


def document_method_on_long():
    # enqueue_doc's own timeout=300 is passed on: without a timeout this still dies at 300 s
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "repost", queue="long", timeout=1500)


def document_method_on_long_with_timeout():
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "repost", queue="long", timeout=3000)
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "repost", "long", 3000)


def custom_queue_with_its_own_timeout():
    frappe.enqueue("myapp.module.work", queue="long", timeout=10000)  # honoured on every queue
# --- findings
# module.py:5:5: JF003 [unsafe] `enqueue` with `timeout=1200` on the `default` queue: Frappe honours it, but the job holds one of the `default` workers that serve quick jobs for up to 1200 s
# module.py:9:5: JF003 [unsafe] `enqueue` with `timeout=1500` on the `short` queue: Frappe honours it, but the job holds one of the `short` workers that serve quick jobs for up to 1500 s
# module.py:17:5: JF003 [unsafe] `enqueue` with `timeout=7200` on the `default` queue: Frappe honours it, but the job holds one of the `default` workers that serve quick jobs for up to 7200 s
# module.py:21:5: JF003 [unsafe] `enqueue_doc` with `timeout=900` on the `default` queue: Frappe honours it, but the job holds one of the `default` workers that serve quick jobs for up to 900 s
# module.py:30:5: JF003 [unsafe] `enqueue_doc(..., queue="long")` without `timeout`: `enqueue_doc` passes its own `timeout=300`, so the job is still stopped at 300 s, not at the long queue's 1500 s
