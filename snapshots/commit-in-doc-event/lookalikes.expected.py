# jobfix-snapshot: frappe-version=16
# --- hooks.py
app_name = "myapp"

doc_events = {
    "Sales Invoice": {"on_submit": "myapp.events.on_submit"},
}
scheduler_events = {"daily": ["myapp.events.nightly"]}
# --- events.py
import frappe


def on_submit(doc, method=None):
    frappe.db.savepoint("sync")
    try:
        push(doc)
    except Exception:
        frappe.db.rollback(save_point="sync")  # a savepoint rollback works in v16 too
    ok = frappe.db.commit() if doc.flags.force else None  # a result used: display-only below

    def later():
        frappe.db.commit()  # a nested function: not the handler itself

    return later


def nightly():
    frappe.db.commit()  # a scheduled task may commit
# --- doctype/renamed_table/renamed_table.py
import frappe
from frappe.model.document import Document


class RenamedTable(Document):
	def after_rename(self, old, new, merge=False):
		if self.issingle:
			frappe.db.sql("update tabSingles set doctype=%s where doctype=%s", (new, old))
		else:
			frappe.db.rename_table(old, new)
			frappe.db.commit()  # MariaDB commits around DDL anyway: deliberate

	def on_update(self):
		frappe.db.commit()  # nosemgrep
# --- findings
# events.py:10:10: JF103 [display-only] `frappe.db.commit()` in doc_events handler `on_submit` (on_submit): it commits the save halfway, so a later failure cannot roll it back; v16 ignores it there with a warning
