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
# --- findings
# hooks.py:3:1: JF002 [display-only] scheduler_events is built in more than one statement: jobfix reads scheduler_events only as one dict literal, so its entries were not checked (JF001, JF002, JF008, JF011)
