"""Where a site's database is: ``sites/common_site_config.json`` overlaid with
``sites/<site>/site_config.json``, as ``frappe.get_site_config`` merges them, with the defaults of
``frappe.connect`` (``db_user`` defaults to ``db_name``; ``db_socket`` wins over host and port)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from jobfix.codemods.evidence.model import EvidenceError


@dataclass(frozen=True)
class DatabaseSettings:
    site: str
    name: str
    user: str
    password: str = field(repr=False)  # never shown: not in repr, not in any message
    host: str = "localhost"
    port: int = 3306
    socket: str | None = None
    worker_timeouts: tuple[tuple[str, int], ...] = ()  # common_site_config.json "workers"

    @property
    def address(self) -> str:
        return self.socket if self.socket else f"{self.host}:{self.port}"


def find_bench(start: Path) -> Path | None:
    """The bench around ``start``: the first folder upwards with ``sites/`` and ``apps/``."""
    here = Path(os.path.abspath(start))
    for folder in (here, *here.parents):
        if (folder / "sites").is_dir() and (folder / "apps").is_dir():
            return folder
    return None


def site_settings(site: str, bench: Path | None, start: Path) -> DatabaseSettings:
    """The database settings of ``site``; raises EvidenceError (a missing site, a Postgres site)."""
    root = bench if bench is not None else find_bench(start) or find_bench(Path.cwd())
    if root is None:
        raise EvidenceError(f"--site {site}: no bench here (a folder with sites/ and apps/); pass --bench PATH")
    sites = root / "sites"
    if not sites.is_dir():
        raise EvidenceError(f"--bench {root}: no sites/ folder; is it a bench?")
    if not site or site in (".", "..") or "/" in site or os.sep in site:
        raise EvidenceError(f"--site {site!r}: not a site name")
    config_path = sites / site / "site_config.json"
    if not config_path.is_file():
        known = sorted(d.name for d in sites.iterdir() if (d / "site_config.json").is_file())
        listed = f" (its sites: {', '.join(known)})" if known else " (it has no sites)"
        raise EvidenceError(f"--site {site}: no such site in {sites}{listed}")
    common = _read_json(sites / "common_site_config.json", required=False)
    conf = {**common, **_read_json(config_path, required=True)}
    db_type = conf.get("db_type") or "mariadb"
    if db_type != "mariadb":
        raise EvidenceError(
            f"--site {site}: the site's database is {db_type} (db_type in site_config.json); jobfix reads "
            "evidence from MariaDB only: use --job-log with an export of Scheduled Job Log instead"
        )
    name = conf.get("db_name")
    password = conf.get("db_password")
    if not name or not password:
        missing = "db_name" if not name else "db_password"
        raise EvidenceError(f"--site {site}: {config_path} has no {missing}")
    try:
        port = int(conf.get("db_port") or 3306)
    except (TypeError, ValueError):
        raise EvidenceError(f"--site {site}: db_port {conf.get('db_port')!r} is not a number") from None
    workers = conf.get("workers") if isinstance(conf.get("workers"), dict) else {}
    timeouts = tuple(
        sorted((queue, int(w.get("timeout", 300))) for queue, w in workers.items() if isinstance(w, dict))
    )
    return DatabaseSettings(
        site=site, name=str(name), user=str(conf.get("db_user") or name), password=str(password),
        host=str(conf.get("db_host") or "localhost"), port=port, socket=conf.get("db_socket") or None,
        worker_timeouts=timeouts,
    )


def _read_json(path: Path, required: bool) -> dict:
    try:
        value = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        if required:
            raise EvidenceError(f"{path}: no such file") from None
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise EvidenceError(f"{path}: cannot read it as JSON: {exc.__class__.__name__}") from None
    if not isinstance(value, dict):
        raise EvidenceError(f"{path}: not a JSON object")
    return value
