"""``report.html``: one self-contained page, readable without a network or a script."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from pipeline.report.data import DocumentReport, Failure, Illustration, ReportData

STYLE = """
body{font-family:"Noto Sans CJK KR","Malgun Gothic",sans-serif;margin:2rem auto;max-width:72rem;
color:#1b1f24;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ccd}
h3{font-size:1rem;margin:0 0 .4rem}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ccd;padding:.2rem .5rem}
th{background:#f2f3f7;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.finding{border:1px solid #ccd;border-left:6px solid #888;border-radius:4px;padding:.8rem;
margin:1rem 0}
.state-new{border-left-color:#d0021b}.state-still-open{border-left-color:#e08a00}
.state-accepted{border-left-color:#6a8f3a}
.tag{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.8rem;color:#fff;
background:#888}
.tag.new{background:#d0021b}.tag.still-open{background:#e08a00}.tag.accepted{background:#6a8f3a}
figure{margin:.6rem 0}figure img{max-width:100%;border:1px solid #ccd}
figcaption,.note{font-size:.85rem;color:#555}
pre{background:#f7f7f9;padding:.5rem;overflow-x:auto}.checked{color:#d0021b}.term{color:#1f6fd1}
"""


def report_to_html(data: ReportData, illustrations: dict[int, Illustration]) -> str:
    body = [
        "<h1>yesan reconciliation report</h1>",
        _run_summary(data),
        _quarantine(data),
        *(_document(d, illustrations) for d in data.documents),
        _suites(data),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>yesan reconciliation report</title>"
        f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _run_summary(data: ReportData) -> str:
    run = data.run or {}
    passed, suites = data.suites_of("data-quality-suite")
    reconciled, reconciliations = data.suites_of("reconciliation-suite")
    rows = [
        ("run", run.get("run_id", "—")),
        ("started / ended", f"{run.get('started_at', '—')} / {run.get('ended_at', '—')}"),
        (
            "documents",
            ", ".join(
                f"{run.get('documents_' + k, 0)} {k}"
                for k in ("seen", "new", "changed", "unchanged", "failed", "removed")
            ),
        ),
        (
            "failing findings",
            f"{data.count_state('new')} new, {data.count_state('still-open')} still open, "
            f"{data.count_state('accepted')} accepted",
        ),
        ("data-quality suites", f"{passed} of {suites} passed"),
        ("reconciliation suites", f"{reconciled} of {reconciliations} passed"),
        (
            "versions",
            f"pipeline {run.get('pipeline_version', '—')}, extractor "
            f"{run.get('extractor_version', '—')}, rules {run.get('rules_version', '—')}",
        ),
    ]
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows)
    return f'<table id="run">{cells}</table>'


def _quarantine(data: ReportData) -> str:
    if not data.quarantine:
        return ""
    rows = "".join(
        f"<tr><td>{escape(q['path'])}</td><td>{escape(q['reason'])}</td>"
        f"<td>{escape(q['message'] or '')}</td></tr>"
        for q in data.quarantine
    )
    return (
        '<h2 id="quarantine">Documents not read</h2><table>'
        f"<tr><th>path</th><th>reason</th><th>message</th></tr>{rows}</table>"
    )


def _document(document: DocumentReport, illustrations: dict[int, Illustration]) -> str:
    title = f" · {escape(document.title)}" if document.title else ""
    pages = f" · {document.pages} pages" if document.pages else ""
    removed = ' · <span class="tag">removed</span>' if document.removed else ""
    counts = "".join(
        f'<tr><td>{escape(rule)}</td><td class="n">{ok}</td><td class="n">{rounded}</td>'
        f'<td class="n">{fail}</td></tr>'
        for rule, ok, rounded, fail in document.rule_counts
    )
    rules = (
        "<table><tr><th>rule</th><th>pass</th><th>pass, within rounding</th><th>fail</th></tr>"
        f"{counts}</table>"
        if counts
        else '<p class="note">no rule found figures to compare in this document</p>'
    )
    failures = "".join(_failure(f, illustrations.get(f.finding_id)) for f in document.failures)
    return (
        f'<section class="document" id="doc-{document.document_id[:16]}">'
        f"<h2>{escape(document.path)}</h2>"
        f'<p class="note">{escape(document.format)}{pages}{title}{removed} · sha256 '
        f"{document.document_id[:16]}…</p>{rules}{failures}</section>"
    )


def _failure(failure: Failure, illustration: Illustration | None) -> str:
    state = failure.state or "fail"
    reason = (
        f'<p class="note">accepted: {escape(failure.accepted_reason)}</p>'
        if failure.accepted_reason
        else ""
    )
    since = (
        f" · first failed in run {escape(failure.first_seen_run_id)}"
        if failure.first_seen_run_id
        else ""
    )
    page = f"page {failure.page} · " if failure.page else ""
    figures = (
        "<table><tr><th>expected</th><th>printed</th><th>difference</th></tr><tr>"
        + "".join(
            f'<td class="n">{escape(failure.in_printed_unit(v))}</td>'
            for v in (failure.expected_won, failure.actual_won, failure.difference_won)
        )
        + "</tr></table>"
    )
    return (
        f'<article class="finding state-{escape(state)}" data-finding-id="{failure.finding_id}" '
        f'data-rule="{escape(failure.rule)}">'
        f'<h3><span class="tag {escape(state)}">{escape(state)}</span> {escape(failure.rule)}</h3>'
        f'<p class="where">{escape(page + failure.location)}{since}</p>'
        f"{figures}<p>{escape(failure.message)}</p>{reason}{_illustration(illustration)}</article>"
    )


def _illustration(illustration: Illustration | None) -> str:
    if illustration is None:
        return ""
    parts: list[Any] = [
        f'<figure><img src="data:image/png;base64,{base64.b64encode(png).decode()}" '
        f'alt="page {page}, the disputed figures boxed"><figcaption>page {page}: '
        '<span class="checked">red</span>, the printed figure under test; '
        '<span class="term">blue</span>, the figures it is compared with</figcaption></figure>'
        for page, png in illustration.images
    ]
    if illustration.lines:
        lines = "\n".join(
            f'<span class="{role}">{n:>5} │ {escape(text)}</span>'
            for n, role, text in illustration.lines
        )
        parts.append(f"<pre>{lines}</pre>")
    if illustration.note:
        parts.append(f'<p class="note">{escape(illustration.note)}</p>')
    return "".join(parts)


def _suites(data: ReportData) -> str:
    if not data.suites:
        return ""
    rows = "".join(
        f"<tr><td>{escape(s['location'])}</td><td>{escape(s['rule'])}</td>"
        f"<td>{escape(s['status'])}</td>"
        f"<td>{escape(s['message'] or '')}</td></tr>"
        for s in data.suites
    )
    return (
        '<h2 id="suites">Great Expectations suites</h2><p class="note">Data Docs: '
        "<code>docs/index.html</code> beside this report</p>"
        "<table><tr><th>suite</th><th>kind</th><th>result</th><th>detail</th></tr>"
        f"{rows}</table>"
    )
