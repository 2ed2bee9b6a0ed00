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
