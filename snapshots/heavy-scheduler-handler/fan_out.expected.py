# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.generate_all_reports", "myapp.tasks.sync_all"],
    "cron": {"0 2 * * *": ["myapp.tasks.recalculate"]},
}
# --- tasks.py
import frappe
from myapp.sync import push_customer


def generate_all_reports():
	for report in frappe.get_all("Scheduled Report", pluck="name"):
		frappe.enqueue(
			"myapp.tasks.generate_report",
			queue="long",
			report=report,
			job_id=f"myapp.tasks.generate_report::report={report}",
			deduplicate=True,
		)


def generate_report(report):
	doc = frappe.get_doc("Scheduled Report", report)
	doc.run()
	doc.save()


def sync_all():
	for row in frappe.get_all("Customer", fields=["name", "customer_group"]):
		frappe.enqueue(
			"myapp.sync.push_customer",
			queue="long",
			customer=row.name,
			group=row.customer_group,
			force=True,
			job_id=f"myapp.sync.push_customer::customer={row.name}::group={row.customer_group}::force=True",
			deduplicate=True,
		)


def recalculate():
	for company in frappe.get_all("Company", pluck="name"):
		for item in frappe.get_all("Item", pluck="name"):
			frappe.enqueue(
				"myapp.tasks.recalculate_item",
				queue="long",
				company=company,
				item=item,
				job_id=f"myapp.tasks.recalculate_item::company={company}::item={item}",
				deduplicate=True,
			)


def recalculate_item(company, item):
	frappe.get_doc("Item", item).run_method("recalculate_valuation", company=company)
# --- sync.py
import frappe
import requests


def push_customer(customer, group=None, force=False):
	requests.post("https://crm.example.com/customers", json={"name": customer, "group": group, "force": force}, timeout=30)
# --- findings
# tasks.py:7:3: JF014 [unsafe] `generate_all_reports` calls `generate_report` once per record inline: `generate_report` calls `frappe.get_doc()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:18:3: JF014 [unsafe] `sync_all` calls `push_customer` once per record inline: `push_customer` calls `requests.post()`, and the whole run (scheduled, daily) shares one job and its 300 s timeout on the default queue
# tasks.py:24:4: JF014 [unsafe] `recalculate` calls `recalculate_item` once per record inline: `recalculate_item` calls `.run_method()`, and the whole run (scheduled, cron '0 2 * * *') shares one job and its 300 s timeout on the default queue
