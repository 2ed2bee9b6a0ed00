# --- hooks.py
app_name = "myapp"

scheduler_events = {
    "daily": ["myapp.tasks.totals", "myapp.tasks.guarded", "myapp.tasks.drain", "myapp.tasks.later", "myapp.tasks.reads"],
}
# --- tasks.py
import frappe


def totals():
    amounts = []
    total = 0
    for row in frappe.get_all("Sales Invoice", fields=["name", "grand_total"]):
        amounts.append(row.grand_total)
        total += row.grand_total
    return total, sum(amounts)


def guarded():
    for name in frappe.get_all("Customer", pluck="name"):
        try:
            frappe.get_doc("Customer", name).save()
        except frappe.ValidationError:
            frappe.log_error(title=f"Customer {name}")


def drain():
    while frappe.db.exists("Sync Queue", {"status": "Pending"}):
        name = frappe.db.get_value("Sync Queue", {"status": "Pending"})
        frappe.get_doc("Sync Queue", name).submit()


def later():
    def each(names):
        for name in names:
            frappe.get_doc("Customer", name).save()
    return each


def reads():
    counts = {}
    for name in frappe.get_all("Customer", pluck="name"):
        counts[name] = frappe.db.sql("select count(*) from `tabSales Order` where customer = %s", name)[0][0]
    return counts


def not_in_background():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
# --- findings
