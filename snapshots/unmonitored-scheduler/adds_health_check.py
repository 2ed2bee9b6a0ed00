# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"hourly": [
		"myapp.tasks.sync",
	],
	# nothing daily yet
}
# --- tasks.py
def sync():
	pass
