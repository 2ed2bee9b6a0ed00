"""A generated bench of Frappe apps holding every anti-pattern of the catalogue in many syntactic
forms, and the look-alikes that must be left alone.

Each app of the bench is written in its own style (indent unit, line endings, how enqueue is
imported, how many comments), so together they exercise aliases, keyword and positional
methods, nested functions, controllers inheriting from the app's own base classes, decorators
with arguments, tabs and spaces, CRLF, comments between arguments, parentheses and trailing
commas. Templates are written with four-space indents and ``#C`` where a comment may go;
``restyle`` turns them into each app's style. Nothing here is a test: tests/test_corpus.py is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Style:
    indent: str  # the indent unit replacing each four leading spaces
    newline: str
    comments: bool  # put a comment where a template allows one
    enqueue_import: str  # how the module imports enqueue
    enqueue: str  # how it then calls it
    frappe: str  # the name frappe is bound to


STYLES = (
    Style("    ", "\n", False, "import frappe", "frappe.enqueue", "frappe"),
    Style("\t", "\r\n", True, "import frappe\nfrom frappe import enqueue", "enqueue", "frappe"),
    Style("  ", "\n", True, "import frappe\nfrom frappe.utils.background_jobs import enqueue as bg_enqueue", "bg_enqueue", "frappe"),
    Style("        ", "\n", True, "import frappe as fr", "fr.enqueue", "fr"),
)


def restyle(text: str, style: Style, note: str) -> str:
    lines = []
    for number, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        depth, rest = divmod(len(line) - len(stripped), 4)
        line = style.indent * depth + " " * rest + stripped
        if line.endswith("#C"):
            line = line[:-2].rstrip() + (f"  # {note} {number}" if style.comments else "")
        lines.append(line)
    return style.newline.join(lines)


HOOKS = '''\
# {app}: hooks, with comments everywhere #C
app_name = "{app}"  #C
app_title = "{title}"

doc_events = {{  #C
    "Sales Order": {{  #C
        "on_submit": "{app}.events.on_order_submit",  #C
        "validate": ["{app}.events.validate_order", "{app}.events.check_credit"],  #C
    }},
    "*": {{"after_insert": "{app}.events.audit_insert"}},  #C
}}

scheduler_events = {{  #C
    # every scheduler_interval #C
    "all": [  #C
        "{app}.tasks.pull_everything",  #C
    ],
    "hourly": [
        "{app}.tasks.cleanup_logs(days=30)",  #C
        "{app}.tasks.cleanup_logs(days=7)",
        "{app}.tasks.needs_an_argument",  #C
    ],
    "daily": [  #C
        "{app}.tasks.rebuild_stats",  #C
        "{app}.tasks.generate_reports",
        "{app}.tasks.assign_open_tasks",  #C
        "{app}.tasks.renamed_long_ago",  #C
        "{app}.tasks.send_digest"  #C
        "{app}.tasks.archive_orders",
        "{app}.tasks.Nightly.run",
        "{app}.tasks.rebuild_in_a_while_loop",
    ],
    "weekly": "{app}.tasks.purge_archives",  #C
    "monthly": [("{app}.tasks.rebuild_stats")],
    "weekly_long": [
        "{app}.tasks.long_and_fine",
    ],
    "cron": {{  #C
        "0 1 * * *": ["{app}.tasks.heavy_at_one"],  #C
        "*/5 * * * *": ["{app}.tasks.send_digest"],
    }},
    "daily": ["{app}.tasks.send_digest"],  #C
    "hourly_maintenance": ["{app}.tasks.cleanup_logs"],
    "every_minute": ["{app}.tasks.send_digest"],
}}

fixtures = ["Custom Field"]  # frappe.enqueue mentioned in a comment only #C
'''

TASKS = '''\
"""Scheduled tasks, the legacy way."""
{imports}
import requests
from frappe.utils import add_days, today
from {app}.base import helpers as h  #C


def cleanup_logs(days=7):  #C
    {fr}.db.delete("Sync Log", {{"creation": ("<", add_days(today(), -days))}})  #C


def needs_an_argument(company, /, *, dry_run):  #C
    {fr}.db.set_value("Company", company, "synced", 1)


def pull_everything():  #C
    orders = {fr}.get_all("Sales Order", filters={{"docstatus": 1}}, fields=["name"])  #C
    for order in orders:  #C
        reply = requests.post(  #C
            "https://erp.example.com/orders",  #C
            json=order,  # one argument per line #C
            timeout=30,
        )
        {fr}.db.set_value("Sales Order", order.name, "external_id", reply.json()["id"])


def rebuild_stats():
    for customer in {fr}.get_all("Customer", pluck="name"):  #C
        stats = {fr}.get_doc("Customer Stats", customer)  #C
        stats.total = {fr}.db.count("Sales Order", {{"customer": customer}})
        stats.save()  #C
        {fr}.db.commit()  # one commit per customer #C


def rebuild_in_a_while_loop():
    names = {fr}.get_all("Item", pluck="name")
    while names:  #C
        item = {fr}.get_doc("Item", names.pop())
        item.save()
        {fr}.db.commit()


def generate_reports():
    def one(report):  # a nested function #C
        doc = {fr}.get_doc("Scheduled Report", report)
        doc.run()
        doc.save()

    for report in {fr}.get_all("Scheduled Report", pluck="name"):  #C
        one(report)
        generate_report(report)


def generate_report(report):
    doc = {fr}.get_doc("Scheduled Report", report)
    doc.run()
    doc.save()


def assign_open_tasks():  #C
    for task in {fr}.get_list("Task", filters={{"status": "Open"}}, limit=50):  #C
        todo = {fr}.get_doc({{"doctype": "ToDo", "description": task.subject}})
        todo.insert()  #C
    {fr}.get_list("ToDo")


def send_digest():
    count = {fr}.db.count("ToDo", {{"status": "Open"}})
    {fr}.sendmail(recipients=["ops@example.com"], subject="Digest", message=f"{{count}} open")


def archive_orders():
    {fr}.db.sql("update `tabSales Order` set archived = 1 where modified < %s", add_days(today(), -365))


def purge_archives():
    for name in {fr}.get_all("Sales Order", {{"archived": 1}}, pluck="name"):
        {fr}.delete_doc("Sales Order", name)
        {fr}.db.commit()


def long_and_fine():
    for name in {fr}.get_all("File", pluck="name"):
        {fr}.get_doc("File", name).save()


def heavy_at_one():
    for name in {fr}.get_all("Bin", pluck="name"):  #C
        h.recompute(name)  #C
        {fr}.get_doc("Bin", name).save()


class Nightly:
    @staticmethod
    def run():
        for name in {fr}.get_all("Lead", pluck="name"):
            {fr}.get_doc("Lead", name).save()


def batched_already():  # a deliberate batching condition: left alone
    for i, name in enumerate({fr}.get_all("Note", pluck="name")):
        {fr}.get_doc("Note", name).save()
        if i % 500 == 0:
            {fr}.db.commit()


def isolated_per_record():  # the per-record isolation idiom: left alone by JF005
    for name in {fr}.get_all("Payment", pluck="name"):
        try:
            {fr}.get_doc("Payment", name).submit()
            {fr}.db.commit()
        except Exception:
            {fr}.db.rollback()
            {fr}.log_error(title="payment failed", message={fr}.get_traceback())
'''

API = '''\
"""Endpoints called from buttons."""
{imports}
from frappe import whitelist
from frappe import _


@{fr}.whitelist()
def start_export(customer_group):  #C
    # a double click queues the export twice #C
    {enqueue}("{app}.api.export_customers", queue="default", customer_group=customer_group)  #C
    return {{"message": _("Export started")}}


@whitelist(methods=["POST"])  #C
def start_export_again(customer_group, fmt="csv"):
    job = {enqueue}(  #C
        method="{app}.api.export_customers",  #C
        # the method as a keyword, comments between arguments #C
        customer_group=customer_group,
        fmt=fmt,  #C
    )
    return job


def export_customers(customer_group, fmt="csv"):
    rows = []
    for name in {fr}.get_all("Customer", filters={{"customer_group": customer_group}}, pluck="name"):  #C
        customer = {fr}.get_doc("Customer", name)
        rows.append(customer.as_dict())
        customer.save()
    {fr}.get_doc({{"doctype": "File", "file_name": "c." + fmt, "content": {fr}.as_json(rows)}}).insert()


@{fr}.whitelist()
def notify_me_later():
    {enqueue}(
        "{app}.api.send_one_notification",
        queue="long",
        user={fr}.session.user,
    )


def send_one_notification():
    {fr}.publish_realtime("msgprint", {{"message": "Done"}})


@{fr}.whitelist()
def rebuild_everything():
    {enqueue}("{app}.tasks.rebuild_stats", queue="long", timeout=4000)  #C


@{fr}.whitelist()
def rebuild_now():
    {enqueue}(rebuild_all, queue="short", timeout=200)  # the method as a function object #C


def rebuild_all():
    for name in {fr}.get_all("Customer", pluck="name"):
        {fr}.get_doc("Customer", name).save()


@{fr}.whitelist()
def tiny_on_long():
    {enqueue}("{app}.api.send_one_notification", queue="long")


@{fr}.whitelist()
def named_job(name):
    {enqueue}("{app}.api.export_customers", job_name="export-" + name, customer_group=name)


@{fr}.whitelist(allow_guest=True)
def payment_webhook(**payload):  # webhooks handle distinct events: left alone #C
    {enqueue}("{app}.sync.record_payment", payload=payload)


@{fr}.whitelist()
def already_guarded(customer_group):
    job_id = f"export::{{customer_group}}"
    {enqueue}("{app}.api.export_customers", job_id=job_id, deduplicate=True, customer_group=customer_group)


@{fr}.whitelist()
def runs_now(customer_group):
    {enqueue}("{app}.api.export_customers", now=True, customer_group=customer_group)
'''

BASE = '''\
"""The app's own base classes and helpers."""
{imports}
from frappe.model.document import Document


