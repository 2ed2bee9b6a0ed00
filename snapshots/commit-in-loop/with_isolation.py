# jobfix-snapshot: select=JF005,JF006
# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily_long": ["myapp.tasks.rebuild_stats"],
}
# --- tasks.py
import frappe


def rebuild_stats():
    for customer in frappe.get_all("Customer", pluck="name"):
        stats = frappe.get_doc("Customer Stats", customer)
        stats.total = frappe.db.count("Sales Order", {"customer": customer})
        stats.save()
        frappe.db.commit()
