# --- hooks.py
from functools import partial

from myapp.tasks import cleanup
import myapp.tasks

app_name = "myapp"
PREFIX = "myapp.tasks."

scheduler_events = {
    "hourly": [
        cleanup,  # a function object, not a path
        myapp.tasks.cleanup,
        partial(cleanup, days=14),
        lambda: cleanup(days=7),
        lambda: cleanup(frappe.utils.today()),
        f"{PREFIX}cleanup",
        PREFIX + "cleanup",
        " myapp.tasks.cleanup ",
    ],
    "daily": partial(myapp.tasks.cleanup, 3),
}
# --- tasks.py
def cleanup(days=7):
    pass
