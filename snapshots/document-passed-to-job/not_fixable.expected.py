# --- api.py
import frappe
from frappe.model.document import Document


class Invoice(Document):
	def before_insert(self):
		frappe.enqueue("myapp.jobs.check_invoice", invoice=self)

	def on_submit(self):
		frappe.enqueue("myapp.jobs.post_invoice", invoice=self)
		frappe.enqueue("frappe.email.queue.flush_for", invoice=self)
		frappe.enqueue("myapp.jobs.with_default", invoice=self)
		frappe.enqueue("myapp.jobs.called_directly", invoice=self)

	def resend(self):
		# this caller passes a name: changing post_invoice would break it
		frappe.enqueue("myapp.jobs.post_invoice", invoice=self.name)
# --- jobs.py
import frappe


def check_invoice(invoice):
	pass


def post_invoice(invoice):
	pass


def with_default(invoice=None):
	pass


def called_directly(invoice):
	pass


def repost(invoice_name):
	called_directly(frappe.get_doc("Sales Invoice", invoice_name))
# --- findings
# api.py:7:54: JF101 [display-only] `self` (the `Invoice` document) is passed to `enqueue` as `invoice=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# api.py:10:53: JF101 [display-only] `self` (the `Invoice` document) is passed to `enqueue` as `invoice=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# api.py:11:58: JF101 [display-only] `self` (the `Invoice` document) is passed to `enqueue` as `invoice=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# api.py:12:53: JF101 [display-only] `self` (the `Invoice` document) is passed to `enqueue` as `invoice=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
# api.py:13:56: JF101 [display-only] `self` (the `Invoice` document) is passed to `enqueue` as `invoice=`: the Document is pickled with the job and stale by the time it runs; pass its doctype and name
