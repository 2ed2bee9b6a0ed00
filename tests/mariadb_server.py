"""A throwaway MariaDB server for the tests: Debian's mariadb-server binaries, a temporary data
folder, a private socket and a loopback port, stopped and deleted at the end.

Where the binaries are missing the tests that need it skip, saying so; CI (``.ci/run``) installs
them and sets JOBFIX_REQUIRE_MARIADB=1, which turns that skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SBIN = ("/usr/sbin", "/usr/local/sbin", "/usr/bin")

# Frappe's own DDL (frappe/database/mariadb/schema.py) with the doctypes' column types
# (scheduled_job_type.json, scheduled_job_log.json; type_map: Data/Link/Select varchar(140),
# Check tinyint, Datetime datetime(6), Code longtext).
STANDARD_COLUMNS = """
    name varchar(140) not null primary key,
    creation datetime(6),
    modified datetime(6),
    modified_by varchar(140),
    owner varchar(140),
    docstatus tinyint not null default '0',
    idx int not null default '0',
"""
TABLE_OPTIONS = "ENGINE=InnoDB ROW_FORMAT=DYNAMIC CHARACTER SET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
FRAPPE_TABLES = (
    f"""create table `tabScheduled Job Type` ({STANDARD_COLUMNS}
    stopped tinyint not null default '0',
    method varchar(140),
    server_script varchar(140),
    scheduler_event varchar(140),
    frequency varchar(140),
    cron_format varchar(140),
    create_log tinyint not null default '0',
    last_execution datetime(6),
    index creation(creation)) {TABLE_OPTIONS}""",
    f"""create table `tabScheduled Job Log` ({STANDARD_COLUMNS}
    status varchar(140),
    scheduled_job_type varchar(140),
    details longtext,
    debug_log longtext,
    index creation(creation)) {TABLE_OPTIONS}""",
)


def _binary(name: str) -> str | None:
    return shutil.which(name) or next((f"{d}/{name}" for d in SBIN if os.access(f"{d}/{name}", os.X_OK)), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    folder: Path
    port: int
    process: subprocess.Popen

    @property
    def socket(self) -> str:
        return str(self.folder / "sock")

    def connect(self, database: str | None = None):
        import pymysql

        return pymysql.connect(unix_socket=self.socket, user="root", database=database, autocommit=True)

    def execute(self, *statements: str, database: str | None = None, args=None):
        connection = self.connect(database)
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement, args)
                return cursor.fetchall()
        finally:
            connection.close()


def start_server() -> Server:
    install, server = _binary("mariadb-install-db"), _binary("mariadbd")
    if install is None or server is None:
        reason = "MariaDB is not installed (apt-get install mariadb-server; .ci/run does it)"
        if os.environ.get("JOBFIX_REQUIRE_MARIADB"):
            pytest.fail(f"{reason}, and JOBFIX_REQUIRE_MARIADB is set")
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="jfdb"))  # short: a socket path has at most 107 bytes
    as_root = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run(
        [install, "--no-defaults", f"--datadir={folder / 'data'}", "--auth-root-authentication-method=normal",
         "--skip-test-db", *as_root],
        check=True, capture_output=True,
    )
    port = _free_port()
    process = subprocess.Popen(
        [server, "--no-defaults", f"--datadir={folder / 'data'}", f"--socket={folder / 'sock'}", f"--port={port}",
         "--bind-address=127.0.0.1", f"--pid-file={folder / 'pid'}", f"--log-error={folder / 'error.log'}",
         "--skip-log-bin", "--innodb-buffer-pool-size=16M", "--general-log=1", f"--general-log-file={folder / 'queries.log'}",
         *as_root],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    running = Server(folder, port, process)
    deadline = time.monotonic() + 60
    while True:
        try:
            running.execute("select 1")
            return running
        except Exception:  # noqa: BLE001 - not up yet
            if process.poll() is not None or time.monotonic() > deadline:
                log = (folder / "error.log").read_text(errors="replace")[-2000:] if (folder / "error.log").exists() else ""
                stop_server(running)
                raise RuntimeError(f"mariadbd did not start:\n{log}") from None
            time.sleep(0.2)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    shutil.rmtree(server.folder, ignore_errors=True)
