# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": [
        "frappe.utils.clear_cache(days=1)",
        "myapp.tasks.cleanup_logs(days=DAYS)",
        "myapp.tasks.cleanup_logs(weeks=2)",
        "myapp.tasks.cleanup_logs(1, 2)",
        "myapp.tasks.cleanup_logs(**options)",
        "myapp.tasks.missing(days=3)",
        "myapp.tasks.sync_site",
        "myapp.tasks.needs_two(1)",
        "myapp.tasks.run now",
        "myapp",
    ],
}
# --- tasks.py
def cleanup_logs(days=7):
    pass


def sync_site(site, *, force):
    pass


def needs_two(a, b):
    pass
