# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": ["myapp.api.export_customers"],
}
# --- api.py
import frappe as fr


def export_customers():
	rows = []
	for name in fr.get_all("Customer", pluck="name"):
		rows.append(export_one(name))
	return rows


def export_one(name):
	doc = fr.get_doc("Customer", name)
	return doc.as_dict()
