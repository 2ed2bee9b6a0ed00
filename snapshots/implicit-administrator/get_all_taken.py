# --- hooks.py
scheduler_events = {"hourly": ["myapp.tasks.sync"]}
# --- tasks.py
from frappe import get_list

from myapp.utils import get_all


def sync():
    # `get_all` is another function here: the fix imports frappe's under another name
    return get_list("Task") + get_all()
# --- utils.py
def get_all():
    return []
