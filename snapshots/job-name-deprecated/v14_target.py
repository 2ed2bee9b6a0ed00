# jobfix-snapshot: frappe-version=14
import frappe


def queue_push(order):
    frappe.enqueue("myapp.sync.push_order", job_name="push_order_" + order.name, order_name=order.name)
