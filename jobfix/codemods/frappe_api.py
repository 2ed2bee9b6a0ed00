"""What each Frappe version offers to background jobs: one table, from ../shared/frappe-api.md.

A fix asks ``FrappeTarget.has(feature)`` before it uses an API; a fix the target lacks is not
offered and the finding says why (``FrappeTarget.lacks(feature)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUPPORTED_MAJORS = (13, 14, 15, 16)
DEFAULT_MAJOR = 15

# feature -> (first version that has it, where frappe-api.md says so)
FEATURES: dict[str, tuple[tuple[int, int, int], str]] = {
    # §8: savepoint(save_point) and rollback(save_point=...) exist from v13.18.0
    "savepoints": ((13, 18, 0), "frappe.db.savepoint / rollback(save_point=) (frappe-api.md §8)"),
    # §8: release_savepoint from v14.0.0
    "release_savepoint": ((14, 0, 0), "frappe.db.release_savepoint (frappe-api.md §8)"),
    # §1/§2: enqueue(job_id=...) and is_job_enqueued from v14.36.1
    "job_id": ((14, 36, 1), "enqueue(job_id=...) (frappe-api.md §1, §2)"),
    "is_job_enqueued": ((14, 36, 1), "frappe.utils.background_jobs.is_job_enqueued (frappe-api.md §2)"),
    # §1/§2: enqueue(deduplicate=True) from v15.0.0
    "deduplicate": ((15, 0, 0), "enqueue(deduplicate=True) (frappe-api.md §1, §2)"),
    # §2: get_job / get_job_status from v15.0.0
    "get_job": ((15, 0, 0), "frappe.utils.background_jobs.get_job (frappe-api.md §2)"),
    # §6: log_error(title=, message=) keywords are portable; reference_doctype/name from v14
    "log_error_keywords": ((13, 0, 0), "frappe.log_error(title=..., message=...) (frappe-api.md §6)"),
    "log_error_reference": ((14, 0, 0), "frappe.log_error(reference_doctype=, reference_name=) (frappe-api.md §6)"),
    # §7: publish_progress(percent, title, ...) in every version; task_id from v15.17.0
    "publish_progress": ((13, 0, 0), "frappe.publish_progress (frappe-api.md §7)"),
    # §4: hourly_maintenance / daily_maintenance keys: develop 2025-05 => v16 (v15 backport tag unverified)
    "maintenance_keys": ((16, 0, 0), "hourly_maintenance / daily_maintenance keys (frappe-api.md §4)"),
    # §8: commit/full rollback ignored during doc_events handlers: develop 2024-03 => v16 (inferred)
    "doc_event_transaction_guard": ((16, 0, 0), "commit/rollback ignored in doc events (frappe-api.md §8)"),
    # §2: RQ job ids become "{site}||{id}" with RQ 2.x: develop 2025-02 => v16 (inferred)
    "rq2_job_ids": ((16, 0, 0), "job ids of the form {site}||{id} (frappe-api.md §2)"),
    # §4: cron tables kept only under the "cron" key: develop 2024-05 => v16 (inferred)
    "cron_key_only": ((16, 0, 0), "cron tables only under 'cron' (frappe-api.md §4)"),
    # §4: new Cron jobs keep no Scheduled Job Log: develop 2024-03 => v16 (inferred)
    "cron_without_log": ((16, 0, 0), "Cron jobs without Scheduled Job Log (frappe-api.md §4)"),
}

# §4: scheduler_events keys accepted by Scheduled Job Type's frequency select, by version
BASE_SCHEDULER_KEYS = frozenset(
    {
        "all", "hourly", "hourly_long", "daily", "daily_long", "weekly", "weekly_long",
        "monthly", "monthly_long", "yearly", "annual", "cron",
    }
)
MAINTENANCE_KEYS = frozenset({"hourly_maintenance", "daily_maintenance"})
# §4 / §5: keys whose jobs run on the long queue; every other key runs on default (300 s)
LONG_QUEUE_KEYS = frozenset({"hourly_long", "daily_long", "weekly_long", "monthly_long"}) | MAINTENANCE_KEYS
# §1: get_queues_timeout()
QUEUE_TIMEOUTS = {"short": 300, "default": 300, "long": 1500}


@dataclass(frozen=True)
class FrappeTarget:
    """The Frappe version fixes are written for."""

    version: tuple[int, int, int]

    @classmethod
    def parse(cls, text: str | int) -> FrappeTarget:
        """'15' -> latest 15.x; '14.36.1' -> exactly that; raises ValueError otherwise."""
        match = re.fullmatch(r"\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*", str(text))
        if not match or int(match.group(1)) not in SUPPORTED_MAJORS:
            supported = ", ".join(map(str, SUPPORTED_MAJORS))
            raise ValueError(f"unsupported Frappe version {text!r} (use one of {supported})")
        major = int(match.group(1))
        minor = int(match.group(2)) if match.group(2) is not None else 999
        patch = int(match.group(3)) if match.group(3) is not None else 999
        return cls((major, minor, patch))

    @property
    def major(self) -> int:
        return self.version[0]

    def has(self, feature: str) -> bool:
        return self.version >= FEATURES[feature][0]

    def lacks(self, feature: str) -> str:
        """Why a fix that needs ``feature`` is not offered for this target."""
        since, what = FEATURES[feature]
        return f"{what} needs Frappe {'.'.join(map(str, since))} or later; the target is {self}"

    @property
    def scheduler_keys(self) -> frozenset[str]:
        return BASE_SCHEDULER_KEYS | (MAINTENANCE_KEYS if self.has("maintenance_keys") else frozenset())

    def __str__(self) -> str:
        major, minor, patch = self.version
        return f"v{major}" if minor == 999 else f"v{major}.{minor}.{patch}"


def queue_of_scheduler_key(key: str) -> str:
    return "long" if key in LONG_QUEUE_KEYS else "default"
