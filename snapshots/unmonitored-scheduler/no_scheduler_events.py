# --- hooks.py
app_name = "myapp"

doc_events = {"ToDo": {"on_update": "myapp.tasks.sync"}}

# scheduler_events = {
# 	"daily": ["myapp.tasks.sync"],
# }
# --- tasks.py
def sync(doc, method=None):
    pass
