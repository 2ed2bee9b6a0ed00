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
# --- findings
# tasks.py:6:9: JF014 [display-only] `by_queue` calls `move` once per record inline: `move` calls `.run_method()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:15:9: JF014 [display-only] `by_expression` calls `touch` once per record inline: `touch` calls `.save()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:24:9: JF014 [display-only] `starred` calls `touch_all` once per record inline: `touch_all` calls `.save()` once per record in a loop (myapp.tasks:29), and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:34:9: JF014 [display-only] `missing` calls `rename` once per record inline: `rename` calls `frappe.rename_doc()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:43:9: JF014 [display-only] `same_args` calls `touch` once per record inline: `touch` calls `.save()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
