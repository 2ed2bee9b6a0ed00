"""Endpoints called from buttons in the desk."""

import frappe


@frappe.whitelist()
def start_export(customer_group):
	# A double click queues the export twice.
	frappe.enqueue("legacy_app.api.export_customers", queue="default", customer_group=customer_group)
	return {"message": "Export started"}


def export_customers(customer_group):
	rows = []
	for name in frappe.get_all("Customer", filters={"customer_group": customer_group}, pluck="name"):
		customer = frappe.get_doc("Customer", name)
		rows.append(customer.as_dict())
	frappe.get_doc({"doctype": "File", "file_name": "customers.json", "content": frappe.as_json(rows)}).insert()


@frappe.whitelist()
def notify_me_later():
	frappe.enqueue(
		"legacy_app.api.send_one_notification",
		queue="long",
		user=frappe.session.user,
	)


def send_one_notification():
	frappe.publish_realtime("msgprint", {"message": "Done"})


@frappe.whitelist()
def rebuild_everything():
	frappe.enqueue("legacy_app.tasks.rebuild_customer_stats", timeout=4000)


@frappe.whitelist(allow_guest=True)
def payment_webhook(**payload):
	# webhooks handle distinct events: no de-duplication wanted here
	frappe.enqueue("legacy_app.sync.record_payment", payload=payload)
