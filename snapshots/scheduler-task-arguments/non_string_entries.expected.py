# --- hooks.py
from myapp.tasks import cleanup

app_name = "myapp"
PREFIX = "myapp.tasks."

scheduler_events = {
    "hourly": [
        "myapp.tasks.cleanup",  # a function object, not a path
        "myapp.tasks.cleanup",
        "myapp.tasks.cleanup_days_14",
        "myapp.tasks.cleanup",
        lambda: cleanup(frappe.utils.today()),
        f"{PREFIX}cleanup",
        PREFIX + "cleanup",
        "myapp.tasks.cleanup",
    ],
    "daily": "myapp.tasks.cleanup_days_3",
}
# --- tasks.py
def cleanup(days=7):
    pass


def cleanup_days_14():
    """`cleanup` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
    cleanup(days=14)


def cleanup_days_3():
    """`cleanup` with the arguments hooks.py gave it: Frappe runs scheduled tasks without arguments."""
    cleanup(days=3)
# --- findings
# hooks.py:11:9: JF001 [safe] `cleanup` under hourly is not a dotted path string: `bench migrate` cannot register it and Frappe calls scheduled tasks with no arguments
# hooks.py:12:9: JF001 [safe] `myapp.tasks.cleanup` under hourly is not a dotted path string: `bench migrate` cannot register it and Frappe calls scheduled tasks with no arguments
# hooks.py:13:9: JF001 [safe] `partial(cleanup, days=14)` under hourly is not a dotted path string: `bench migrate` cannot register it and Frappe calls scheduled tasks with no arguments
# hooks.py:14:9: JF001 [safe] `lambda: cleanup(days=7)` under hourly is not a dotted path string: `bench migrate` cannot register it and Frappe calls scheduled tasks with no arguments
# hooks.py:15:9: JF001 [display-only] `lambda: cleanup(frappe.utils.today())` under hourly passes `frappe.utils.today()`, which is not a literal: Frappe calls scheduled tasks with no arguments
# hooks.py:16:9: JF001 [display-only] `f"{PREFIX}cleanup"` under hourly is computed, not a dotted path string: Frappe stores each entry as a method path and calls it with no arguments
# hooks.py:17:9: JF001 [display-only] `PREFIX + "cleanup"` under hourly is computed, not a dotted path string: Frappe stores each entry as a method path and calls it with no arguments
# hooks.py:18:9: JF001 [safe] ' myapp.tasks.cleanup ' under hourly has whitespace around its dotted path: `frappe.get_attr` cannot import it
# hooks.py:20:14: JF001 [safe] `partial(myapp.tasks.cleanup, 3)` under daily is not a dotted path string: `bench migrate` cannot register it and Frappe calls scheduled tasks with no arguments
