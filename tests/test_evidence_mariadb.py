"""Evidence read from a real MariaDB server (see mariadb_server.py): Frappe's two tables with their
real column types, runs with known durations, failures and killed runs, a user granted SELECT
only, and what goes wrong with a site's database."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from helpers import make_app, run_cli
from mariadb_server import FRAPPE_TABLES, start_server, stop_server

pytestmark = pytest.mark.slow  # a real server process

PASSWORD = "pw-Site1-Secret"
READER_PASSWORD = "pw-Reader-Secret"
# Scheduled Job Type names: hashes as Frappe v16 makes them, and the `module.function` of v13-v15
JOB_TYPES = [
    ("a1b2c3d4e5", "myapp.tasks.slow_but_simple", "Daily"),
    ("b2c3d4e5f6", "myapp.tasks.heavy_but_fast", "Daily"),
    ("tasks.killed_task", "myapp.tasks.killed_task", "Daily"),
    ("d4e5f6a7b8", "myapp.tasks.failing_task", "Daily"),
    ("e5f6a7b8c9", "myapp.tasks.long_one", "Daily Long"),
]
TRACEBACK = 'Traceback (most recent call last):\n  File "apps/myapp/myapp/tasks.py", line 30, in failing_task\n    raise ValueError("no rate for USD")\nValueError: no rate for USD\n'


def log_rows(now: datetime) -> list[tuple]:
    """(job type, status, seconds ago it began, seconds it took, details)."""
    day = 86400
    rows = [("a1b2c3d4e5", "Complete", (20 - i) * day, 100 + 10 * i, None) for i in range(20)]  # 100..290 s
    rows.append(("a1b2c3d4e5", "Complete", 40 * day, 5000, None))  # before the 30-day window
    rows += [("b2c3d4e5f6", "Complete", (10 - i) * day, 1 + i / 10, None) for i in range(10)]  # 1.0..1.9 s
    rows += [
        ("tasks.killed_task", "Complete", 6 * day, 250, None),
        ("tasks.killed_task", "Start", 5 * day, 0, None),  # a later run began: killed
        ("tasks.killed_task", "Complete", 4 * day, 260, None),
        ("tasks.killed_task", "Complete", 3 * day, 270, None),
        ("tasks.killed_task", "Complete", 2 * day, 280, None),
        ("tasks.killed_task", "Start", 1 * day, 0, None),  # a day without an end: killed
    ]
    rows += [("d4e5f6a7b8", "Failed" if i in (1, 3) else "Complete", (5 - i) * day, 2, TRACEBACK if i in (1, 3) else None) for i in range(5)]
    rows += [("e5f6a7b8c9", "Complete", 2 * day, 900, None), ("e5f6a7b8c9", "Start", 10, 0, None)]  # still running
    return [
        (f"log{i:05d}", job, status, now - timedelta(seconds=ago), now - timedelta(seconds=ago) + timedelta(seconds=took), details)
        for i, (job, status, ago, took, details) in enumerate(rows)
    ]


@pytest.fixture(scope="module")
def server():
    running = start_server()
    try:
        running.execute("create database `_site1`", "create database `_empty`")
        running.execute(*FRAPPE_TABLES, database="_site1")
        running.execute(
            f"create user '_site1'@'%' identified by '{PASSWORD}'",
            "grant all privileges on `_site1`.* to '_site1'@'%'",
            "grant all privileges on `_empty`.* to '_site1'@'%'",
            f"create user 'reader'@'%' identified by '{READER_PASSWORD}'",
            "grant select on `_site1`.`tabScheduled Job Type` to 'reader'@'%'",
            "grant select on `_site1`.`tabScheduled Job Log` to 'reader'@'%'",
        )
        now = running.execute("select now(6)")[0][0]
        connection = running.connect("_site1")
        with connection.cursor() as cursor:
            cursor.executemany(
                "insert into `tabScheduled Job Type` (name, creation, modified, method, frequency, create_log) "
                "values (%s, %s, %s, %s, %s, 1)",
                [(name, now - timedelta(days=90), now - timedelta(days=90), method, frequency) for name, method, frequency in JOB_TYPES],
            )
            cursor.executemany(
                "insert into `tabScheduled Job Log` (name, scheduled_job_type, status, creation, modified, details, owner) "
                "values (%s, %s, %s, %s, %s, %s, 'Administrator')",
                log_rows(now),
            )
        connection.close()
        yield running
    finally:
        stop_server(running)


def make_bench(root: Path, server, site: str = "site1.local", **site_config) -> Path:
    (root / "apps").mkdir(parents=True, exist_ok=True)
    (root / "sites" / site).mkdir(parents=True, exist_ok=True)
    (root / "sites" / "common_site_config.json").write_text(json.dumps({"db_host": "127.0.0.1", "db_port": server.port}))
    config = {"db_name": "_site1", "db_password": PASSWORD, **site_config}
    (root / "sites" / site / "site_config.json").write_text(json.dumps(config))
    return root


def evidence_json(*args) -> dict:
    result = run_cli("evidence", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {m["method"]: m for m in json.loads(result.output)["methods"]}


def figures(method: dict) -> tuple:
    return tuple(method[k] for k in ("runs", "p50", "p95", "max", "failures", "killed", "running", "queue", "timeout"))


EXPECTED = {
    "myapp.tasks.slow_but_simple": (20, 190.0, 280.0, 290.0, 0, 0, 0, "default", 300),
    "myapp.tasks.heavy_but_fast": (10, 1.4, 1.9, 1.9, 0, 0, 0, "default", 300),
    "myapp.tasks.killed_task": (4, 260.0, 280.0, 280.0, 0, 2, 0, "default", 300),
    "myapp.tasks.failing_task": (5, 2.0, 2.0, 2.0, 2, 0, 0, "default", 300),
    "myapp.tasks.long_one": (1, 900.0, 900.0, 900.0, 0, 0, 1, "long", 1500),
}


def test_evidence_from_the_sites_database(server, tmp_path):
    bench = make_bench(tmp_path / "bench", server)
    methods = evidence_json("--site", "site1.local", "--bench", bench)
    assert {name: figures(m) for name, m in methods.items()} == EXPECTED
    assert methods["myapp.tasks.failing_task"]["last_error"] == "ValueError: no rate for USD"
    assert methods["myapp.tasks.slow_but_simple"]["frequency"] == "Daily"
    text = run_cli("evidence", "--site", "site1.local", "--bench", bench).output
    assert text.splitlines()[0].startswith("Scheduled Job Log of site site1.local, last 30 days: ")
    row = next(line for line in text.splitlines() if line.startswith("myapp.tasks.long_one "))
    assert row.split()[:13] == ["myapp.tasks.long_one", "long", "(1500", "s)", "1", "+1", "running", "900", "s", "900", "s", "900", "s"]


def test_only_selects_in_a_read_only_transaction(server, tmp_path):
    """The server's general log holds every statement jobfix sent: nothing but reading."""
    bench = make_bench(tmp_path / "bench", server, db_user="_site1")
    log = Path(server.folder / "queries.log")
    start = log.stat().st_size
    evidence_json("--site", "site1.local", "--bench", bench)
    statements = _statements_of(log.read_text(errors="replace")[start:], user="_site1")
    # PyMySQL's connection setup, then jobfix's transaction
    assert statements[:3] == ["SET NAMES utf8mb4", "SET AUTOCOMMIT = 0", "START TRANSACTION READ ONLY"], statements
    assert [s.split()[0] for s in statements[3:]] == ["SELECT", "SELECT", "ROLLBACK"], statements


