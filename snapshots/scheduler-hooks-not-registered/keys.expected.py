# jobfix-snapshot: frappe-version=14
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "Daily": ["myapp.tasks.a", "myapp.tasks.c", "myapp.tasks.b"],  # works: Frappe title-cases keys
    "hourly_long": "myapp.tasks.b",
    "daily_long": [
        "myapp.tasks.c",  # v16 only
    ],
    "every_hour": ["myapp.tasks.d"],
    "weekly": ["myapp.tasks.a"],
    "weekly": ["myapp.tasks.b"],
    "cron": {
        "0 2 * * *": ["myapp.tasks.a", "myapp.tasks.c"],
        "*/5 * * * *": ["myapp.tasks.b"],
        "*/5 * * * *": ["myapp.tasks.d"],
        "0 3 * * *": ["myapp.tasks.d"],
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
# --- findings
# hooks.py:5:5: JF002 [unsafe] `daily ` is not a scheduler event Frappe knows (frequency 'Daily '): its entries never run; did you mean `daily`?
# hooks.py:6:5: JF002 [unsafe] `hourly-long` is not a scheduler event Frappe knows (frequency 'Hourly-Long'): its entries never run; did you mean `hourly_long`?
# hooks.py:7:5: JF002 [unsafe] `daily_maintenance` is not a frequency of the target: hourly_maintenance / daily_maintenance keys needs Frappe 15.72.4 or later; the target is v14; its entries never run; did you mean `daily_long`?
# hooks.py:10:5: JF002 [display-only] `every_hour` is not a scheduler event Frappe knows (frequency 'Every Hour'): its entries never run
# hooks.py:12:5: JF002 [display-only] `weekly` is given twice in scheduler_events: Python keeps only the last value, so the entries of line 11 (`myapp.tasks.a`) never run
# hooks.py:13:5: JF002 [unsafe] `dayly` is not a scheduler event Frappe knows (frequency 'Dayly'): its entries never run; did you mean `daily`?
# hooks.py:14:5: JF002 [safe] cron table under `nightly_cron` instead of `cron`: this works up to v15, but from v16 on only cron tables under `cron` are kept
# hooks.py:21:9: JF002 [display-only] cron expression '*/5 * * * *' is given twice in scheduler_events: Python keeps only the last value, so the entries of line 20 (`myapp.tasks.b`) never run
