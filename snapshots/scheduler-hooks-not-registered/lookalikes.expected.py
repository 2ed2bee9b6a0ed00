# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "all": ["myapp.tasks.reexported"],  # from .jobs import run as reexported
    "Hourly_Long": ["myapp.tasks.jobs.run"],  # title-cased by Frappe: valid
    "daily": [
        "myapp.starred.anything",  # `from x import *`: cannot tell
        "myapp.lazy.anything",  # module __getattr__
        "myapp.assigned.task",  # bound by an assignment
        "myapp.tasks.SomeClass",  # a class: Frappe calls it
        "erpnext.accounts.utils.auto_create_fiscal_year",
        "myapp.tasks.long_"
        "name",  # a path split on purpose
    ],
}
# --- tasks/__init__.py
from .jobs import run as reexported


class SomeClass:
    pass


def long_name():
    pass
# --- tasks/jobs.py
def run():
    pass
# --- starred.py
from myapp.tasks.jobs import *
# --- lazy.py
def __getattr__(name):
    return lambda: None
# --- assigned.py
from myapp.tasks.jobs import run

task = run if True else None
# --- findings
