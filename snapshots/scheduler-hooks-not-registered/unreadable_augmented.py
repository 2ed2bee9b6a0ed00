# --- hooks.py
app_name = "myapp"

base_tasks = ["myapp.tasks.gone"]

scheduler_events = {
	"daily": base_tasks + ["myapp.tasks.present"],
	"hourly": ["myapp.tasks.also_gone"],
}
# --- tasks.py
def present():
	pass
