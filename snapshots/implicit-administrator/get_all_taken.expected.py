# --- hooks.py
scheduler_events = {"hourly": ["myapp.tasks.sync"]}
# --- tasks.py
from myapp.utils import get_all
from frappe import get_all as get_all_documents


def sync():
    # `get_all` is another function here: the fix imports frappe's under another name
    return get_all_documents("Task") + get_all()
# --- utils.py
def get_all():
    return []
# --- findings
# tasks.py:8:12: JF007 [safe] `frappe.get_list` in scheduled task `sync`: scheduled tasks run as Administrator, so its permission check lets everything through; `frappe.get_all` says so
