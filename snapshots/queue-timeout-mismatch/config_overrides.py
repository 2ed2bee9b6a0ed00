# jobfix-snapshot: heavy=myapp.module.small_but_heavy light=myapp.module.rebuild_all
import frappe


def listed_heavy():
    frappe.enqueue("myapp.module.small_but_heavy")


def listed_light():
    frappe.enqueue("myapp.module.rebuild_all")


def small_but_heavy():
    frappe.call("myapp.module.expensive")


def rebuild_all():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
