"""Parsing does not depend on the Python that runs jobfix: code of Python 3.10 to 3.14 is read by
every host that can read it, and where the host is too old for a construct, its JF000 says which
Python reads it and how to run jobfix with that one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import make_app, run_cli
from jobfix.codemods.index import syntax
from jobfix.codemods.index.syntax import NewerSyntax, parse

HOST = sys.version_info[:2]
SYNTAX_MODULE = Path(syntax.__file__)

# one sample a construct, with the Python that first reads it
SAMPLES = {
    "match": ((3, 10), "match command:\n    case [x]:\n        pass\n"),
    "except*": ((3, 11), "try:\n    pass\nexcept* ValueError:\n    pass\n"),
    "type statement": ((3, 12), "type Point = tuple[int, int]\n"),
    "type parameters": ((3, 12), "def first[T](items: list[T]) -> T:\n    return items[0]\n"),
    "f-string quotes": ((3, 12), 'd = {"k": 1}\nx = f"{d["k"]}"\n'),
    "f-string backslash": ((3, 12), 'x = f"{"\\n".join(["a"])}"\n'),
    "type parameter default": ((3, 13), "def first[T = int](items: list[T]) -> T:\n    return items[0]\n"),
    "except without parentheses": ((3, 14), "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n"),
    "template string": ((3, 14), 'name = "x"\nx = t"hello {name}"\n'),
}


@pytest.mark.parametrize("construct", SAMPLES)
def test_each_construct_is_read_by_a_host_that_can_and_named_by_one_that_cannot(construct):
    needs, code = SAMPLES[construct]
    if HOST >= needs:
        parse(code)
    else:
        with pytest.raises(NewerSyntax) as raised:
            parse(code)
        assert raised.value.needs == needs
        assert f"needs Python {needs[0]}.{needs[1]} or later" in raised.value.msg
        assert f"uv tool run --python {needs[0]}.{needs[1]} jobfix" in raised.value.msg


def test_a_plain_syntax_error_is_not_blamed_on_the_host():
    with pytest.raises(SyntaxError) as raised:
        parse("def broken(:\n    pass\n")
    assert not isinstance(raised.value, NewerSyntax)


def test_older_code_parses_without_the_warnings_a_newer_host_prints(recwarn):
    parse('pattern = "\\d+"\ndef f():\n    try:\n        pass\n    finally:\n        return 1\n')
    assert not [w for w in recwarn if issubclass(w.category, (SyntaxWarning, DeprecationWarning))]


def _interpreters() -> list[str]:
    found = []
    for minor in range(10, 15):
        exe = shutil.which(f"python3.{minor}")
        if exe and subprocess.run([exe, "-c", "pass"], capture_output=True).returncode == 0:
            found.append(exe)
    return found


PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import syntax
out = {}
for name, (needs, code) in json.loads(sys.stdin.read()).items():
    try:
        syntax.parse(code)
        out[name] = "read"
    except syntax.NewerSyntax as error:
        out[name] = "needs %d.%d" % tuple(error.needs)
    except SyntaxError as error:
        out[name] = "error: " + error.msg
print(json.dumps([list(sys.version_info[:2]), out]))
"""


@pytest.mark.parametrize("interpreter", _interpreters() or [sys.executable])
def test_every_installed_python_reads_what_it_can_and_names_the_version_for_the_rest(interpreter):
    """syntax.py uses the standard library only, so each installed Python runs it as it is."""
    samples = {name: [list(needs), code] for name, (needs, code) in SAMPLES.items()}
    done = subprocess.run(
        [interpreter, "-c", PROBE, str(SYNTAX_MODULE.parent)], input=json.dumps(samples),
        capture_output=True, text=True, check=True,
    )
    host, results = json.loads(done.stdout)
    for name, (needs, _) in SAMPLES.items():
        expected = "read" if tuple(host) >= needs else f"needs {needs[0]}.{needs[1]}"
        assert results[name] == expected, (host, name, results[name])


LOOP = """\
import frappe


def rebuild():
    for name in frappe.get_all("Customer", pluck="name"):
        frappe.get_doc("Customer", name).save()
        frappe.db.commit()
"""


@pytest.mark.parametrize("construct", ["type statement", "f-string quotes", "except without parentheses"])
def test_a_file_with_newer_syntax_is_analysed_or_its_jf000_says_which_python_reads_it(tmp_path, construct):
    needs, code = SAMPLES[construct]
    make_app(tmp_path, {"tasks.py": LOOP + "\n\n" + code.replace("\n", "\n")})
    output = run_cli("check", tmp_path, "--select", "JF000,JF005").output
    if HOST >= needs:
        assert "JF005" in output and "JF000" not in output
    else:
        assert "JF005" not in output
        assert f"JF000 cannot parse: " in output and f"needs Python {needs[0]}.{needs[1]} or later" in output


@pytest.mark.skipif(HOST < (3, 11), reason="except* is read from Python 3.11")
def test_a_loop_guarded_by_except_star_counts_as_guarded(tmp_path):
    tasks = """\
import frappe


def rebuild():
    for name in frappe.get_all("Customer", pluck="name"):
        try:
            frappe.get_doc("Customer", name).save()
        except* Exception:
            frappe.log_error(title=f"rebuild failed for {name}")
"""
    hooks = 'app_name = "myapp"\nscheduler_events = {"daily": ["myapp.tasks.rebuild"]}\n'
    make_app(tmp_path, {"tasks.py": tasks, "hooks.py": hooks})
    assert "JF006" not in run_cli("check", tmp_path, "--select", "JF006").output
