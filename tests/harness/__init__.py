"""The behaviour harness: a fake Frappe (fake_frappe), the modules snapshot code imports while it
runs (modules), and a runner that compares a snapshot's code before and after its fix (runner)."""
