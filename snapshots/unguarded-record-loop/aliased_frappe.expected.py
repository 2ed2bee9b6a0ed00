# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": ["myapp.api.export_customers"],
}
# --- api.py
import frappe as fr
from rq.timeouts import JobTimeoutException


def export_customers():
	rows = []
	for name in fr.get_all("Customer", pluck="name"):
		fr.db.savepoint("sp_name")
		try:
			rows.append(export_one(name))
		except JobTimeoutException:
			raise
		except Exception:
			fr.db.rollback(save_point="sp_name")
			fr.log_error(title=f"export_customers failed for {name}"[:140], message=fr.get_traceback())
	return rows


def export_one(name):
	doc = fr.get_doc("Customer", name)
	return doc.as_dict()
# --- findings
# api.py:6:2: JF006 [unsafe] `export_customers` calls `export_one()` once per record with no error handling: in a scheduled task, one failing record stops every record after it, at every run
