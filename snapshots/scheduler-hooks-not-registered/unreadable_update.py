# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.gone"],
}

if True:  # extra tasks
    scheduler_events["hourly"] = ["myapp.tasks.gone"]
# --- tasks.py
def present():
    pass
