"""What each Frappe version offers to background jobs: one table, from ../shared/frappe-api.md.

A fix asks ``FrappeTarget.has(feature)`` before it uses an API; a fix the target lacks is not
offered and the finding says why (``FrappeTarget.lacks(feature)``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

SUPPORTED_MAJORS = (13, 14, 15, 16)
DEFAULT_MAJOR = 15  # the target when neither the user nor the app says

# feature -> (first version that has it, where frappe-api.md says so)
FEATURES: dict[str, tuple[tuple[int, int, int], str]] = {
    # §8: savepoint(save_point) and rollback(save_point=...) exist from v13.18.0
    "savepoints": ((13, 18, 0), "frappe.db.savepoint / rollback(save_point=)"),
    # §8: release_savepoint from v14.0.0
    "release_savepoint": ((14, 0, 0), "frappe.db.release_savepoint"),
    # §1/§2: enqueue(job_id=...) and is_job_enqueued from v14.36.1
    "job_id": ((14, 36, 1), "enqueue(job_id=...)"),
    "is_job_enqueued": ((14, 36, 1), "frappe.utils.background_jobs.is_job_enqueued"),
    # §1: job_name deprecated ("use job_id instead") from v14.54.1
    "job_name_deprecated": ((14, 54, 1), "the `job_name` deprecation warning"),
    # §2: safe_exec.is_job_queued(job_name, queue) from v13.19.0 (checks one queue only)
    "is_job_queued": ((13, 19, 0), "frappe.utils.safe_exec.is_job_queued"),
    # §1: get_queues_timeout() reads custom worker timeouts from common_site_config from v13.22.0
    "custom_worker_timeouts": ((13, 22, 0), "\"workers\" timeouts in common_site_config.json"),
    # §1/§2: enqueue(deduplicate=True) from v15.0.0
    "deduplicate": ((15, 0, 0), "enqueue(deduplicate=True)"),
    # §2: get_job / get_job_status from v15.0.0
    "get_job": ((15, 0, 0), "frappe.utils.background_jobs.get_job"),
    # §6: log_error(title=, message=) keywords are portable; reference_doctype/name from v14
    "log_error_keywords": ((13, 0, 0), "frappe.log_error(title=..., message=...)"),
    "log_error_reference": ((14, 0, 0), "frappe.log_error(reference_doctype=, reference_name=)"),
    # §7: publish_progress(percent, title, ...) in every version; task_id from v15.17.0
    "publish_progress": ((13, 0, 0), "frappe.publish_progress"),
    "publish_progress_task_id": ((15, 17, 0), "frappe.publish_progress(task_id=...)"),
    # §3: frappe.db.after_commit / before_commit / after_rollback callback managers from v15.0.0
    "db_after_commit": ((15, 0, 0), "frappe.db.after_commit.add(...)"),
    # Not in frappe-api.md: Document.set_user_and_timestamp() of a v13 copy keeps a given owner
    # (`if not self.owner: self.owner = self.modified_by`); v14+ copies set `self.owner =
    # self.modified_by` (the session user) on every new document outside install/patch/migrate.
    # The first version with it is inferred as 14.0.0 (UNVERIFIED).
    "insert_overrides_owner": ((14, 0, 0), "insert() replacing a given owner with the session user"),
    # §4: hourly_maintenance / daily_maintenance keys: develop 2025-05 => v16, and backported to v15
    # between 15.54.1 (absent) and 15.72.4 (present; the exact tag is unverified): 15.72.4 is the
    # first version known to have them, so "v15" (its latest release) has them and 15.54 lacks them
    "maintenance_keys": ((15, 72, 4), "hourly_maintenance / daily_maintenance keys"),
    # §8: commit/full rollback ignored during doc_events handlers: develop 2024-03 => v16 (inferred)
    "doc_event_transaction_guard": ((16, 0, 0), "commit/rollback ignored in doc events"),
    # §2: RQ job ids become "{site}||{id}" with RQ 2.x: develop 2025-02 => v16 (inferred)
    "rq2_job_ids": ((16, 0, 0), "job ids of the form {site}||{id}"),
    # §4: cron tables kept only under the "cron" key: develop 2024-05 => v16 (inferred)
    "cron_key_only": ((16, 0, 0), "cron tables only under 'cron'"),
    # §4: new Cron jobs keep no Scheduled Job Log: develop 2024-03 => v16 (inferred)
    "cron_without_log": ((16, 0, 0), "Cron jobs without Scheduled Job Log"),
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
# §1: get_queues_timeout(); custom queues and overrides come from common_site_config.json "workers"
QUEUE_TIMEOUTS = {"short": 300, "default": 300, "long": 1500}
# §1: enqueue's own parameters in some version; every other keyword goes to the job
# The positional parameters of frappe.log_error, by the first version of each signature: v13
# `log_error(message=None, title=_("Error"))`; v14+ `log_error(title=None, message=None,
# reference_doctype=None, reference_name=None)` (frappe/utils/error.py in v15 and develop).
LOG_ERROR_POSITIONAL = {13: ("message", "title"), 14: ("title", "message", "reference_doctype", "reference_name")}

ENQUEUE_PARAMETERS = frozenset(
    {
        "method", "queue", "timeout", "event", "is_async", "async", "job_name", "now", "enqueue_after_commit",
        "at_front", "job_id", "deduplicate", "on_success", "on_failure", "at_front_when_starved", "retry",
    }
)


def queue_timeouts(*overrides: Mapping[str, int]) -> dict[str, int]:
    """Seconds each queue allows: Frappe's three queues, then each override in turn (later wins)."""
    merged = dict(QUEUE_TIMEOUTS)
    for override in overrides:
        merged.update(override)
    return merged


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


def frequency_key(key: str) -> str:
    """The canonical key of the frequency Frappe makes of a hooks key: ``key.replace("_", " ").title()``
    (frappe-api.md §4), so ``"Daily"`` and ``"daily"`` are one event, both ``"daily"``."""
    return key.replace("_", " ").title().replace(" ", "_").lower()


def queue_of_scheduler_key(key: str) -> str:
    return "long" if key in LONG_QUEUE_KEYS else "default"


# §2: code that finds jobs by their label: safe_exec.is_job_queued(job_name) and get_jobs(key="job_name")
JOB_LABEL_READERS = re.compile(r"""\bis_job_queued\s*\(|key\s*=\s*["']job_name["']""")
