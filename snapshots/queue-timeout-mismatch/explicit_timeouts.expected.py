import frappe


def over_default():
    frappe.enqueue("myapp.module.work", timeout=1200, queue="long")


def over_short_computed():
    frappe.enqueue("myapp.module.work", queue="long", timeout=25 * 60)


def over_long():
    frappe.enqueue("myapp.module.work", queue="long", timeout=4000)


def over_default_and_long():
    frappe.enqueue("myapp.module.work", timeout=2 * 60 * 60)


def document_method():
    frappe.enqueue_doc("Sales Invoice", "SINV-0001", "resend", timeout=900, queue="long")


def work():
    pass
# --- findings
# module.py:5:5: JF003 [unsafe] `enqueue` with `timeout=1200` on the `default` queue (300 s): longer than the queue allows
# module.py:9:5: JF003 [unsafe] `enqueue` with `timeout=1500` on the `short` queue (300 s): longer than the queue allows
# module.py:13:5: JF003 [display-only] `enqueue` with `timeout=4000` on the long queue: more than its 1500 s
# module.py:17:5: JF003 [display-only] `enqueue` with `timeout=7200` on the `default` queue (300 s): more than even the long queue's 1500 s
# module.py:21:5: JF003 [unsafe] `enqueue_doc` with `timeout=900` on the `default` queue (300 s): longer than the queue allows
