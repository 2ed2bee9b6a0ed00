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
# --- findings
# hooks.py:5:9: JF001 [display-only] `frappe.utils.clear_cache(days=1)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:6:9: JF001 [display-only] `myapp.tasks.cleanup_logs(days=DAYS)` under daily passes `DAYS`, which is not a literal: Frappe calls scheduled tasks with no arguments
# hooks.py:7:9: JF001 [display-only] `myapp.tasks.cleanup_logs(weeks=2)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:8:9: JF001 [display-only] `myapp.tasks.cleanup_logs(1, 2)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:9:9: JF001 [display-only] `myapp.tasks.cleanup_logs(**options)` under daily unpacks its arguments (`*`/`**`): Frappe calls scheduled tasks with no arguments
# hooks.py:10:9: JF001 [display-only] `myapp.tasks.missing(days=3)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:11:9: JF001 [display-only] `myapp.tasks.sync_site` is scheduled under daily but requires `site`, `force`: Frappe calls scheduled tasks with no arguments, so every run fails with TypeError
# hooks.py:12:9: JF001 [display-only] `myapp.tasks.needs_two(1)` under daily passes arguments: Frappe imports each entry as a dotted path and calls it with no arguments, so this task never runs
# hooks.py:13:9: JF001 [display-only] `myapp.tasks.run now` under daily is not a dotted path: `frappe.get_attr` cannot import it, so the task never runs
# hooks.py:14:9: JF001 [display-only] `myapp` under daily is not a dotted path: `frappe.get_attr` cannot import it, so the task never runs
