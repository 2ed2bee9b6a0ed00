# jobfix-snapshot: light=myapp.tasks.listed_light
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "all": ["myapp.tasks.heavy"],
    "daily_long": ["myapp.tasks.heavy"],
    "daily": [
        "myapp.tasks.bounded",
        "myapp.tasks.light",
        "frappe.email.queue.flush",
        "myapp.tasks.listed_light",
    ],
    "yearly": ["myapp.tasks.heavy"],
}
# --- tasks.py
import frappe


def heavy():
    for todo in frappe.get_all("ToDo"):
        frappe.delete_doc("ToDo", todo.name)


def bounded():
    for todo in frappe.get_all("ToDo", limit=20):
        frappe.get_doc("ToDo", todo.name).save()


def light():
    return frappe.db.count("ToDo")


def listed_light():
    for todo in frappe.get_all("ToDo"):
        frappe.get_doc("ToDo", todo.name).save()
# --- findings
# hooks.py:12:16: JF008 [display-only] heavy `myapp.tasks.heavy` under yearly, on the default queue (300 s): it loops over an unbounded query (myapp.tasks:5)
