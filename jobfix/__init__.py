"""jobfix: find and fix background-job and scheduler anti-patterns in Frappe apps."""

__version__ = "0.1.0"
