# --- tasks.py
import click
import frappe


def seed_pattern(names):
    for i, name in enumerate(names):
        frappe.get_doc("Customer", name).save()
        if i % 100 == 0:
            frappe.db.commit()


def counter_pattern(names):
    pending = 0
    for name in names:
        frappe.get_doc("Customer", name).save()
        pending += 1
        if pending >= 500:
            frappe.db.commit()
            pending = 0


def deliberate(names):
    for name in names:
        frappe.get_doc("Customer", name).save()
        frappe.db.commit()  # nosemgrep: each record must be visible to the webhook at once


def commit_after_loop(names):
    for name in names:
        frappe.get_doc("Customer", name).save()
    frappe.db.commit()


def commit_in_else(names):
    for name in names:
        frappe.get_doc("Customer", name).save()
    else:
        frappe.db.commit()


def callbacks(names):
    for name in names:
        def on_done():
            frappe.db.commit()
        frappe.get_doc("Customer", name).run_method("sync", callback=on_done)


def isolated(names):
    for name in names:
        try:
            frappe.get_doc("Customer", name).save()
            frappe.db.commit()
        except Exception:
            frappe.db.rollback()
            frappe.log_error(title=f"Customer {name} failed")


def isolated_with_logged_errors(names):
    for name in names:
        try:
            frappe.get_doc("Customer", name).save()
            frappe.db.commit()
        except Exception:
            frappe.db.rollback()
            frappe.log_error(title=f"Customer {name} failed")
            frappe.db.commit()


@click.command("rebuild")
def rebuild_command():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
        frappe.db.commit()
# --- patches/v1_0/fill_stats.py
import frappe


def execute():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
        frappe.db.commit()
# --- commands/__init__.py
import frappe


def rebuild_all():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
        frappe.db.commit()
# --- findings
