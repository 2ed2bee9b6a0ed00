import frappe
from frappe.model.document import Document


class Invoice(Document):
    def on_submit(self):
        # Document.log_error(title, message) exists from v14 and never changed meaning
        self.log_error("Could not post")


def already_keywords(body):
    frappe.log_error(title="Import failed", message=body)
    frappe.log_error()


def unknowable(args, kwargs):
    frappe.log_error(*args)
    frappe.log_error("Title", **kwargs)


def not_frappe(logger):
    logger.log_error("x")


def already_broken(body):
    frappe.log_error(body, "Title", "Extra")  # three arguments: a TypeError on v13
    frappe.log_error(body, message="twice")  # "got multiple values": a TypeError everywhere
