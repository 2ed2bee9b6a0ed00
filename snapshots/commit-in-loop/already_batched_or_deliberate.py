import frappe
import requests
from frappe.utils import create_batch


def rename_in_chunks(names):
    # one commit per chunk of 100: already batched, never made coarser
    for chunk in create_batch(names, 100):
        for name in chunk:
            frappe.db.set_value("GL Entry", name, "to_rename", 0)
        frappe.db.commit()


def sync_pages(pages):
    # one commit per page of records fetched from a remote API
    for page in range(1, pages + 1):
        for row in fetch_page(page):
            frappe.get_doc({"doctype": "Customer", "customer_name": row}).insert()
        frappe.db.commit()


def push_orders():
    # the request cannot be rolled back: the commit records that it was made
    for order in frappe.get_all("Sales Order", pluck="name"):
        requests.post("https://erp.example.com/orders", json={"name": order}, timeout=30)
        frappe.db.set_value("Sales Order", order, "pushed", 1)
        frappe.db.commit()


def send_digests(users):
    # a mail sent through a helper: committed so that it is not sent twice
    for user in users:
        send_digest(user)
        frappe.db.commit()


def send_digest(user):
    frappe.sendmail(recipients=[user], subject="Digest")


def follow_pages():
    # pagination: the commit before `break` runs once
    token = None
    while True:
        token = next_token(token)
        if not token:
            frappe.db.set_value("Google Contacts", "x", "next_sync_token", token)
            frappe.db.commit()
            break


def clear_logs(log_types):
    # a handful of settings rows, not records
    for entry in frappe.get_single("Log Settings").logs_to_clear:
        frappe.db.delete(entry.ref_doctype)
        frappe.db.commit()


def followed(user_list):
    for user in user_list:
        send_digest(user)
        # nosemgrep
        frappe.db.commit()


def fetch_page(page):
    return []


def next_token(token):
    return None


def drop_columns(doctypes):
    # DDL: MariaDB commits around it anyway; the commit is deliberate
    for dt in doctypes:
        frappe.db.sql("ALTER TABLE `tab" + dt + "` DROP COLUMN `old`")
        frappe.db.commit()


def send_scheduled(newsletters):
    # per-record isolation with the commit after the try: each newsletter stands alone
    for name in newsletters:
        try:
            frappe.get_doc("Newsletter", name).queue_all()
        except Exception:
            frappe.db.rollback()
            frappe.log_error(title=f"Newsletter {name}")
        frappe.db.commit()


def nested_pagination():
    while True:
        page = fetch_page(1)
        if not page:
            if page is not None:
                frappe.db.set_value("Google Contacts", "x", "next_sync_token", "t")
                frappe.db.commit()
            break
