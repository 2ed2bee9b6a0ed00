import frappe


def rebuild_stats():
	records_done = []
	records_done_2 = 0
	for customer in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer Stats", customer).save()
		records_done_2 += 1
		if records_done_2 % 100 == 0:
			frappe.db.commit()
	frappe.db.commit()
	return records_done
# --- findings
# module.py:8:3: JF005 [unsafe] `frappe.db.commit()` runs once per record in this loop: each commit waits for a disk flush, so the job spends its time committing
