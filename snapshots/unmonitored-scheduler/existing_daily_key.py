# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"Daily": [
		"myapp.tasks.sync",
	],
}
# --- tasks.py
def sync():
	pass