def _statements_of(log: str, user: str) -> list[str]:
    """The Query statements of the connections ``user`` opened, from a general query log."""
    entry = re.compile(r"^(?:\d{6}\s+\d{1,2}:\d{2}:\d{2})?\s+(\d+) (\w+(?: \w+)?)\t(.*)$")
    events, current = [], None
    for line in log.splitlines():
        match = entry.match(line)
        if match:
            current = [int(match.group(1)), match.group(2), match.group(3)]
            events.append(current)
        elif current is not None:
            current[2] += "\n" + line
    ours = {cid for cid, kind, text in events if kind == "Connect" and text.startswith(f"{user}@")}
    assert ours, "no connection of the user in the log"
    return [" ".join(text.split()) for cid, kind, text in events if cid in ours and kind == "Query"]


def test_a_user_granted_select_only_reads_the_same_evidence(server, tmp_path):
    bench = make_bench(tmp_path / "bench", server, db_user="reader", db_password=READER_PASSWORD)
    methods = evidence_json("--site", "site1.local", "--bench", bench)
    assert {name: figures(m) for name, m in methods.items()} == EXPECTED
    # and that user cannot write: what START TRANSACTION READ ONLY would refuse anyway
    import pymysql

    connection = pymysql.connect(host="127.0.0.1", port=server.port, user="reader", password=READER_PASSWORD, database="_site1")
    with pytest.raises(pymysql.err.OperationalError, match="INSERT command denied"):
        with connection.cursor() as cursor:
            cursor.execute("insert into `tabScheduled Job Log` (name) values ('x')")
    connection.close()


