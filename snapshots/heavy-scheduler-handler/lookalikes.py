# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": [
        "myapp.tasks.computes",
        "myapp.tasks.result_used",
        "myapp.tasks.framework_call",
        "myapp.tasks.method_call",
        "myapp.tasks.already_enqueued",
    ],
}
# --- tasks.py
import frappe


def computes():
    total = 0
    for row in frappe.get_all("Sales Invoice", fields=["grand_total"]):
        add(row.grand_total)
    return total


def add(amount):
    return amount * 2


def result_used():
    for name in frappe.get_all("Customer", pluck="name"):
        ok = touch(name)
        print(ok)


def touch(name):
    frappe.get_doc("Customer", name).save()
    return True


def framework_call():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.delete_doc("Customer", name)


class Syncer:
    def run(self, name):
        frappe.get_doc("Customer", name).save()


def method_call():
    syncer = Syncer()
    for name in frappe.get_all("Customer", pluck="name"):
        syncer.run(name)


def already_enqueued():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.enqueue("myapp.tasks.touch", queue="long", name=name)


def not_scheduled():
    for name in frappe.get_all("Customer", pluck="name"):
        touch(name)
