# --- hooks.py
app_name = "myapp"

scheduler_events = {"daily": ["myapp.tasks.sync"]}
scheduler_events.update({"hourly": ["myapp.tasks.sync"]})
# --- tasks.py
def sync():
    pass
# --- findings
# hooks.py:3:1: JF013 [display-only] the app schedules tasks but nothing checks for failed scheduled jobs: Frappe records a failure only as a Failed Scheduled Job Log, so failing tasks go unnoticed
