"""`jobfix report`: the HTML page as a person reads it.

The numbers on the page are read back from the HTML (totals, the table of each app, the bars of
the charts) and compared with what `jobfix check --output-format json` says; a browser renders the page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import copy_example, make_app, run_cli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate_bench import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KIND_COLUMNS = {"Fixable safely": "safe", "With unsafe fixes": "unsafe", "Needs a person": "person",
                "Could not be read": "unreadable"}
TOTAL_CARDS = {"Findings": "findings", "Fixable safely": "safe", "Fixable with unsafe fixes": "unsafe",
               "Needs a person": "person", "Could not be read": "unreadable"}


def _kind(row: dict) -> str:
    """What check's JSON says of one finding, in the report's terms."""
    if row["code"] == "JF000":
        return "unreadable"
    applicability = (row["fix"] or {}).get("applicability", "display-only")
    return {"safe": "safe", "unsafe": "unsafe"}.get(applicability, "person")


def _expected(paths: list[str], app_of) -> tuple[Counter, dict[str, dict[str, Counter]]]:
    """Totals by kind, and counts by app, rule and kind, from `jobfix check --output-format json`."""
    result = run_cli("check", *paths, "--output-format", "json")
    assert result.exit_code == 1, result.output
    totals, per_app = Counter(), defaultdict(lambda: defaultdict(Counter))
    for row in json.loads(result.output):
        kind = _kind(row)
        totals[kind] += 1
        totals["findings"] += 1
        per_app[app_of(Path(row["filename"]))][row["code"]][kind] += 1
    return totals, {app: dict(rules) for app, rules in per_app.items()}


def _report(paths: list[str], output: Path, *options: str) -> BeautifulSoup:
    result = run_cli("report", *paths, "-o", output, *options)
    assert result.exit_code == 0, result.output
    return BeautifulSoup(output.read_text(encoding="utf-8"), "html.parser")


def _totals_shown(page: BeautifulSoup) -> Counter:
    shown = Counter()
    for card in page.select("#totals .total-card"):
        shown[TOTAL_CARDS[card.select_one(".label").get_text(strip=True)]] = int(card.select_one(".number").get_text())
    return shown


def _apps_shown(page: BeautifulSoup) -> dict[str, dict[str, Counter]]:
    """Each app's table as a person reads it: the rule in the first cell, a count per column."""
    apps = {}
    for section in page.select("section.app"):
        table = section.select_one("table.by-rule")
        if table is None:
            continue
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        rules = {}
        for row in table.select("tbody tr"):
            cells = [td.get_text(strip=True) for td in row.select("td")]
            counts = Counter({KIND_COLUMNS[h]: int(c) for h, c in zip(headers, cells) if h in KIND_COLUMNS and int(c)})
            assert int(cells[headers.index("Findings")]) == sum(counts.values())
            rules[row.select_one("td code").get_text()] = counts
        apps[section.select_one("h3").get_text(strip=True)] = rules
    return apps


def _glance_shown(page: BeautifulSoup) -> dict[str, Counter]:
    """The bench's table of apps: app -> count per column."""
    table = page.select_one("table.by-app")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    apps = {}
    for row in table.select("tbody tr"):
        cells = [td.get_text(strip=True) for td in row.select("td")]
        counts = Counter({KIND_COLUMNS[h]: int(c) for h, c in zip(headers, cells) if h in KIND_COLUMNS and int(c)})
        assert int(cells[headers.index("Findings")]) == sum(counts.values())
        apps[cells[0]] = counts
    return apps


def _bars(page: BeautifulSoup, chart: str) -> dict[str, Counter]:
    """The bars of a chart: label -> count of each stacked part (and the total written beside it)."""
    bars = {}
    for bar in page.select(f'svg[data-chart="{chart}"] g.bar'):
        counts = Counter({rect["data-kind"]: int(rect["data-count"]) for rect in bar.select("rect")})
        assert int(bar.select_one("text.total").get_text()) == sum(counts.values())
        bars[bar.select_one("text.label").get_text()] = counts
    return bars


def _assert_numbers_match(page: BeautifulSoup, totals: Counter, per_app: dict[str, dict[str, Counter]]) -> None:
    assert _totals_shown(page) == totals
    assert _apps_shown(page) == per_app
    expected_rules = defaultdict(Counter)
    for rules in per_app.values():
        for code, counts in rules.items():
            expected_rules[code].update(counts)
    rule_bars = {label.split(" ")[0]: counts for label, counts in _bars(page, "findings by rule").items()}
    assert rule_bars == expected_rules
    app_bars = _bars(page, "findings by app")
    assert app_bars == {app: sum(rules.values(), Counter()) for app, rules in per_app.items()}


