# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"hourly": ["myapp.tasks.healthy"],
	"daily": [
		"myapp.tasks.sync",  # 2 of 4 runs failed, the last with KeyError
		"myapp.tasks.cleanup",  # failed once, with no traceback kept
	],
	"cron": {
		"0 3 * * *": ["myapp.tasks.healthy"],
	},
}
# --- tasks.py
def sync():
	pass


def cleanup():
	pass


def healthy():
	pass
# --- job-log.csv
Scheduled Job,Status,Created On,Last Updated On,Details
myapp.tasks.sync,Complete,2025-05-01 00:00:02,2025-05-01 00:00:05,
myapp.tasks.sync,Failed,2025-05-02 00:00:02,2025-05-02 00:00:04,"Traceback (most recent call last):
  File ""apps/myapp/myapp/tasks.py"", line 2, in sync
ConnectionError: timed out
"
myapp.tasks.sync,Complete,2025-05-03 00:00:02,2025-05-03 00:00:05,
myapp.tasks.sync,Failed,2025-05-04 00:00:02,2025-05-04 00:00:04,"Traceback (most recent call last):
  File ""apps/myapp/myapp/tasks.py"", line 2, in sync
KeyError: 'id'

"
myapp.tasks.cleanup,Failed,2025-05-01 00:00:02,2025-05-01 00:00:03,
myapp.tasks.healthy,Complete,2025-05-01 00:00:02,2025-05-01 00:00:03,
myapp.tasks.healthy,Complete,2025-05-02 00:00:02,2025-05-02 00:00:03,
myapp.tasks.healthy,Complete,2025-05-03 00:00:02,2025-05-03 00:00:03,
myapp.tasks.healthy,Complete,2025-05-04 00:00:02,2025-05-04 00:00:03,
# --- findings
# hooks.py:6:3: JF016 [display-only] `myapp.tasks.sync` under daily failed 2 of 4 runs: in 30 days in job-log.csv, the last on 2025-05-04 00:00, with `KeyError: 'id'`
# hooks.py:7:3: JF016 [display-only] `myapp.tasks.cleanup` under daily failed 1 of 1 runs: in 30 days in job-log.csv, the last on 2025-05-01 00:00
