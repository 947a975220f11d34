"""``report.md``: the run in a few lines, for e-mail or chat; the details are in the HTML."""

from __future__ import annotations

from pipeline.report.data import Failure, ReportData

MAX_LISTED = 20  # failures listed per state; the rest are counted


def report_to_markdown(data: ReportData, html_name: str) -> str:
    run = data.run or {}
    passed, suites = data.suites_of("data-quality-suite")
    failed_suites = [s for s in data.suites if s["status"] == "fail"]
    lines = [
        f"# yesan run {run.get('run_id', '—')}",
        "",
        "- documents: "
        + ", ".join(
            f"{run.get('documents_' + k, 0)} {k}"
            for k in ("seen", "new", "changed", "unchanged", "failed", "removed")
        ),
        f"- failing findings: {data.count_state('new')} new, "
        f"{data.count_state('still-open')} still open, {data.count_state('accepted')} accepted",
        f"- data-quality suites: {passed} of {suites} passed",
    ]
    for state, heading in (("new", "New failures"), ("still-open", "Still open")):
        failures = [(d.path, f) for d in data.documents for f in d.failures if f.state == state]
        if failures:
            lines += ["", f"## {heading} ({len(failures)})", ""]
            lines += [_failure_line(path, f) for path, f in failures[:MAX_LISTED]]
            if len(failures) > MAX_LISTED:
                lines.append(f"- … and {len(failures) - MAX_LISTED} more")
    if failed_suites:
        lines += ["", "## Failed suites", ""]
        lines += [f"- {s['location']}: {_shortened(s['message'])}" for s in failed_suites]
    if data.quarantine:
        lines += ["", f"## Not read ({len(data.quarantine)})", ""]
        lines += [f"- `{q['path']}`: {q['reason']}" for q in data.quarantine]
    lines += ["", f"Details, with the figures boxed on their pages: `{html_name}`", ""]
    return "\n".join(lines)


def _shortened(message: str, rows: int = 5) -> str:
    """A suite's message with its first ``rows`` failing rows (the HTML has them all)."""
    head, _, listed = message.partition("; rows: ")
    if not listed:
        return head
    named = listed.split(" | ")
    more = f" | … {len(named) - rows} more" if len(named) > rows else ""
    return f"{head}; rows: {' | '.join(named[:rows])}{more}"


def _failure_line(path: str, failure: Failure) -> str:
    page = f"page {failure.page}, " if failure.page else ""
    return (
        f"- `{path}` {page}{failure.location}: expected "
        f"{failure.in_printed_unit(failure.expected_won)}, printed "
        f"{failure.in_printed_unit(failure.actual_won)}, difference "
        f"{failure.in_printed_unit(failure.difference_won)} ({failure.rule})"
    )
