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
