app_name = "legacy_app"
app_title = "Legacy App"
app_publisher = "Example"
app_description = "Scheduler and background jobs, the legacy way"
app_license = "MIT"

# Document Events
# ---------------

doc_events = {
	"Sales Invoice": {
		"on_submit": "legacy_app.events.queue_invoice_sync",
	},
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	"all": [
		"legacy_app.tasks.sync_external_orders",  # pulls every order, every few minutes
	],
	"hourly": [
		"legacy_app.tasks.cleanup_logs(days=30)",
	],
	"daily": [
		"legacy_app.tasks.rebuild_customer_stats",  # nightly rebuild
		"legacy_app.tasks.generate_all_reports",
		"legacy_app.tasks.assign_open_tasks",
		"legacy_app.tasks.send_digest",
		"legacy_app.tasks.old_report_cleanup",
	],
	"weekly": [
		"legacy_app.tasks.archive_orders"
		"legacy_app.tasks.purge_archives",
	],
}
