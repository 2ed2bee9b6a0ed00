# --- hooks.py
app_name = "myapp"

scheduler_events = {
	"daily": [
		"myapp.tasks.rebuild",  # 2 of 4 runs killed: a later run began
		"myapp.tasks.fine",  # its last run is still within its timeout
		"myapp.tasks.never_ran",
	],
	"daily_long": [
		"myapp.tasks.big_import",  # logged under its v15 name, tasks.big_import
	],
}
# --- tasks.py
def rebuild():
	pass


def fine():
	pass


def never_ran():
	pass


def big_import():
	pass
# --- job-log.csv
Scheduled Job,Status,Created On,Last Updated On,Details
myapp.tasks.rebuild,Complete,2025-05-01 00:00:02,2025-05-01 00:04:42,
myapp.tasks.rebuild,Start,2025-05-02 00:00:02,2025-05-02 00:00:02,
myapp.tasks.rebuild,Complete,2025-05-03 00:00:02,2025-05-03 00:04:52,
myapp.tasks.rebuild,Start,2025-05-04 00:00:02,2025-05-04 00:00:02,
tasks.big_import,Complete,2025-05-01 00:00:02,2025-05-01 00:23:22,
tasks.big_import,Start,2025-05-02 00:00:02,2025-05-02 00:00:02,
tasks.big_import,Complete,2025-05-03 00:00:02,2025-05-03 00:24:12,
myapp.tasks.fine,Complete,2025-05-01 00:00:02,2025-05-01 00:00:07,
myapp.tasks.fine,Complete,2025-05-02 00:00:02,2025-05-02 00:00:07,
myapp.tasks.fine,Complete,2025-05-03 00:00:02,2025-05-03 00:00:07,
myapp.tasks.fine,Complete,2025-05-04 00:00:02,2025-05-04 00:00:07,
myapp.tasks.fine,Start,2025-05-05 00:00:02,2025-05-05 00:00:02,
myapp.tasks.unlisted,Start,2025-05-01 00:00:02,2025-05-01 00:00:02,
myapp.tasks.unlisted,Complete,2025-05-02 00:00:02,2025-05-02 00:00:03,
# --- findings
# hooks.py:5:3: JF015 [display-only] `myapp.tasks.rebuild` under daily killed 2 of 4 runs: in 30 days in job-log.csv, they were left at `Start` (past the default queue's 300 s, or a later run began); the finished ones: p95 290 s, slowest 290 s
# hooks.py:10:3: JF015 [display-only] `myapp.tasks.big_import` under daily_long killed 1 of 3 runs: in 30 days in job-log.csv, they were left at `Start` (past the long queue's 1500 s, or a later run began); the finished ones: p95 1450 s, slowest 1450 s
