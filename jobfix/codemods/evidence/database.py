"""Runs read from a site's MariaDB database, read-only.

Only SELECT statements, inside ``START TRANSACTION READ ONLY`` (the server refuses any write in
it), rolled back at the end; nothing is ever written. The connection times out after a few seconds
so an unreachable host is an error, not a hang. Column types are Frappe's (``creation`` and
``modified`` ``datetime(6)``, ``details`` ``longtext``): only the last line of a failure's
traceback is fetched.
"""

from __future__ import annotations

from datetime import timedelta

from jobfix.codemods.evidence.model import EvidenceError, Run
from jobfix.codemods.evidence.site import DatabaseSettings

CONNECT_TIMEOUT_SECONDS = 5
READ_TIMEOUT_SECONDS = 120

JOB_TYPES = "SELECT name, method, frequency FROM `tabScheduled Job Type`"
# TRIM/SUBSTRING_INDEX: the last line of the traceback, not the whole longtext
RUNS = """
SELECT COALESCE(t.method, l.scheduled_job_type), l.status, l.creation, l.modified,
       CASE WHEN l.status = 'Failed'
            THEN SUBSTRING_INDEX(TRIM(TRAILING '\\n' FROM REPLACE(l.details, '\\r', '')), '\\n', -1) END
FROM `tabScheduled Job Log` l
LEFT JOIN `tabScheduled Job Type` t ON t.name = l.scheduled_job_type
WHERE l.creation >= NOW(6) - INTERVAL %s SECOND
ORDER BY l.creation
"""

# MariaDB error numbers (https://mariadb.com/kb/en/mariadb-error-codes/)
ACCESS_DENIED = 1045
DATABASE_DENIED = 1044  # also what a user without global privileges hears of a database that does not exist
UNKNOWN_DATABASE = 1049
NO_SUCH_TABLE = 1146
TABLE_ACCESS_DENIED = 1142
CANNOT_CONNECT = (2002, 2003, 2006, 2013)


def read_runs(settings: DatabaseSettings, window: timedelta) -> tuple[list[Run], dict[str, str]]:
    """The runs begun in the last ``window``, and each task's frequency (method -> frequency)."""
    import pymysql  # only `--site` needs it: the import costs every other run nothing

    where = f"MariaDB at {settings.address} (site {settings.site})"
    try:
        connection = pymysql.connect(
            host=settings.host, port=settings.port, unix_socket=settings.socket, user=settings.user,
            password=settings.password, database=settings.name, charset="utf8mb4",
            connect_timeout=CONNECT_TIMEOUT_SECONDS, read_timeout=READ_TIMEOUT_SECONDS, autocommit=False,
        )
    except pymysql.MySQLError as exc:
        raise EvidenceError(_connect_error(exc, where, settings)) from None
    try:
        with connection.cursor() as cursor:
            cursor.execute("START TRANSACTION READ ONLY")
            cursor.execute(JOB_TYPES)
            frequencies = {str(method): str(frequency) for _, method, frequency in cursor.fetchall() if method}
            cursor.execute(RUNS, (int(window.total_seconds()),))
            rows = cursor.fetchall()
        connection.rollback()
    except pymysql.MySQLError as exc:
        raise EvidenceError(_query_error(exc, where, settings)) from None
    finally:
        connection.close()
    runs = [
        Run(str(method), str(status), creation, modified, (error or "").strip())
        for method, status, creation, modified, error in rows
        if method and creation is not None and modified is not None
    ]
    return runs, frequencies


def _code(exc) -> int | None:
    return exc.args[0] if exc.args and isinstance(exc.args[0], int) else None


def _connect_error(exc, where: str, settings: DatabaseSettings) -> str:
    code = _code(exc)
    if code == ACCESS_DENIED:
        return f"{where}: access denied for user {settings.user!r} (check db_user and db_password in site_config.json)"
    if code in (UNKNOWN_DATABASE, DATABASE_DENIED):
        return f"{where}: no database {settings.name!r}, or user {settings.user!r} may not use it (db_name in site_config.json)"
    if code in CANNOT_CONNECT:
        return f"{where}: cannot connect within {CONNECT_TIMEOUT_SECONDS} s (is the server running and reachable?)"
    return f"{where}: cannot connect (MariaDB error {code})"


def _query_error(exc, where: str, settings: DatabaseSettings) -> str:
    code = _code(exc)
    if code == NO_SUCH_TABLE:
        return (
            f"{where}: database {settings.name!r} has no Scheduled Job Log or Scheduled Job Type table "
            "(not a Frappe site, or a Frappe older than v12)"
        )
    if code == TABLE_ACCESS_DENIED:
        return f"{where}: user {settings.user!r} may not read the Scheduled Job tables (grant it SELECT on them)"
    return f"{where}: reading the Scheduled Job Log failed (MariaDB error {code})"
