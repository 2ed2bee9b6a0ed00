# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"hourly": [
		"myapp.tasks.sync_orders",
		"myapp.reports.renamed_report",  # moved to reports.py long ago
		"myapp.tasks.deleted_task",
		"myapp.tasks.jobs.run",
		"myapp.tasks",
		"myapp.tasks.reexported",  # tasks/__init__ re-exports it
		"myapp.tasks.twice",  # defined in two modules: ambiguous
		"frappe.email.queue.flush",
		"erpnext.stock.reorder_item.reorder_item",
	],
	"weekly": [
		"myapp.tasks.archive_orders",
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
# --- findings
# hooks.py:6:3: JF002 [unsafe] `myapp.tasks.renamed_report` under hourly names no function: `myapp.tasks` has no `renamed_report`, so `bench migrate` skips it with only a console warning and it never runs
# hooks.py:7:3: JF002 [display-only] `myapp.tasks.deleted_task` under hourly names no function: `myapp.tasks` has no `deleted_task`, so `bench migrate` skips it with only a console warning and it never runs
# hooks.py:8:3: JF002 [unsafe] `myapp.old_module.run` under hourly names no function: there is no module `myapp.old_module`, so `bench migrate` skips it with only a console warning and it never runs
# hooks.py:9:3: JF002 [display-only] `myapp.tasks` under hourly names no function: `myapp.tasks` is a module, not a function, so `bench migrate` skips it with only a console warning and it never runs
# hooks.py:11:3: JF002 [display-only] `myapp.tasks.twice` under hourly names no function: `myapp.tasks` has no `twice`, so `bench migrate` skips it with only a console warning and it never runs
# hooks.py:16:3: JF002 [safe] missing comma between `myapp.tasks.archive_orders` and `myapp.tasks.purge_archives` under weekly: the merged path names nothing, so `bench migrate` skips it with only a console warning and neither task runs
# hooks.py:18:3: JF002 [display-only] missing comma between `myapp.tasks.archive_orders` and `myapp.other.not_there` under weekly: the merged path names nothing, so `bench migrate` skips it with only a console warning and neither task runs
