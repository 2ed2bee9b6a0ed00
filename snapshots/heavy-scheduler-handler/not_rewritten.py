# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": [
        "myapp.tasks.by_queue",
        "myapp.tasks.by_expression",
        "myapp.tasks.starred",
        "myapp.tasks.missing",
        "myapp.tasks.same_args",
    ],
}
# --- tasks.py
import frappe


def by_queue():
    for name in frappe.get_all("Customer", pluck="name"):
        move(name, "long")


def move(name, queue):
    frappe.get_doc("Customer", name).run_method("move_to", queue)


def by_expression():
    for row in frappe.get_all("Customer", fields=["name"]):
        touch(row["name"])


def touch(name):
    frappe.get_doc("Customer", name).save()


def starred():
    for names in frappe.db.sql("select name from tabCustomer"):
        touch_all(*names)


def touch_all(*names):
    for name in names:
        frappe.get_doc("Customer", name).save()


def missing():
    for name in frappe.get_all("Customer", pluck="name"):
        rename(name)


def rename(old, new):
    frappe.rename_doc("Customer", old, new)


def same_args():
    for name in frappe.get_all("Customer", pluck="name"):
        touch("CUST-0001")