def error_of(*args) -> str:
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("error: "), result.output
    assert PASSWORD not in result.output and READER_PASSWORD not in result.output
    return result.output.strip()


def test_a_wrong_password_is_one_line_without_the_password(server, tmp_path):
    bench = make_bench(tmp_path / "bench", server, db_password="not-" + PASSWORD)
    message = error_of("evidence", "--site", "site1.local", "--bench", bench)
    assert message == (
        f"error: MariaDB at 127.0.0.1:{server.port} (site site1.local): access denied for user '_site1' "
        "(check db_user and db_password in site_config.json)"
    )
    assert "not-" + PASSWORD not in message


def test_a_database_without_the_tables(server, tmp_path):
    bench = make_bench(tmp_path / "bench", server, db_name="_empty", db_user="_site1")
    assert error_of("check", tmp_path, "--site", "site1.local", "--bench", bench) == (
        f"error: MariaDB at 127.0.0.1:{server.port} (site site1.local): database '_empty' has no Scheduled Job Log "
        "or Scheduled Job Type table (not a Frappe site, or a Frappe older than v12)"
    )


def test_an_unknown_database(server, tmp_path):
    bench = make_bench(tmp_path / "bench", server, db_name="_gone", db_user="_site1")
    assert error_of("evidence", "--site", "site1.local", "--bench", bench).endswith(
        "no database '_gone', or user '_site1' may not use it (db_name in site_config.json)"
    )


def test_a_closed_port_and_an_unreachable_host_fail_within_seconds(server, tmp_path):
    closed = make_bench(tmp_path / "closed", server, db_port=1)
    assert error_of("evidence", "--site", "site1.local", "--bench", closed) == (
        "error: MariaDB at 127.0.0.1:1 (site site1.local): cannot connect within 5 s (is the server running and reachable?)"
    )
    unreachable = make_bench(tmp_path / "far", server, db_host="192.0.2.1")  # TEST-NET-1: routed nowhere
    began = time.monotonic()
    assert error_of("evidence", "--site", "site1.local", "--bench", unreachable).startswith(
        f"error: MariaDB at 192.0.2.1:{server.port} (site site1.local): cannot connect within 5 s"
    )
    assert time.monotonic() - began < 15


def test_the_socket_wins_over_host_and_port(server, tmp_path):
    bench = make_bench(tmp_path / "bench", server, db_socket=server.socket, db_host="192.0.2.1", db_user="_site1")
    assert figures(evidence_json("--site", "site1.local", "--bench", bench)["myapp.tasks.killed_task"]) == EXPECTED["myapp.tasks.killed_task"]


# -- the rules read the evidence -----------------------------------------------------------------

HOOKS = '''\
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.slow_but_simple",
		"myapp.tasks.heavy_but_fast",
		"myapp.tasks.killed_task",
		"myapp.tasks.failing_task",
	],
	"daily_long": [
		"myapp.tasks.long_one",
	],
}
'''
TASKS = '''\
import frappe


def slow_but_simple():
	frappe.db.sql("update `tabSales Order` set status = 'Overdue' where due_date < curdate()")


def heavy_but_fast():
	for name in frappe.get_all("Customer", pluck="name"):
		frappe.get_doc("Customer", name).save()


def killed_task():
	frappe.db.sql("delete from `tabVersion` where creation < curdate() - interval 90 day")


def failing_task():
	frappe.get_doc("Currency Exchange", "USD-EUR").reload()


def long_one():
	frappe.db.sql("insert into `tabStock Summary` select * from `tabStock Ledger Entry`")
'''


