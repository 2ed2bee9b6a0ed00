# jobfix-snapshot: frappe-version=16
# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily_maintenance": ["myapp.tasks.a"],
	"hourly_maintenance": ["myapp.tasks.b"],
	"cron": {
		"*/10 * * * *": ["myapp.tasks.a"],
	},  # before the 2024 change
	"hourly": ["myapp.tasks.b"],
}
# --- tasks.py
def a():
	pass


def b():
	pass
# --- findings
# hooks.py:6:2: JF002 [safe] cron table under `sync` instead of `cron`: on v16 `bench migrate` inserts these cron jobs and deletes them again in the same run (only cron tables under `cron` are kept): they never run
