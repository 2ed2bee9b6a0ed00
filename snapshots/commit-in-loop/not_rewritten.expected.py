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
# --- findings
# module.py:11:9: JF005 [display-only] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
# module.py:20:9: JF005 [display-only] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
# module.py:24:65: JF005 [display-only] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
