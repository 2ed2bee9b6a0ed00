# jobfix-snapshot: frappe-version=16
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": "myapp.tasks.sync",
    "cron": {"0 */2 * * *": ["myapp.tasks.sync"]},
}
# --- tasks.py
def sync():
    pass
# --- scheduler_health.py
"""Something else of the same name: not overwritten."""
