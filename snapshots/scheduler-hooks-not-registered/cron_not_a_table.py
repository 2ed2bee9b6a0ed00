# --- hooks.py
app_name = "myapp"

scheduler_events = {"daily": ["myapp.tasks.a"], "cron": "myapp.tasks.a", "later": {"0 1 * * *": "myapp.tasks.a"}}
# --- tasks.py
def a():
    pass
