"""The reconciliation report: ``marts/report.html`` and its Markdown summary."""

from pipeline.report.stage import illustrate, prerender, write_reports

__all__ = ["illustrate", "prerender", "write_reports"]
