# --- hooks.py
app_name = "myapp"

scheduler_events = {
	# no all-event-cron in [tool.jobfix]: reported, never moved (moving it changes how often it runs)
	"all": ["myapp.tasks.remind_upcoming"],
}
# --- tasks.py
import frappe


def remind_upcoming():
	# looks 5 minutes ahead: every 15 minutes would miss events
	for event in frappe.get_all("Event", filters={"starts_on": ["between", ["now", "in 5 minutes"]]}, pluck="name"):
		frappe.get_doc("Event", event).notify()
# --- findings
# hooks.py:5:10: JF011 [display-only] heavy `myapp.tasks.remind_upcoming` under `all`: it loops over an unbounded query (myapp.tasks:6), and `all` runs it every `scheduler_interval` (4 minutes by default), so it takes a default worker every tick and the site's other jobs wait behind it
