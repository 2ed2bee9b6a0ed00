# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"hourly": ["myapp.tasks.healthy"],
	"daily": [
		"myapp.tasks.sync",  # 2 of 4 runs failed, the last with KeyError
		"myapp.tasks.cleanup",  # failed once, with no traceback kept
	],
	"cron": {
		"0 3 * * *": ["myapp.tasks.healthy"],
	},
}
# --- tasks.py
def sync():
	pass


def cleanup():
	pass


def healthy():
	pass
# --- findings
