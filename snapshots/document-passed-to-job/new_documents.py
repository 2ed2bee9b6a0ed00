# --- api.py
import frappe


@frappe.whitelist()
def import_file(content):
	log = frappe.new_doc("Import Log")
	log.content = content
	log.insert()
	frappe.enqueue("myapp.jobs.process", log=log)


@frappe.whitelist()
def preview(content):
	draft = frappe.get_doc({"doctype": "Import Log", "content": content})
	frappe.enqueue("myapp.jobs.render", draft=draft)
# --- jobs.py
def process(log):
	log.run()


def render(draft):
	draft.render()
