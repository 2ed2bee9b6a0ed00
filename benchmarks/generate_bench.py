"""A generated Frappe bench for the benchmark: apps shaped like real ones, the same for a seed.

Shapes follow four public Frappe apps (helpdesk, hrms, payments, wiki; 957 files): about a third
of the files are ``__init__.py`` (most of them empty), doctype controllers and tests are often
stubs, the median file is a few hundred bytes, the mean about 2.6 KB and the largest tens of KB.
A few percent of the files hold job code: ``enqueue`` in document events and endpoints,
``frappe.db.commit()`` in loops and patches, scheduled tasks named in ``hooks.py``.

    python benchmarks/generate_bench.py /tmp/bench --apps 30 --files 10000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

WORDS = (
    "account asset batch budget campaign contract cost customer delivery employee expense fleet "
    "invoice item job journal lead ledger loan maintenance material member order payment payroll "
    "pick plan price project purchase quality quotation receipt request salary sales schedule "
    "serial shift shipment stock subscription supplier task tax timesheet training transfer "
    "vehicle warehouse work attendance appraisal bank branch claim course donor grant student "
    "ticket article page membership voucher gateway settlement"
).split()
DEFAULT_SEED = 20240611


def _snake(words: list[str]) -> str:
    return "_".join(words)


def _title(words: list[str]) -> str:
    return " ".join(w.capitalize() for w in words)


def _camel(words: list[str]) -> str:
    return "".join(w.capitalize() for w in words)


@dataclass
class AppPlan:
    name: str
    files: int
    rng: random.Random
    written: int = 0
    tasks: list[tuple[str, bool]] = field(default_factory=list)  # (function, heavy)
    event_handlers: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def fresh(self, parts: int) -> list[str]:
        """Words for a name not used yet in this app (longer names once short ones run out)."""
        for attempt in range(1000):
            words = self.rng.sample(WORDS, parts + attempt // 20)
            if _snake(words) not in self.used:
                self.used.add(_snake(words))
                return words
        raise RuntimeError("no fresh name left")  # pragma: no cover - 80 words, up to 50 long


class BenchWriter:
    """Writes one app after another; every file is counted so the bench has exactly N files."""

    def __init__(self, root: Path, seed: int):
        self.root = root
        self.rng = random.Random(seed)

    def write(self, app: AppPlan, rel: str, text: str) -> None:
        path = self.root / "apps" / app.name / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if rel.endswith(".py"):
            app.written += 1

    def room(self, app: AppPlan) -> int:
        return app.files - app.written


# -- bits of code ------------------------------------------------------------------------------


def _method(rng: random.Random, name: str, doctype: str) -> str:
    field_a, field_b = rng.sample(WORDS, 2)
    kind = rng.random()
    if kind < 0.35:
        body = f'''
            if not self.{field_a}:
                frappe.throw(_("{_title([field_a])} is mandatory for {doctype}"))
            if self.{field_b} and flt(self.{field_b}) < 0:
                frappe.throw(_("{_title([field_b])} cannot be negative"))
            self.total = sum(flt(row.amount) for row in self.get("items", []))
        '''
    elif kind < 0.6:
        body = f'''
            for row in self.get("items", []):
                row.amount = flt(row.qty) * flt(row.rate)
                if row.amount and not row.{field_a}:
                    row.{field_a} = frappe.db.get_value("{_title([field_a])}", row.{field_b}, "name")
            self.set_missing_values()
        '''
    elif kind < 0.8:
        body = f'''
            existing = frappe.get_all(
                "{doctype}",
                filters={{"{field_a}": self.{field_a}, "docstatus": 1, "name": ["!=", self.name]}},
                fields=["name", "{field_b}"],
                limit=1,
            )
            if existing:
                frappe.throw(_("{{0}} already exists for {{1}}").format(existing[0].name, self.{field_a}))
        '''
    else:
        body = f'''
            values = {{
                "{field_a}": self.{field_a},
                "{field_b}": self.{field_b},
                "posting_date": getdate(self.posting_date) if self.posting_date else nowdate(),
                "company": self.company,
            }}
            return frappe._dict(values)
        '''
    return f"\n    def {name}(self):{textwrap.indent(textwrap.dedent(body), '        ')}"


def _controller(rng: random.Random, app: AppPlan, words: list[str], job: str | None) -> str:
    doctype = _title(words)
    head = "# Copyright (c) 2024, Frappe Technologies and contributors\n# For license information, please see license.txt\n\n"
    if job is None and rng.random() < 0.45:
        return head + f"# import frappe\nfrom frappe.model.document import Document\n\n\nclass {_camel(words)}(Document):\n\tpass\n"
    count = min(int(rng.paretovariate(0.85) * 7), 240)
    names = ["validate", "before_save", "on_update", "on_cancel", "before_submit"] + [
        f"set_{w}" for w in rng.sample(WORDS, 20)
    ] + [f"get_{w}_{i}" for i, w in enumerate(rng.choices(WORDS, k=220))]
    methods = "".join(_method(rng, n, doctype) for n in names[:count])
    if job == "enqueue":
        method = f"{app.name}.tasks.sync_document"
        after_commit = ", enqueue_after_commit=True" if rng.random() < 0.3 else ""
        methods += f'''

    def on_submit(self):
        frappe.enqueue("{method}", queue="long", doc_name=self.name{after_commit})
'''
    return head + (
        "import frappe\nfrom frappe import _\nfrom frappe.model.document import Document\n"
        "from frappe.utils import flt, getdate, nowdate\n\n\n"
        f"class {_camel(words)}(Document):{methods}\n"
    )


def _test(rng: random.Random, words: list[str]) -> str:
    head = "# Copyright (c) 2024, Frappe Technologies and Contributors\n# See license.txt\n\n"
    if rng.random() < 0.6:
        return head + f"# import frappe\nfrom frappe.tests.utils import FrappeTestCase\n\n\nclass Test{_camel(words)}(FrappeTestCase):\n\tpass\n"
    cases = "".join(
        f'''
    def test_{w}(self):
        doc = frappe.get_doc({{"doctype": "{_title(words)}", "{w}": "_Test {w}"}}).insert()
        self.assertEqual(doc.{w}, "_Test {w}")
        doc.delete()
'''
        for w in rng.sample(WORDS, rng.randint(1, 20))
    )
    return head + f"import frappe\nfrom frappe.tests.utils import FrappeTestCase\n\n\nclass Test{_camel(words)}(FrappeTestCase):{cases}"


def _report(rng: random.Random, words: list[str]) -> str:
    columns = ",\n".join(
        f'\t\t{{"label": _("{_title([w])}"), "fieldname": "{w}", "fieldtype": "Data", "width": {rng.choice([100, 120, 150])}}}'
        for w in rng.sample(WORDS, rng.randint(4, 18))
    )
    return f'''import frappe
from frappe import _


def execute(filters=None):
\treturn get_columns(), get_data(filters or {{}})


def get_columns():
\treturn [
{columns},
\t]


def get_data(filters):
\tconditions = ""
\tif filters.get("company"):
\t\tconditions += " and company = %(company)s"
\treturn frappe.db.sql(
\t\tf"""
\t\tselect name, posting_date, grand_total, status
\t\tfrom `tab{_title(words)}`
\t\twhere docstatus = 1 {{conditions}}
\t\torder by posting_date desc
\t\t""",
\t\tfilters,
\t\tas_dict=True,
\t)
'''


def _patch(rng: random.Random, words: list[str]) -> str:
    commit = "\n\t\tfrappe.db.commit()" if rng.random() < 0.3 else ""
    return f'''import frappe


def execute():
\tfrappe.reload_doc("{words[0]}", "doctype", "{_snake(words)}")
\tfor name in frappe.get_all("{_title(words)}", pluck="name"):
\t\tfrappe.db.set_value("{_title(words)}", name, "status", "Draft", update_modified=False){commit}
'''


def _utils(rng: random.Random, app: AppPlan, job: str | None) -> str:
    funcs = []
    for w in rng.sample(WORDS, min(int(rng.paretovariate(1.0) * 6), 60)):
        funcs.append(f'''

@frappe.whitelist()
def get_{w}_details({w}, company=None):
\tfilters = {{"name": {w}}}
\tif company:
\t\tfilters["company"] = company
\treturn frappe.get_all("{_title([w])}", filters=filters, fields=["name", "status", "modified"])
''')
    if job == "enqueue":
        funcs.append(f'''

@frappe.whitelist()
def start_{_snake(app.fresh(1))}_export(filters=None):
\tfrappe.enqueue("{app.name}.tasks.export_data", queue="long", filters=filters)
\treturn {{"status": "queued"}}
''')
    if job == "commit":
        funcs.append('''

def rebuild_totals(names):
\tfor name in names:
\t\tdoc = frappe.get_doc("Sales Order", name)
\t\tdoc.run_method("calculate_totals")
\t\tdoc.db_update()
\t\tfrappe.db.commit()
''')
    return "import frappe\nfrom frappe import _\n" + "".join(funcs)


def _tasks(app: AppPlan) -> str:
    parts = ["import frappe\nfrom frappe.utils import add_days, nowdate\n"]
    for words in (app.fresh(2) for _ in range(4)):
        name = f"sync_{_snake(words)}"
        parts.append(f'''

def {name}():
\tfor row in frappe.get_all("{_title(words)}", filters={{"docstatus": 1}}, pluck="name"):
\t\tdoc = frappe.get_doc("{_title(words)}", row)
\t\tdoc.run_method("sync")
\t\tdoc.save()
\t\tfrappe.db.commit()
''')
        app.tasks.append((name, True))
    for words in (app.fresh(1) for _ in range(3)):
        name = f"clear_old_{words[0]}_logs"
        parts.append(f'''

def {name}():
\tfrappe.db.delete("{_title(words)} Log", {{"modified": ("<", add_days(nowdate(), -30))}})
''')
        app.tasks.append((name, False))
    parts.append('''

def export_data(filters=None):
\tfor name in frappe.get_all("Sales Invoice", filters=filters, pluck="name"):
\t\tfrappe.get_doc("Sales Invoice", name).run_method("export")


def sync_document(doc_name):
\tfrappe.get_doc("Sales Invoice", doc_name).run_method("sync")
''')
    return "".join(parts)


def _hooks(app: AppPlan) -> str:
    heavy = [t for t, h in app.tasks if h]
    light = [t for t, h in app.tasks if not h]
    daily = ",\n".join(f'\t\t"{app.name}.tasks.{t}"' for t in heavy[:2] + light[:1])
    hourly = ",\n".join(f'\t\t"{app.name}.tasks.{t}"' for t in light[1:])
    daily_long = ",\n".join(f'\t\t"{app.name}.tasks.{t}"' for t in heavy[2:])
    return f'''app_name = "{app.name}"
app_title = "{_title(app.name.split('_'))}"
app_publisher = "Frappe Technologies"
app_description = "A generated app for the jobfix benchmark"
app_email = "dev@example.com"
app_license = "MIT"

# Includes in <head>
app_include_css = "/assets/{app.name}/css/{app.name}.css"
app_include_js = "/assets/{app.name}/js/{app.name}.js"

doc_events = {{
\t"*": {{
\t\t"on_update": "{app.name}.events.on_any_update",
\t}},
}}

scheduler_events = {{
\t"daily": [
{daily},
\t],
\t"hourly": [
{hourly},
\t],
\t"daily_long": [
{daily_long},
\t],
}}

override_doctype_dashboards = {{}}
'''


def _events(app: AppPlan) -> str:
    return '''import frappe


def on_any_update(doc, method=None):
\tif doc.doctype in ("Sales Invoice", "Purchase Invoice") and doc.docstatus == 1:
\t\tfrappe.enqueue_doc(doc.doctype, doc.name, "notify_party")
'''


def _legacy_py2() -> str:
    return "import frappe\n\n\ndef run():\n\tprint \"queued\"\n\tfrappe.enqueue('x.y')\n"


# -- apps --------------------------------------------------------------------------------------


def _app_sizes(rng: random.Random, apps: int, files: int) -> list[int]:
    """A few big apps and many small ones, every app at least 12 files, summing to ``files``."""
    weights = [rng.paretovariate(1.3) for _ in range(apps)]
    floor = 12
    spare = files - floor * apps
    if spare < 0:
        raise ValueError(f"{files} files are too few for {apps} apps (at least {floor} each)")
    sizes = [floor + int(spare * w / sum(weights)) for w in weights]
    for i in range(files - sum(sizes)):
        sizes[i % apps] += 1
    return sizes


def _write_app(writer: BenchWriter, app: AppPlan, legacy: bool) -> None:
    rng = app.rng
    base = app.name
    writer.write(app, "pyproject.toml", f'[project]\nname = "{base}"\n\n[tool.bench.frappe-dependencies]\nfrappe = ">=15.0.0,<16.0.0"\n')
    writer.write(app, f"{base}/__init__.py", '__version__ = "0.0.1"\n')
    writer.write(app, f"{base}/modules.txt", _title(base.split("_")) + "\n")
    writer.write(app, f"{base}/patches.txt", "[post_model_sync]\n")
    writer.write(app, f"{base}/tasks.py", _tasks(app))
    writer.write(app, f"{base}/hooks.py", _hooks(app))
    writer.write(app, f"{base}/events.py", _events(app))
    if legacy:
        writer.write(app, f"{base}/legacy_sync.py", _legacy_py2())
    modules = [app.fresh(1)[0] for _ in range(max(1, min(rng.randint(2, 8), (app.files - 6) // 4)))]
    writer.write(app, f"{base}/patches/__init__.py", "")
    for module in modules:
        writer.write(app, f"{base}/{module}/__init__.py", "")
        writer.write(app, f"{base}/{module}/doctype/__init__.py", "")
    while writer.room(app) > 0:
        module = rng.choice(modules)
        roll = rng.random()
        room = writer.room(app)
        job = None
        if rng.random() < 0.03:
            job = "enqueue"
        if roll < 0.72 and room >= 3:  # a doctype: __init__, controller, test
            words = app.fresh(rng.randint(1, 3))
            folder = f"{base}/{module}/doctype/{_snake(words)}"
            writer.write(app, f"{folder}/__init__.py", "")
            writer.write(app, f"{folder}/{_snake(words)}.py", _controller(rng, app, words, job))
            writer.write(app, f"{folder}/test_{_snake(words)}.py", _test(rng, words))
        elif roll < 0.82 and room >= 2:  # a report: __init__ and the report
            words = app.fresh(2)
            folder = f"{base}/{module}/report/{_snake(words)}"
            writer.write(app, f"{folder}/__init__.py", "")
            writer.write(app, f"{folder}/{_snake(words)}.py", _report(rng, words))
        elif roll < 0.92:  # a patch
            words = app.fresh(2)
            writer.write(app, f"{base}/patches/{_snake(words)}.py", _patch(rng, words))
        else:  # an api or utils module
            job = rng.choice([None, None, "enqueue", "commit"])
            writer.write(app, f"{base}/{module}/{_snake(app.fresh(1))}_utils.py", _utils(rng, app, job))


def generate(target: Path, apps: int = 30, files: int = 10_000, seed: int = DEFAULT_SEED) -> Path:
    """Write a bench under ``target`` (``target/apps/<app>/<app>/...``); returns its apps folder."""
    writer = BenchWriter(target, seed)
    rng = writer.rng
    names: list[str] = []
    while len(names) < apps:
        name = _snake(rng.sample(WORDS, 2))
        if name not in names:
            names.append(name)
    for i, (name, size) in enumerate(zip(names, _app_sizes(rng, apps, files))):
        app = AppPlan(name, size, random.Random(rng.random()))
        _write_app(writer, app, legacy=(i == apps // 2))
    return target / "apps"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--apps", type=int, default=30)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    print(generate(args.target, args.apps, args.files, args.seed))


if __name__ == "__main__":
    main()