class AppDocument(Document):  #C
    def notify(self):
        {fr}.publish_realtime("doc_update", {{"name": self.name}})


class Tracked(AppDocument):
    pass


class helpers:  # noqa: N801 - a namespace, the way some apps write them
    @staticmethod
    def recompute(name):
        return name
'''

CONTROLLER = '''\
{imports}
from {app}.base import Tracked  #C


def retry(times=3):  # a decorator with arguments
    def wrap(func):
        return func

    return wrap


class Order(Tracked):  #C
    def validate(self):  #C
        if self.total > 1000:  #C
            {fr}.db.commit()  #C

    @retry(times=2)  #C
    def on_submit(self):
        {enqueue}("{app}.sync.push_order", name=self.name)  #C
        {enqueue}(  #C
            "{app}.sync.push_order",  #C
            queue="short",  #C
            name=self.name,  #C
        )  #C
        job = {enqueue}("{app}.sync.push_order", name=self.name)
        self.db_set("job", str(job))

    def after_insert(self):
        def later():  # nested: the enqueue still runs in the event #C
            {enqueue}("{app}.sync.push_order", name=self.name)

        later()
        {fr}.enqueue_doc(self.doctype, self.name, "notify", queue="short")
        {enqueue}("{app}.sync.push_order", doc=self)  # the whole document, pickled #C

    def on_cancel(self):
        {fr}.db.rollback()
        {enqueue}("{app}.sync.push_order", name=self.name, enqueue_after_commit=True)
        {enqueue}("{app}.sync.push_order", name=self.name, now=True)

    def on_trash(self):
        # a lambda is not the event itself
        callback = lambda: {enqueue}("{app}.sync.push_order", name=self.name)  # noqa: E731
        callback()
