"""Evidence from a site without a database: the figures per task, exports, site configs, bad input.

The same evidence read from a real MariaDB server is tested in test_evidence_mariadb.py.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from helpers import EXAMPLE_APP, run_cli
from jobfix.codemods.evidence import EvidenceError, load_evidence, method_evidence
from jobfix.codemods.evidence.export import read_export
from jobfix.codemods.evidence.model import KILL_MARGIN_SECONDS, Run, summarise
from jobfix.codemods.evidence.site import site_settings

EXPORT = EXAMPLE_APP / "job-log.csv"
T0 = datetime(2025, 5, 1)
MONTH = timedelta(days=30)


def run(method, status, start_s, seconds, error=""):
    start = T0 + timedelta(seconds=start_s)
    return Run(method, status, start, start + timedelta(seconds=seconds), error)


def figures(evidence, method):
    found = evidence.for_method(method)
    assert found is not None, method
    return found


# -- the figures --------------------------------------------------------------------------------


def test_percentiles_are_nearest_rank_durations_of_finished_runs():
    runs = [run("app.tasks.a", "Complete", i * 86400, seconds) for i, seconds in enumerate(range(1, 21))]
    evidence = summarise(runs, source="test", window=MONTH)
    a = figures(evidence, "app.tasks.a")
    assert (a.runs, a.p50, a.p95, a.max) == (20, 10.0, 19.0, 20.0)
    assert a.last_run == T0 + timedelta(days=19)


def test_failed_runs_count_with_their_last_error_line():
    runs = [
        run("app.tasks.a", "Complete", 0, 2),
        run("app.tasks.a", "Failed", 86400, 3, "ValueError: first"),
        run("app.tasks.a", "Failed", 2 * 86400, 4, "KeyError: 'customer'"),
        run("app.tasks.a", "Complete", 3 * 86400, 5),
    ]
    a = figures(summarise(runs, source="test", window=MONTH), "app.tasks.a")
    assert (a.runs, a.failures, a.max) == (4, 2, 5.0)
    assert a.last_error == "KeyError: 'customer'"
    assert a.last_failure == T0 + timedelta(days=2)


def test_a_run_left_at_start_is_killed_when_a_later_run_began_or_its_timeout_passed():
    runs = [
        run("app.tasks.a", "Start", 0, 0),  # a later run began: killed
        run("app.tasks.a", "Complete", 86400, 10),
        run("app.tasks.b", "Start", 0, 0),  # the log went on 2 days: past any timeout
        run("app.tasks.c", "Start", 2 * 86400 - 100, 0),  # began 100 s before the log's end: running
        run("app.tasks.d", "Complete", 2 * 86400, 0),  # the log's latest entry
    ]
    evidence = summarise(runs, source="test", window=MONTH, frequencies={"app.tasks.c": "Daily"})
    assert [(m.method, m.killed, m.running) for m in evidence.methods] == [
        ("app.tasks.a", 1, 0), ("app.tasks.b", 1, 0), ("app.tasks.c", 0, 1), ("app.tasks.d", 0, 0),
    ]
    c = figures(evidence, "app.tasks.c")
    assert (c.queue, c.timeout, c.runs, c.p95) == ("default", 300, 0, None)


def test_the_timeout_is_the_tasks_queue_when_its_frequency_is_known_else_the_long_queues():
    """400 s after it began, a run at Start of a daily task (300 s) is killed; of a daily_long task
    (1500 s), or of a task whose queue an export does not say, it may still be running."""
    end = 300 + KILL_MARGIN_SECONDS + 40
    runs = [run(m, "Start", 0, 0) for m in ("x.daily", "x.long", "x.unknown")] + [run("x.clock", "Complete", end, 0)]
    frequencies = {"x.daily": "Daily", "x.long": "Daily Long"}
    evidence = summarise(runs, source="test", window=MONTH, frequencies=frequencies, timeouts={"long": 1500})
    assert {m.method: (m.killed, m.running, m.timeout) for m in evidence.methods if m.method != "x.clock"} == {
        "x.daily": (1, 0, 300), "x.long": (0, 1, 1500), "x.unknown": (0, 1, None),
    }


def test_custom_worker_timeouts_and_maintenance_frequencies_are_frappes():
    runs = [run("x.a", "Complete", 0, 1), run("x.b", "Complete", 0, 1)]
    evidence = summarise(
        runs, source="t", window=MONTH, frequencies={"x.a": "Hourly Maintenance", "x.b": "Weekly"},
        timeouts={"long": 3600, "default": 600},
    )
    assert [(m.queue, m.timeout) for m in evidence.methods] == [("long", 3600), ("default", 600)]


def test_runs_older_than_the_window_are_left_out():
    runs = [run("x.a", "Complete", 0, 100), run("x.a", "Complete", 40 * 86400, 1)]
    a = figures(summarise(runs, source="t", window=MONTH), "x.a")
    assert (a.runs, a.max) == (1, 1.0)


def test_tasks_are_found_by_dotted_path_or_by_the_module_function_name_of_their_job_type():
    runs = [run("tasks.send_digest", "Complete", 0, 1), run("a.tasks.rebuild", "Complete", 0, 2),
            run("one.run", "Complete", 0, 3), run("one.run", "Complete", 1, 3)]
    evidence = summarise(runs, source="t", window=MONTH)
    assert evidence.for_method("legacy_app.tasks.send_digest").method == "tasks.send_digest"
    assert evidence.for_method("a.tasks.rebuild").method == "a.tasks.rebuild"
    assert evidence.for_method("b.tasks.rebuild") is None  # only a full path matches a full path
    assert evidence.for_method("legacy_app.tasks.other") is None


def test_citation_has_the_figures_the_rules_quote():
    runs = [run("x.a", "Complete", i * 86400, 400 + i) for i in range(23)] + [
        run("x.a", "Start", 23 * 86400 + i, 0) for i in range(3)
    ] + [run("x.z", "Complete", 25 * 86400, 1)]
    evidence = summarise(runs, source="site erp.example.com", window=MONTH)
    assert evidence.cite(figures(evidence, "x.a")) == (
        "p95 421 s over 23 runs in 30 days on site erp.example.com; slowest 422 s; 3 runs killed"
    )


# -- exports ------------------------------------------------------------------------------------


def test_the_example_export_is_read_as_the_desk_writes_it():
    evidence = load_evidence(job_log=EXPORT)
    assert evidence.source == "job-log.csv"
    reports = figures(evidence, "legacy_app.tasks.generate_all_reports")
    assert (reports.runs, reports.killed, reports.failures, reports.p50, reports.p95, reports.max) == (8, 2, 0, 197.0, 288.0, 288.0)
    tasks = figures(evidence, "legacy_app.tasks.assign_open_tasks")
    assert (tasks.runs, tasks.failures) == (10, 3)
    assert tasks.last_error == "frappe.exceptions.MandatoryError: [ToDo, a94e6c03f1]: description"
    stats = figures(evidence, "legacy_app.tasks.rebuild_customer_stats")
    assert stats.max == 3.9
    assert len(evidence.methods) == 5


def test_json_exports_by_field_name_with_a_method_column(tmp_path):
    rows = [
        {"scheduled_job_type": "5f1c0a9e2b", "method": "app.tasks.a", "status": "Complete",
         "creation": "2025-05-01 00:00:00.000000", "modified": "2025-05-01 00:07:00.000000", "details": None},
        {"scheduled_job_type": "5f1c0a9e2b", "method": "app.tasks.a", "status": "Failed",
         "creation": "2025-05-02T00:00:00", "modified": "2025-05-02T00:00:01", "details": "Traceback\n  x\nOSError: disk\n\n"},
    ]
    export = tmp_path / "log.json"
    export.write_text(json.dumps({"data": rows}))
    a = figures(load_evidence(job_log=export), "app.tasks.a")
    assert (a.runs, a.failures, a.max, a.last_error) == (2, 1, 420.0, "OSError: disk")


def test_csv_with_another_delimiter_and_a_bom(tmp_path):
    export = tmp_path / "log.csv"
    export.write_text(
        "\ufeffID;Scheduled Job;Status;Created On;Last Updated On\n"
        "a1;app.tasks.a;Complete;2025-05-01 00:00:00;2025-05-01 00:00:30\n", encoding="utf-8",
    )
    assert figures(load_evidence(job_log=export), "app.tasks.a").max == 30.0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "empty"),
        ("Sr,ID,Status,Created On\n1,a,Complete,2025-05-01 00:00:00\n", "no 'Scheduled Job' / 'Last Updated On' column"),
        ("Scheduled Job,Status,Created On,Last Updated On\nx.a,Complete,yesterday,2025-05-01 00:00:00\n",
         "line 2: Created On 'yesterday' is not a date and time"),
        ("Scheduled Job,Status,Created On,Last Updated On\nx.a,Done,2025-05-01,2025-05-01\n", "line 2: unknown status 'Done'"),
        ("Scheduled Job,Status,Created On,Last Updated On\n,Complete,2025-05-01,2025-05-01\n", "line 2: no Scheduled Job"),
        ('[{"status": "Complete"', "not valid JSON"),
        ('{"rows": 3}', "expected a list of Scheduled Job Log rows"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe", "not UTF-8 text (export CSV, not Excel)"),
    ],
)
def test_a_malformed_export_is_one_line_and_exit_2(tmp_path, content, says):
    export = tmp_path / "export.csv"
    export.write_bytes(content if isinstance(content, bytes) else content.encode())
    for command in (("evidence", "--job-log", export), ("check", EXAMPLE_APP, "--job-log", export)):
        result = run_cli(*command)
        assert result.exit_code == 2
        lines = result.output.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {export}") and says in lines[0], lines


def test_a_missing_export_and_a_bad_window_are_errors(tmp_path):
    result = run_cli("evidence", "--job-log", tmp_path / "nope.csv")
    assert (result.exit_code, result.output) == (2, f"error: {tmp_path / 'nope.csv'}: no such file\n")
    result = run_cli("evidence", "--job-log", EXPORT, "--since", "last month")
    assert (result.exit_code, result.output) == (2, "error: --since 'last month': give a length such as 30d, 12h or 2w\n")
    result = run_cli("evidence")
    assert result.exit_code == 2 and result.output.startswith("error: evidence needs --site SITE")


# -- the command ---------------------------------------------------------------------------------


def test_evidence_command_prints_a_table_and_json():
    text = run_cli("evidence", "--job-log", EXPORT)
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0] == "Scheduled Job Log of job-log.csv, last 30 days: 2025-05-01 00:00 to 2025-05-10 00:04"
    assert lines[1].split() == ["Scheduled", "task", "Queue", "Runs", "p50", "p95", "Max", "Failed", "Killed", "Last", "run"]
    row = next(line for line in lines if line.startswith("tasks.generate_all_reports"))
    assert row.split() == ["tasks.generate_all_reports", "?", "8", "197", "s", "288", "s", "288", "s", "0", "2", "2025-05-10", "00:00"]
    assert "  tasks.assign_open_tasks (2025-05-09 00:00): frappe.exceptions.MandatoryError: [ToDo, a94e6c03f1]: description" in lines

    as_json = json.loads(run_cli("evidence", "--job-log", EXPORT, "--output-format", "json").output)
    assert as_json == json.loads(run_cli("evidence", "--job-log", EXPORT, "--format", "json").output)
    assert as_json["source"] == "job-log.csv" and as_json["days"] == 30
    reports = next(m for m in as_json["methods"] if m["method"] == "tasks.generate_all_reports")
    assert reports == {
        "method": "tasks.generate_all_reports", "runs": 8, "failures": 0, "killed": 2, "running": 0,
        "p50": 197.0, "p95": 288.0, "max": 288.0, "last_run": "2025-05-10 00:00:03.617000",
        "last_failure": None, "last_error": None, "frequency": None, "queue": None, "timeout": None,
    }
    assert as_json["methods"] == method_evidence(load_evidence(job_log=EXPORT))


def test_a_window_narrower_than_the_export_shows_fewer_runs():
    result = run_cli("evidence", "--job-log", EXPORT, "--since", "3d", "--format", "json")
    reports = next(m for m in json.loads(result.output)["methods"] if m["method"] == "tasks.generate_all_reports")
    assert (reports["runs"], reports["killed"]) == (2, 1)


# -- sites ---------------------------------------------------------------------------------------


def make_bench(root: Path, sites: dict[str, dict], common: dict | None = None) -> Path:
    (root / "apps").mkdir(parents=True)
    (root / "sites").mkdir()
    if common is not None:
        (root / "sites" / "common_site_config.json").write_text(json.dumps(common))
    for name, config in sites.items():
        (root / "sites" / name).mkdir()
        (root / "sites" / name / "site_config.json").write_text(json.dumps(config))
    return root


def test_site_config_overlays_the_common_one_with_frappes_defaults(tmp_path):
    bench = make_bench(
        tmp_path / "bench",
        {"one.local": {"db_name": "_1a2b", "db_password": "s3cret"}, "two.local": {"db_name": "_2", "db_password": "x", "db_host": "db2", "db_port": 3307}},
        {"db_host": "mariadb", "workers": {"long": {"timeout": 3600}, "imports": {"timeout": 7200}}},
    )
    one = site_settings("one.local", None, bench / "apps")
    assert (one.name, one.user, one.host, one.port, one.socket) == ("_1a2b", "_1a2b", "mariadb", 3306, None)
    assert dict(one.worker_timeouts) == {"long": 3600, "imports": 7200}
    assert "s3cret" not in repr(one)
    two = site_settings("two.local", bench, tmp_path)
    assert (two.host, two.port, two.address) == ("db2", 3307, "db2:3307")


@pytest.mark.parametrize(
    ("sites", "site", "says"),
    [
        ({"one.local": {"db_name": "a", "db_password": "pw-SECRET"}}, "shop.local", "--site shop.local: no such site in {sites} (its sites: one.local)"),
        ({"pg.local": {"db_name": "a", "db_password": "pw-SECRET", "db_type": "postgres"}}, "pg.local",
         "--site pg.local: the site's database is postgres (db_type in site_config.json); jobfix reads evidence from MariaDB only"),
        ({"one.local": {"db_name": "a"}}, "one.local", "--site one.local: {sites}/one.local/site_config.json has no db_password"),
        ({"one.local": {"db_name": "a", "db_password": "pw-SECRET", "db_port": "three"}}, "one.local", "--site one.local: db_port 'three' is not a number"),
        ({"one.local": {}}, "../one.local", "--site '../one.local': not a site name"),
    ],
)
def test_bad_sites_are_one_line_and_exit_2_without_the_password(tmp_path, monkeypatch, sites, site, says):
    bench = make_bench(tmp_path / "bench", sites)
    monkeypatch.chdir(bench)
    for command in (("evidence", "--site", site), ("check", EXAMPLE_APP, "--site", site, "--bench", bench)):
        result = run_cli(*command)
        assert result.exit_code == 2
        assert result.output.count("\n") == 1 and "pw-SECRET" not in result.output
        assert result.output.startswith("error: " + says.format(sites=bench / "sites")), result.output


def test_site_outside_a_bench_asks_for_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("evidence", "--site", "one.local")
    assert (result.exit_code, result.output) == (
        2, "error: --site one.local: no bench here (a folder with sites/ and apps/); pass --bench PATH\n",
    )


def test_one_source_at_a_time():
    with pytest.raises(EvidenceError, match="give one"):
        load_evidence(site="x", job_log=EXPORT)
    with pytest.raises(EvidenceError, match="--bench needs --site"):
        load_evidence(bench=Path("."))
    assert load_evidence() is None


def test_every_row_of_the_export_is_a_run_tracebacks_spanning_lines_included():
    runs = read_export(EXPORT)
    assert len(runs) == 50
    assert sorted({r.status for r in runs}) == ["Complete", "Failed", "Start"]
    assert [r.error for r in runs if r.status == "Failed"][0].startswith("frappe.exceptions.MandatoryError")


def test_the_report_takes_the_evidence_too(tmp_path):
    page = tmp_path / "report.html"
    plain = run_cli("report", EXAMPLE_APP, "-o", page)
    assert plain.exit_code == 0 and "scheduled-task-killed" not in page.read_text()
    measured = run_cli("report", EXAMPLE_APP, "-o", page, "--job-log", EXPORT)
    assert measured.exit_code == 0, measured.output
    text = page.read_text()
    assert "killed 2 of 10 runs" in text and "failed 3 of 10 runs" in text