def test_the_rules_report_what_the_site_measured(server, tmp_path, monkeypatch):
    bench = make_bench(tmp_path / "bench", server)
    make_app(bench / "apps", {"hooks.py": HOOKS, "tasks.py": TASKS})
    monkeypatch.chdir(bench)
    without = run_cli("check", "apps/myapp", "--select", "JF008,JF014,JF015,JF016")
    assert without.output.splitlines()[:2] == [  # the code alone: one heavy-looking task
        "apps/myapp/myapp/hooks.py:6:3: JF008 [*] heavy `myapp.tasks.heavy_but_fast` under daily, on the default queue (300 s)",
        "Found 1 finding.",
    ]
    result = run_cli("check", "apps/myapp", "--site", "site1.local", "--select", "JF008,JF014,JF015,JF016", "--show-fixes")
    assert result.exit_code == 1
    hooks, tasks = "apps/myapp/myapp/hooks.py", "apps/myapp/myapp/tasks.py"
    on_site = "in 30 days on site site1.local"
    assert result.output.splitlines() == [
        f'{hooks}:5:3: JF008 [*] slow `myapp.tasks.slow_but_simple` under daily, on the default queue (300 s)',
        f'    why: its runs come close to that timeout (measured: p95 280 s over 20 runs {on_site}; slowest 290 s)',
        f'    help: Move the entry to `daily_long` (measured: p95 280 s over 20 runs {on_site}; slowest 290 s)',
        f'{hooks}:6:3: JF008 heavy `myapp.tasks.heavy_but_fast` under daily, on the default queue (300 s)',
        f'    why: it loops over an unbounded query (myapp.tasks:9), though its slowest run took 1.9 s (measured: p95 1.9 s over 10 runs {on_site}; slowest 1.9 s), so it is not urgent and the move waits for --unsafe-fixes',
        '    help: Move the entry to `daily_long`',
        f'{hooks}:7:3: JF008 [*] slow `myapp.tasks.killed_task` under daily, on the default queue (300 s)',
        f'    why: its runs come close to that timeout (measured: p95 280 s over 4 runs {on_site}; slowest 280 s; 2 runs killed)',
        f'    help: Move the entry to `daily_long` (measured: p95 280 s over 4 runs {on_site}; slowest 280 s; 2 runs killed)',
        f'{hooks}:7:3: JF015 `myapp.tasks.killed_task` under daily killed 2 of 6 runs',
        f"    why: {on_site}, they were left at `Start` (past the default queue's 300 s, or a later run began); the finished ones: p95 280 s, slowest 280 s",
        '    help: Move it to the long queue (a `*_long` key, JF008), or enqueue the per-record work (JF014)',
        f'{hooks}:8:3: JF016 `myapp.tasks.failing_task` under daily failed 2 of 5 runs',
        f'    why: {on_site}, the last on {_last_failure(server)}, with `ValueError: no rate for USD`',
        '    help: Read the tracebacks (Scheduled Job Log, Status = Failed) and fix the cause; where one record can fail, catch and log it (`frappe.log_error`) so it does not fail the whole run',
        f'{tasks}:21:1: JF014 slow `long_one` under daily_long, on the long queue (1500 s)',
        f'    why: no per-record loop shows, but its runs come close to that timeout (measured: p95 900 s over 1 run {on_site}; slowest 900 s)',
        '    help: Split the run: enqueue one job per record or batch, each with its own timeout, or give it a worker with a longer timeout (common_site_config.json `workers`)',
        'Found 6 findings.',
        '[*] 2 fixable with `jobfix fix`.',
        '1 more fixable with `jobfix fix --unsafe-fixes`.',
    ]


def _last_failure(server) -> str:
    found = server.execute(
        "select max(creation) from `tabScheduled Job Log` where status = 'Failed'", database="_site1"
    )[0][0]
    return f"{found:%Y-%m-%d %H:%M}"


def test_fix_moves_the_measured_task_and_the_cache_keeps_runs_apart(server, tmp_path, monkeypatch):
    """The same app checked with and without evidence gives each run its own findings (the
    evidence is part of the cache key), and `fix` moves what the site measured as slow."""
    bench = make_bench(tmp_path / "bench", server)
    make_app(bench / "apps", {"hooks.py": HOOKS, "tasks.py": TASKS})
    monkeypatch.chdir(bench)
    plain = run_cli("check", "apps/myapp", "--select", "JF008").output
    measured = run_cli("check", "apps/myapp", "--select", "JF008", "--site", "site1.local").output
    assert plain != measured and run_cli("check", "apps/myapp", "--select", "JF008").output == plain
    result = run_cli("fix", "apps/myapp", "--select", "JF008", "--site", "site1.local", "--diff")
    assert "\n+\t\"daily_long\": [\n" not in result.output  # appended to the existing key
    moved = [line for line in result.output.splitlines() if line.startswith(("+\t\t", "-\t\t"))]
    assert moved == [
        '-\t\t"myapp.tasks.slow_but_simple",',
        '-\t\t"myapp.tasks.killed_task",',
        '+\t\t"myapp.tasks.slow_but_simple",',
        '+\t\t"myapp.tasks.killed_task",',
    ]