'''

EVENTS = '''\
"""Document event handlers named in hooks.py doc_events."""
{imports}


def on_order_submit(doc, method=None):  #C
    {enqueue}("{app}.sync.push_invoice", invoice=doc.name)
    {fr}.db.commit()  # so the worker finds the order #C


def validate_order(doc, method):
    if (doc.total) > 0:
        (({enqueue}("{app}.sync.push_invoice", invoice=doc.name)))  #C


def check_credit(doc, method=None):
    pass


def audit_insert(doc, method=None):
    {fr}.enqueue_doc(doc.doctype, doc.name, "notify")
'''

SYNC = '''\
"""Talking to the external ERP."""
{imports}
import requests
from frappe.utils.background_jobs import get_redis_conn
from rq.job import Job


def sync_with_retry(record):
    try:
        requests.post("https://erp.example.com/records", json={{"name": record}}, timeout=30)
    except Exception:  #C
        # the other side is down: try again, forever #C
        {enqueue}("{app}.sync.sync_with_retry", record=record)


def sync_by_object(record):
    try:
        requests.post("https://erp.example.com/records", json={{"name": record}}, timeout=30)
    except (ValueError, requests.RequestException):
        {enqueue}(sync_by_object, record=record)


def push_order(name=None, doc=None):
    order = doc or {fr}.get_doc("Sales Order", name)
    requests.post("https://erp.example.com/orders", json=order.as_dict(), timeout=30)


