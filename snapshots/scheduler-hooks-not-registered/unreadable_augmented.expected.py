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
# --- findings
# hooks.py:5:1: JF002 [display-only] the entries of 'daily' are computed, not written as a list: jobfix reads scheduler_events only as one dict literal, so its entries were not checked (JF001, JF002, JF008, JF011)
# hooks.py:7:13: JF002 [display-only] `myapp.tasks.also_gone` under hourly names no function: `myapp.tasks` has no `also_gone`, so `bench migrate` skips it with only a console warning and it never runs
