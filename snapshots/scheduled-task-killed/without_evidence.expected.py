# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.rebuild",  # 2 of 4 runs killed: a later run began
		"myapp.tasks.fine",  # its last run is still within its timeout
		"myapp.tasks.never_ran",
	],
	"daily_long": [
		"myapp.tasks.big_import",  # logged under its v15 name, tasks.big_import
	],
}
# --- tasks.py
def rebuild():
	pass


def fine():
	pass


def never_ran():
	pass


def big_import():
	pass
# --- findings
