import frappe
import requests


def sync_with_retry(record, *, attempt=1, max_attempts=3):
	try:
		requests.post("https://erp.example.com/records", json={"name": record}, timeout=30)
	except Exception:
		# the external system is down: try again (forever)
		if attempt < max_attempts:
			frappe.enqueue("myapp.module.sync_with_retry", record=record, attempt=attempt + 1, max_attempts=max_attempts)
		else:
			frappe.log_error(title=f"myapp.module.sync_with_retry failed {max_attempts} times", message=frappe.get_traceback())
# --- findings
# module.py:10:3: JF010 [unsafe] `sync_with_retry` enqueues itself again in an `except` handler with no attempt limit: while the error lasts it retries forever, and no failure is ever reported
