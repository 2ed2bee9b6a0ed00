# jobfix-snapshot: frappe-version=16
# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily_maintenance": ["myapp.tasks.a"],
	"hourly_maintenance": ["myapp.tasks.b"],
	"sync": {"*/10 * * * *": ["myapp.tasks.a"]},  # before the 2024 change
	"hourly": ["myapp.tasks.b"],
}
# --- tasks.py
def a():
	pass


def b():
	pass
