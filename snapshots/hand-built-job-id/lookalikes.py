import frappe
from rq.job import Job


def labels(doc, job):
    key = f"{doc.doctype}::{doc.name}"  # not a site
    cache = f"{frappe.local.site}:{key}"  # a single colon: a cache key, not an RQ id
    same = Job.fetch(job.id)  # the id RQ gave the job
    return key, cache, same
