# jobfix-snapshot: heavy=myapp.module.small_but_heavy light=myapp.module.rebuild_all
import frappe


def listed_heavy():
    frappe.enqueue("myapp.module.small_but_heavy", queue="long")


def listed_light():
    frappe.enqueue("myapp.module.rebuild_all")


def small_but_heavy():
    frappe.call("myapp.module.expensive")


def rebuild_all():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
# --- findings
# module.py:5:5: JF003 [unsafe] heavy `myapp.module.small_but_heavy` enqueued on the `default` queue without a timeout: it listed as heavy in [tool.jobfix] heavy, so it is stopped at 300 s as the data grows, and holds a worker that serves quick jobs until then
