import frappe


def rebuild_stats():
	records_done = []
	for customer in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer Stats", customer).save()
		frappe.db.commit()
	return records_done
