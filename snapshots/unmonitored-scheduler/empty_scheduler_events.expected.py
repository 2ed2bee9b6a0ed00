# --- hooks.py
app_name = "myapp"

scheduler_events = {}
# --- findings
