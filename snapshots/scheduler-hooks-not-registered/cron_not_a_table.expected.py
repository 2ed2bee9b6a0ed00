# --- hooks.py
app_name = "myapp"

scheduler_events = {"daily": ["myapp.tasks.a"], "cron": "myapp.tasks.a", "later": {"0 1 * * *": "myapp.tasks.a"}}
# --- tasks.py
def a():
    pass
# --- findings
# hooks.py:3:49: JF002 [display-only] `cron` is not a table of cron expressions: Frappe reads it as a Cron job without an expression, which never runs
# hooks.py:3:74: JF002 [display-only] cron table under `later` instead of `cron`: this works up to v15, but from v16 on only cron tables under `cron` are kept
