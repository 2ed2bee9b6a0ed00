# --- hooks.py
scheduler_events = {
    "daily_long": [
        "myapp.tasks.create_todos",
        "myapp.tasks.with_owner",
        "myapp.tasks.as_someone",
        "myapp.tasks.owner_after_insert",
    ],
}
# --- tasks.py
import frappe


def create_todos():
    for task in frappe.get_all("Task", fields=["name", "subject"]):
        frappe.get_doc({"doctype": "ToDo", "description": task.subject}).insert()
        note = frappe.new_doc("Note")
        note.title = task.subject
        note.insert(ignore_permissions=True)
        log = frappe.get_doc(doctype="Sync Log", reference=task.name)
        log.save()


def with_owner():
    frappe.get_doc({"doctype": "ToDo", "description": "x", "owner": "ops@example.com"}).insert()
    todo = frappe.new_doc("ToDo")
    todo.owner = "ops@example.com"
    todo.insert()
    other = frappe.get_doc({"doctype": "ToDo", "description": "y"})
    other.update({"owner": "ops@example.com"})
    other.insert()
    existing = frappe.get_doc("ToDo", "TD-0001")
    existing.save()
    named = frappe.get_doc({"doctype": "ToDo", "name": "TD-0002", "description": "z"})
    named.save()


def as_someone():
    frappe.set_user("ops@example.com")
    frappe.get_doc({"doctype": "ToDo", "description": "x"}).insert()


def not_scheduled():
    frappe.get_doc({"doctype": "ToDo", "description": "x"}).insert()


def owner_after_insert():
    todo = frappe.get_doc({"doctype": "ToDo", "description": "x"}).insert()
    todo.db_set("owner", "ops@example.com", update_modified=False)
    note = frappe.new_doc("Note")
    note.insert()
    note.db_set({"owner": "ops@example.com"})
# --- findings
# tasks.py:6:9: JF007 [display-only] `ToDo` inserted in scheduled task `create_todos` without an `owner`: scheduled tasks run as Administrator, so Administrator will own it
# tasks.py:9:9: JF007 [display-only] `Note` inserted in scheduled task `create_todos` without an `owner`: scheduled tasks run as Administrator, so Administrator will own it
# tasks.py:11:9: JF007 [display-only] `Sync Log` inserted in scheduled task `create_todos` without an `owner`: scheduled tasks run as Administrator, so Administrator will own it
# tasks.py:15:5: JF007 [display-only] `ToDo` inserted in scheduled task `with_owner` with an `owner` set before the insert: from v14 `insert()` replaces it with the session user, and scheduled tasks run as Administrator
# tasks.py:18:5: JF007 [display-only] `ToDo` inserted in scheduled task `with_owner` with an `owner` set before the insert: from v14 `insert()` replaces it with the session user, and scheduled tasks run as Administrator
# tasks.py:21:5: JF007 [display-only] `ToDo` inserted in scheduled task `with_owner` with an `owner` set before the insert: from v14 `insert()` replaces it with the session user, and scheduled tasks run as Administrator
