import frappe
from frappe import db


def rebuild_stats():
    # one commit per customer
    records_done = 0
    for customer in frappe.get_all("Customer", pluck="name"):
        stats = frappe.get_doc("Customer Stats", customer)
        stats.save()
        records_done += 1
        if records_done % 100 == 0:
            frappe.db.commit()  # keep what is done
    frappe.db.commit()


def drain_queue():
    records_done = 0
    while frappe.db.exists("Sync Queue", {"status": "Pending"}):
        name = frappe.db.get_value("Sync Queue", {"status": "Pending"})
        frappe.db.set_value("Sync Queue", name, "status", "Done")
        records_done += 1
        if records_done % 100 == 0:
            frappe.db.commit()
    frappe.db.commit()


def close_tasks(tasks):
    records_done = 0
    for i, task in enumerate(tasks):
        if not task.open:
            continue
        frappe.db.set_value("Task", task.name, "status", "Closed")
        records_done += 1
        if records_done % 100 == 0:
            frappe.db.commit()
        print(i)
    frappe.db.commit()


def send_reminders(rows):
    records_done = 0
    for name, email in rows:
        frappe.db.set_value("Contact", name, "email_id", email)
        records_done += 1
        if records_done % 100 == 0:
            db.commit()
    else:
        print("all sent")
    db.commit()


def submit_invoices():
    records_done = 0
    for company in frappe.get_all("Company", pluck="name"):
        for invoice in frappe.get_all("Sales Invoice", filters={"company": company, "docstatus": 0}, pluck="name"):
            frappe.get_doc("Sales Invoice", invoice).submit()
            records_done += 1
            if records_done % 100 == 0:
                frappe.db.commit()
        frappe.db.set_value("Company", company, "last_submit", frappe.utils.now())
    frappe.db.commit()
# --- findings
# module.py:10:9: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
# module.py:17:9: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
# module.py:25:9: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
# module.py:32:9: JF005 [unsafe] `db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
# module.py:41:13: JF005 [unsafe] `frappe.db.commit()` runs once per record in a nested loop: each commit waits for a disk flush, so the job spends its time committing
