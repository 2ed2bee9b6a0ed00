# --- hooks.py
app_name = "myapp"

scheduler_events = {"daily": ["myapp.tasks.sync"]}
scheduler_events.update({"hourly": ["myapp.tasks.sync"]})
# --- tasks.py
def sync():
    pass
