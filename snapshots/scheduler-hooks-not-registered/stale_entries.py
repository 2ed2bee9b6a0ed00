# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"hourly": [
		"myapp.tasks.sync_orders",
		"myapp.tasks.renamed_report",  # moved to reports.py long ago
		"myapp.tasks.deleted_task",
		"myapp.old_module.run",
		"myapp.tasks",
		"myapp.tasks.reexported",  # tasks/__init__ re-exports it
		"myapp.tasks.twice",  # defined in two modules: ambiguous
		"frappe.email.queue.flush",
		"erpnext.stock.reorder_item.reorder_item",
	],
	"weekly": [
		"myapp.tasks.archive_orders"
		"myapp.tasks.purge_archives",
		"myapp.tasks.archive_orders"
		"myapp.other.not_there",
		"myapp.tasks.long_"
		"path_split_on_purpose",
	],
}
# --- tasks/__init__.py
from .jobs import run as reexported
from .jobs import sync_orders


def archive_orders():
	pass


def purge_archives():
	pass


def long_path_split_on_purpose():
	pass
# --- tasks/jobs.py
def run():
	pass


def sync_orders():
	pass


def twice():
	pass
# --- reports.py
def renamed_report():
	pass


def twice():
	pass
