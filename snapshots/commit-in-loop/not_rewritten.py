import frappe


def rolls_back_on_invalid(names):
    for name in names:
        doc = frappe.get_doc("Customer", name)
        if not doc.valid:
            frappe.db.rollback()
            continue
        doc.save()
        frappe.db.commit()


def stops_early(names):
    for name in names:
        doc = frappe.get_doc("Customer", name)
        if doc.is_last:
            return doc
        doc.save()
        frappe.db.commit()


def one_line(names):
    for name in names: frappe.get_doc("Customer", name).save(); frappe.db.commit()