def push_invoice(invoice):
    try:
        requests.post("https://erp.example.com/invoices", json={{"name": invoice}}, timeout=30)
    except Exception:
        {fr}.log_error({fr}.get_traceback(), "Invoice push failed")  #C


def record_payment(payload):
    if not payload.get("id"):
        {fr}.log_error("Payment webhook without id")
        {fr}.log_error(message="no id")
        return
    {fr}.get_doc({{"doctype": "Payment Log", "payload": {fr}.as_json(payload)}}).insert(ignore_permissions=True)


def is_order_sync_running():
    job = Job.fetch(f"{{{fr}.local.site}}::sync_orders", connection=get_redis_conn())  #C
    other = "%s::%s" % ({fr}.local.site, "sync_orders")
    return job.get_status() in ("queued", "started") or other
'''

PATCH = '''\
{imports}


def execute():  # patches commit on purpose: left alone
    for name in {fr}.get_all("Item", pluck="name"):
        {fr}.db.set_value("Item", name, "migrated", 1)
        {fr}.db.commit()
'''

LOOKALIKES = '''\
"""Trigger words in places that are not the patterns: nothing here may change."""
{imports}

TEXT = "frappe.enqueue('x.y') and frappe.db.commit() in a string"  #C
# frappe.enqueue("{app}.tasks.rebuild_stats")  in a comment #C


class Queue:
    def enqueue(self, *args, **kwargs):  #C
        return args

    def commit(self):
        return None


def uses_its_own_queue(queue: Queue):
    for item in range(3):
        queue.enqueue(item)
        queue.commit()


def modern_python(rows: list[dict[str, int]]) -> int | None:
    total = 0
    for row in rows:
        match row:  #C
            case {{"qty": int(qty)}} if (n := qty) > 0:
                total += n
            case _:
                pass
    with (open("/dev/null") as a, open("/dev/null") as b):  #C
        a.read(0), b.read(0)
    return total or None


async def an_async_job(name):
    return f"{{name!r:>10}}"
'''


def app_files(app: str, style: Style) -> dict[str, str]:
    """The files of one app: paths inside its package -> text."""
    values = dict(app=app, title=app.replace("_", " ").title(), imports=style.enqueue_import,
                  enqueue=style.enqueue, fr=style.frappe)
    files = {
        "hooks.py": HOOKS, "tasks.py": TASKS, "api.py": API, "base.py": BASE, "events.py": EVENTS,
        "sync.py": SYNC, "lookalikes.py": LOOKALIKES,
        "selling/doctype/sales_order/sales_order.py": CONTROLLER,
        "patches/v1_0/backfill.py": PATCH,
    }
    texts = {path: restyle(template.format(**values), style, f"note in {app}") for path, template in files.items()}
    for package in ("selling", "selling/doctype", "selling/doctype/sales_order", "patches", "patches/v1_0"):
        texts[f"{package}/__init__.py"] = ""
    texts["__init__.py"] = '__version__ = "1.0.0"' + style.newline
    return texts


def write_bench(root: Path, apps: int = len(STYLES)) -> Path:
    """A bench's ``apps/`` folder under ``root`` with ``apps`` apps, one per style; returns it."""
    folder = root / "apps"
    for number in range(apps):
        style = STYLES[number % len(STYLES)]
        app = f"corpus_app_{number}"
        package = folder / app / app
        for rel, text in app_files(app, style).items():
            path = package / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        (package / "modules.txt").write_text("Selling\n")
        (package / "patches.txt").write_text(f"{app}.patches.v1_0.backfill\n")
    return folder
