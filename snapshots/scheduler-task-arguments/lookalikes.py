# --- hooks.py
app_name = "myapp"

doc_events = {"ToDo": {"on_update": "myapp.tasks.on_todo"}}

scheduler_events = {
    "hourly": [
        "myapp.tasks.with_defaults",
        "myapp.tasks.with_star_args",
        "myapp.tasks.reexported",
        "frappe.email.queue.flush",
        "myapp.tasks.SomeClass",
    ],
    "cron": {"0 1 * * *": ["myapp.tasks.with_defaults"]},
}
# --- tasks/__init__.py
from myapp.tasks.impl import run as reexported


def with_defaults(days=7, *, dry_run=False):
    pass


def with_star_args(*args, **kwargs):
    pass


def on_todo(doc, method):
    pass


class SomeClass:
    def __init__(self, required):
        pass
# --- tasks/impl.py
def run(limit=None):
    pass