def test_the_example_apps_report_shows_what_check_finds(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    page = _report(["legacy_app"], tmp_path / "report.html")
    totals, per_app = _expected(["legacy_app"], lambda path: "legacy_app")
    assert totals["safe"] and totals["unsafe"] and totals["person"]  # every kind is on the page
    _assert_numbers_match(page, totals, per_app)
    assert page.select_one("h1").get_text(" ", strip=True) == "App legacy_app"
    assert page.select_one('[data-field="target"]').get_text() == "v15"
    assert page.select_one("table.by-app") is None  # one app: no table of apps


def test_a_generated_benchs_report_shows_what_check_finds_per_app_and_rule(tmp_path, monkeypatch):
    apps = generate(tmp_path / "bench", apps=4, files=120, seed=5)
    monkeypatch.chdir(tmp_path)
    page = _report([str(apps)], tmp_path / "report.html")
    totals, per_app = _expected([str(apps)], lambda path: path.relative_to(apps).parts[0])
    assert len(per_app) >= 3 and totals["unreadable"] == 1  # the bench's Python 2 leftover
    _assert_numbers_match(page, totals, per_app)
    assert page.select_one("h1").get_text(" ", strip=True) == "Bench bench"
    assert _glance_shown(page) == {app: sum(rules.values(), Counter()) for app, rules in per_app.items()}
    unreadable = page.select("#unreadable ~ section .where")
    assert [a.get_text().rsplit("/", 1)[-1] for a in unreadable] == ["legacy_sync.py:5"]


def test_unsafe_fixes_are_in_the_diffs_only_when_asked(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    safe = _report(["legacy_app"], tmp_path / "safe.html")
    unsafe = _report(["legacy_app"], tmp_path / "unsafe.html", "--unsafe-fixes")
    fixes = run_cli("fix", "legacy_app", "--diff").output
    unsafe_fixes = run_cli("fix", "legacy_app", "--diff", "--unsafe-fixes").output

    def diffs(page):
        return "".join(line.get_text() + "\n" for pre in page.select("details.diff pre") for line in pre.select("span"))

    assert diffs(safe) == fixes  # the same changes `jobfix fix --diff` prints, file by file
    assert diffs(unsafe) == unsafe_fixes
    assert all(d.get("open") is None for d in safe.select("details.diff"))  # collapsed
    assert "jobfix report --unsafe-fixes" in safe.get_text(" ") and "jobfix report --unsafe-fixes" not in unsafe.get_text(" ")


def test_what_needs_a_person_is_grouped_by_rule_with_its_explanation_and_place(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    page = _report(["legacy_app"], tmp_path / "report.html")
    groups = {g["data-rule"]: g for g in page.select("#person ~ section.rule")}
    jf103 = groups["JF103"]
    assert jf103.select_one(".count").get_text() == "2"
    assert "inside a document event" in jf103.select_one(".summary").get_text()
    assert "transaction" in jf103.select_one(".why").get_text()
    places = [a.get_text() for a in jf103.select("a.where")]
    assert places == [
        "legacy_app/legacy_app/events.py:8",
        "legacy_app/legacy_app/legacy_module/doctype/sales_sync_log/sales_sync_log.py:19",
    ]
    href = jf103.select_one("a.where")["href"]
    assert (tmp_path / href).resolve() == (tmp_path / "legacy_app/legacy_app/events.py").resolve()
    assert sum(len(g.select("a.where")) for g in groups.values()) == _totals_shown(page)["person"]


def test_the_migrate_step_and_the_files_a_fix_touches(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    page = _report(["legacy_app"], tmp_path / "report.html")
    (app,) = page.select("section.app")
    files = [a.get_text() for a in app.select("ul.files a")]
    changed = run_cli("fix", "legacy_app", "--diff").output
    assert files and all(f"+++ b/legacy_app/{name}" in changed for name in files)
    assert "bench --site all migrate" in app.select_one(".step").get_text()


def test_a_bench_report_leaves_frappe_and_excluded_apps_out_and_says_so(tmp_path, monkeypatch):
    apps = tmp_path / "bench" / "apps"
    make_app(apps, {}, name="frappe")
    make_app(apps, {}, name="other")
    copy_example(apps)
    monkeypatch.chdir(tmp_path)
    page = _report([apps], tmp_path / "report.html", "--exclude-app", "other")
    left_out = page.select_one("#apps ~ p.skipped")
    assert [name.get_text() for name in left_out.select("strong")] == ["frappe", "other"]
    assert "frappe itself" in left_out.get_text() and "--exclude-app" in left_out.get_text()
    assert [section.select_one("h3").get_text() for section in page.select("section.app")] == ["legacy_app"]
    result = run_cli("report", apps, "-o", tmp_path / "none.html", "--app", "other", "--exclude-app", "other")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "skipped frappe: not chosen with --app",
        "skipped legacy_app: not chosen with --app",
        "skipped other: left out with --exclude-app",
        "error: nothing to report: every app was left out (the skipped lines say why)",
    ]


def test_the_page_loads_nothing_and_runs_no_script(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    page = _report(["legacy_app"], tmp_path / "report.html")
    assert not page.select("script, link, img, iframe, object, embed, use, image, form")
    styles = " ".join(tag.get_text() for tag in page.select("style")) + " ".join(t["style"] for t in page.select("[style]"))
    assert "@import" not in styles and "url(" not in styles and "@font-face" not in styles
    addresses = [(tag.name, name, value) for tag in page.find_all(True) for name, value in tag.attrs.items()
                 if name != "xmlns" and "://" in str(value)]
    assert addresses == []  # every link is to a place in the code, relative to the report
    assert all(not a["href"].startswith("//") for a in page.select("a[href]"))
    assert page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"].startswith("default-src 'none'")
    assert len(page.select("svg.chart")) == 2


def test_the_date_follows_source_date_epoch(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    page = _report(["legacy_app"], tmp_path / "report.html")
    assert "2026-01-01" in page.select_one("header").get_text()


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 10 else f"{round(value)} s"


def test_a_sites_evidence_shows_the_slowest_tasks_against_their_timeout_and_the_killed_or_failing(tmp_path, monkeypatch):
    app = copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    log = app / "job-log.csv"
    page = _report(["legacy_app"], tmp_path / "report.html", "--job-log", log)
    figures = json.loads(run_cli("evidence", "--job-log", log, "--output-format", "json").output)["methods"]
    slowest = sorted((m for m in figures if m["p95"] is not None), key=lambda m: (-m["p95"], m["method"]))
    rows = page.select('#evidence ~ figure svg[data-chart="p95 against the queue\'s timeout"] g.task')
    assert len(rows) == min(len(slowest), 12) >= 3
    scheduled = {"legacy_app.tasks." + name for name in ("generate_all_reports", "send_digest", "assign_open_tasks",
                                                         "rebuild_customer_stats")}  # under daily in hooks.py
    for row, expected in zip(rows, slowest):
        label, text = row.select_one("text.label").get_text(), row.select_one("text.total").get_text()
        assert label.endswith(expected["method"])
        level = row.select_one("rect")["data-level"]
        if label in scheduled:  # the export does not say the queue; hooks.py does: daily, the default queue (300 s)
            assert text == f"p95 {_seconds(expected['p95'])} / 300 s" and row.select_one("line.timeout") is not None
            assert level == ("person" if expected["p95"] >= 300 else "unsafe" if expected["p95"] > 150 else "safe")
        else:
            assert text == f"p95 {_seconds(expected['p95'])}" and row.select_one("line.timeout") is None
            assert level == "unreadable"
    trouble = {}
    for row in page.select("table.trouble tbody tr"):
        cells = [td.get_text(strip=True) for td in row.select("td")]
        trouble[cells[0]] = (int(cells[1]), int(cells[2]), int(cells[3]))
    expected_trouble = {m["method"]: (m["runs"], m["killed"], m["failures"]) for m in figures if m["killed"] or m["failures"]}
    assert {task.split("legacy_app.", 1)[-1]: counts for task, counts in trouble.items()} == expected_trouble != {}


def test_without_evidence_the_page_has_no_section_for_it(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    page = _report(["legacy_app"], tmp_path / "report.html")
    assert page.select_one("#evidence") is None and len(page.select("svg.chart")) == 2


@pytest.mark.parametrize(("count", "total", "shown"), [(1, 201, "<1%"), (0, 201, "0%"), (200, 201, ">99%"), (55, 201, "27%"), (3, 3, "100%")])
def test_shares_never_round_to_nothing_or_everything(count, total, shown):
    from jobfix.codemods.reports.html import share

    assert share(count, total) == shown


def test_the_template_ships_with_the_package():
    """pyproject's package-data takes every template (else an installed jobfix cannot render one)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package = ROOT / "jobfix" / "codemods" / "reports"
    shipped = {path for glob in setuptools["package-data"]["jobfix.codemods.reports"] for path in package.glob(glob)}
    assert shipped == set((package / "templates").iterdir()) != set()


# -- bad input ---------------------------------------------------------------------------------


def _fails(*args) -> str:
    result = run_cli("report", *args)
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert line.startswith("error: ")
    return line


def test_an_output_in_a_missing_folder_is_one_line(tmp_path):
    app = make_app(tmp_path, {})
    line = _fails(app, "-o", tmp_path / "nowhere" / "report.html")
    assert line == f"error: {tmp_path / 'nowhere' / 'report.html'}: the folder {tmp_path / 'nowhere'} does not exist"


def test_an_output_that_is_a_folder_is_one_line(tmp_path):
    app = make_app(tmp_path, {})
    assert _fails(app, "-o", tmp_path).endswith("is a folder; give the name of the HTML file to write")


def test_a_path_without_an_app_is_one_line(tmp_path):
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "script.py").write_text("import frappe\n")
    line = _fails(tmp_path / "loose", "-o", tmp_path / "report.html")
    assert line.startswith(f"error: {tmp_path / 'loose'}: no Frappe app here")
    assert not (tmp_path / "report.html").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_output_without_write_permission_is_one_line(tmp_path):
    app = make_app(tmp_path, {})
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert _fails(app, "-o", locked / "report.html").endswith("permission denied: cannot write there")
    finally:
        locked.chmod(0o755)


def test_a_failed_write_is_one_line_and_leaves_no_file(tmp_path, monkeypatch):
    """What a full disk or a folder made read-only during the run does (root ignores modes)."""
    import jobfix.codemods.reports.html as html

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(html.os, "replace", no_space)
    app = make_app(tmp_path, {})
    assert _fails(app, "-o", tmp_path / "report.html") == f"error: {tmp_path / 'report.html'}: cannot write: No space left on device"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["myapp"]


# -- in a browser ------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT = ROOT / "examples" / "legacy_app-report.png"
# the colours of the charts' parts (report.html.j2): a chart drawn shows each of them
CHART_COLOURS = {"safe": (0x1F, 0x9D, 0x55), "unsafe": (0xE0, 0x9A, 0x00), "person": (0xD6, 0x45, 0x45)}


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 1500) -> None:
    """Headless Chromium's picture of ``page``, ``width`` x ``height`` pixels, no network."""
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         f"--user-data-dir={png.parent / 'chromium-profile'}", "--force-device-scale-factor=1",
         f"--window-size={width},{height}", f"--screenshot={png}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="chromium is not installed (.ci/run installs it)")
def test_the_report_renders_in_a_browser(tmp_path, monkeypatch, request):
    from PIL import Image

    assert CHROMIUM is not None, "CI runs this test: .ci/run installs Debian's chromium"

    copy_example(tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    page = tmp_path / "examples" / "legacy_app-report.html"
    assert run_cli("report", "examples/legacy_app", "--job-log", "examples/legacy_app/job-log.csv", "-o", page).exit_code == 0
    artefacts = tmp_path / "artefacts"
    artefacts.mkdir()
    png = artefacts / "legacy_app-report.png"
    screenshot(page, png)
    image = Image.open(png).convert("RGB")
    assert image.size == (1280, 1500)
    colours = Counter(dict((rgb, n) for n, rgb in image.getcolors(maxcolors=1 << 20)))
    background, share = colours.most_common(1)[0]
    assert share < 0.8 * 1280 * 1500, "the page is blank"
    assert len(colours) > 200, "no text drawn"  # anti-aliased text brings hundreds of shades
    for kind, rgb in CHART_COLOURS.items():
        assert colours[rgb] > 2000, f"no {kind} bars in the charts"
    print(f"screenshot: {png}")
    if request.config.getoption("--snapshot-update"):
        shutil.copyfile(png, SCREENSHOT)
