# --- api.py
import frappe as fr


@fr.whitelist()
def start_export(customer_group):
	fr.enqueue("myapp.api.export_customers", customer_group=customer_group)


def export_customers(customer_group):
	rows = []
	for name in fr.get_all("Customer", filters={"customer_group": customer_group}, pluck="name"):
		fr.db.savepoint("sp_name")
		try:
			rows.append(export_one(name))
		except Exception:
			fr.db.rollback(save_point="sp_name")
			fr.log_error(title=f"export_customers failed for {name}", message=fr.get_traceback())
	return rows


def export_one(name):
	doc = fr.get_doc("Customer", name)
	return doc.as_dict()
# --- findings
# api.py:11:2: JF006 [unsafe] `export_customers`, a background job, calls `export_one()` once per record with no error handling: one failing record stops every record after it
