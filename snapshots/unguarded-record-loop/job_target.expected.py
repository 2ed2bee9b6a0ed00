# --- api.py
import frappe as fr


@fr.whitelist()
def start_export(customer_group):
	fr.enqueue("myapp.api.export_customers", customer_group=customer_group)


def export_customers(customer_group):
	rows = []
	for name in fr.get_all("Customer", filters={"customer_group": customer_group}, pluck="name"):
		rows.append(export_one(name))
	return rows


def export_one(name):
	doc = fr.get_doc("Customer", name)
	return doc.as_dict()
# --- findings
