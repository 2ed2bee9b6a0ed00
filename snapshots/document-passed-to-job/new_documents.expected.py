# --- api.py
import frappe


@frappe.whitelist()
def import_file(content):
	log = frappe.new_doc("Import Log")
	log.content = content
	log.insert()
	frappe.enqueue("myapp.jobs.process", log_doctype=log.doctype, log_name=log.name)


@frappe.whitelist()
def preview(content):
	draft = frappe.get_doc({"doctype": "Import Log", "content": content})
	frappe.enqueue("myapp.jobs.render", draft=draft)
# --- jobs.py
import frappe

def process(log_doctype, log_name):
	log = frappe.get_doc(log_doctype, log_name)
	log.run()


def render(draft):
	draft.render()
# --- findings
# api.py:9:43: JF101 [unsafe] `log` (from `frappe.new_doc`) is passed to `enqueue` as `log=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# api.py:15:44: JF101 [display-only] `draft` (from `frappe.get_doc`) is passed to `enqueue` as `draft=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
