# jobfix-snapshot: frappe-version=14
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "Daily": ["myapp.tasks.a"],  # works: Frappe title-cases keys
    "daily ": ["myapp.tasks.c"],
    "hourly-long": "myapp.tasks.b",
    "daily_maintenance": [
        "myapp.tasks.c",  # v16 only
    ],
    "every_hour": ["myapp.tasks.d"],
    "weekly": ["myapp.tasks.a"],
    "weekly": ["myapp.tasks.b"],
    "dayly": ["myapp.tasks.b"],
    "nightly_cron": {
        "0 2 * * *": ["myapp.tasks.c"],
        "0 3 * * *": "myapp.tasks.d",
    },
    "cron": {
        "0 2 * * *": ["myapp.tasks.a"],
        "*/5 * * * *": ["myapp.tasks.b"],
        "*/5 * * * *": ["myapp.tasks.d"],
    },
}
# --- tasks.py
def a():
    pass


def b():
    pass


def c():
    pass


def d():
    pass
