import frappe
from frappe import db


def rebuild_stats():
    # one commit per customer
    for customer in frappe.get_all("Customer", pluck="name"):
        stats = frappe.get_doc("Customer Stats", customer)
        stats.save()
        frappe.db.commit()  # keep what is done


def drain_queue():
    while frappe.db.exists("Sync Queue", {"status": "Pending"}):
        name = frappe.db.get_value("Sync Queue", {"status": "Pending"})
        frappe.db.set_value("Sync Queue", name, "status", "Done")
        frappe.db.commit()


def close_tasks(tasks):
    for i, task in enumerate(tasks):
        if not task.open:
            continue
        frappe.db.set_value("Task", task.name, "status", "Closed")
        frappe.db.commit()
        print(i)


def send_reminders(rows):
    for name, email in rows:
        frappe.db.set_value("Contact", name, "email_id", email)
        db.commit()
    else:
        print("all sent")


def submit_invoices():
    for company in frappe.get_all("Company", pluck="name"):
        for invoice in frappe.get_all("Sales Invoice", filters={"company": company, "docstatus": 0}, pluck="name"):
            frappe.get_doc("Sales Invoice", invoice).submit()
            frappe.db.commit()
        frappe.db.set_value("Company", company, "last_submit", frappe.utils.now())
