"""``claimdesk stats`` as rich tables (rich comes with Textual; no Textual import here)."""

from __future__ import annotations

import os

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.text import shown_line

#: The counts of each extractor rule's row, in column order.
RULE_COUNTS = ("candidates", "unchanged", "suggested", "edited", "rejected", "pending")


def _t(value: object) -> Text:
    """Text from the database (names, rules, titles): never markup, control codes visible."""
    return Text(shown_line(value))


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def default_console() -> Console:
    """The terminal; into a file or a pipe (no terminal, no ``COLUMNS``), lines as long as
    they are: Rich's 80 columns there cut rule names (``count.mea…``) and broke sentences."""
    console = Console()
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(width=UNBOUNDED_WIDTH)
    return console


#: The width of a console that is not a terminal: wider than any line of the report.
UNBOUNDED_WIDTH = 10_000


def print_stats(f: dict, console: Console | None = None) -> None:
    """Print the figures of :func:`db.stats.compute`. The columns that name things (rule,
    reviewer, document) are never cut: in a narrow terminal the number columns give way."""
    console = console or default_console()
    d, c = f["documents"], f["claims"]
    console.print(
        f"[b]Documents[/b] {d['total']}: extracted {d['extracted']} ({_pct(d['extracted_share'])}),"
        f" fully reviewed {d['reviewed']} ({_pct(d['reviewed_share'])})"
    )
    s = c["by_status"]
    console.print(
        f"[b]Claims[/b] {c['total']}: accepted {s['accepted']}, rejected {s['rejected']},"
        f" pending {s['pending']} — decided {_pct(c['decided_share'])};"
        f" {c['added_by_reviewers']} added by reviewers"
    )
    if c["by_kind"]:
        t = Table(title="Claims by kind", title_justify="left")
        for col in ("kind", "accepted", "rejected", "pending"):
            t.add_column(col, justify="left" if col == "kind" else "right")
        for kind, n in sorted(c["by_kind"].items()):
            t.add_row(_t(kind), str(n["accepted"]), str(n["rejected"]), str(n["pending"]))
        console.print(t)
    if f["rules"]:
        t = Table(
            title="Extractor rules (precision = accepted unchanged / decided)", title_justify="left"
        )
        for col in (
            "rule",
            "candidates",
            "unchanged",
            "suggested",
            "edited",
            "rejected",
            "pending",
            "precision",
        ):
            t.add_column(col, justify="left" if col == "rule" else "right", no_wrap=col == "rule")
        for r in f["rules"]:
            t.add_row(
                _t(r["rule"] or "—"),
                *(str(r.get(k, 0)) for k in RULE_COUNTS),
                _pct(r["precision"]),
            )
        console.print(t)
    if f["reviewers"]:
        t = Table(title="Reviewers", title_justify="left")
        for col in (
            "reviewer",
            "decisions",
            "accepted",
            "rejected",
            "accept rate",
            "flags",
            "hours",
            "decisions/hour",
        ):
            t.add_column(
                col, justify="left" if col == "reviewer" else "right", no_wrap=col == "reviewer"
            )
        for r in f["reviewers"]:
            per_hour = r["decisions_per_hour"]
            t.add_row(
                _t(r["reviewer"]),
                str(r["decisions"]),
                str(r["accepted"]),
                str(r["rejected"]),
                _pct(r["accept_rate"]),
                str(r.get("flags", 0)),
                f"{r['working_hours']:.2f}",
                "—" if per_hour is None else f"{per_hour:.0f}",
            )
        console.print(t)
    for key, title in (
        ("slowest_documents", "Slowest documents"),
        ("fastest_documents", "Fastest documents"),
    ):
        if f[key]:
            t = Table(title=f"{title} (working seconds per decision)", title_justify="left")
            for col in ("document", "title", "decisions", "s/decision"):
                t.add_column(
                    col,
                    justify="right" if col in ("decisions", "s/decision") else "left",
                    no_wrap=col == "document",
                )
            for doc in f[key]:
                t.add_row(
                    _t(doc["source"]),
                    _t(doc["title"] or ""),
                    str(doc["decisions"]),
                    f"{doc['seconds_per_decision']:.1f}",
                )
            console.print(t)


def _kappa(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def print_agreement(f: dict, console: Console | None = None) -> None:
    """Print the figures of :func:`db.agreement.compute`."""
    console = console or default_console()
    o = f["overall"]
    if not o["items"]:
        console.print("No claim has verdicts from two reviewers yet (review with --mode overlap).")
        return
    name = "Cohen's" if o["method"] == "cohen" else "Fleiss'"
    console.print(
        f"[b]Agreement[/b] on accept/reject: {name} kappa {_kappa(o['kappa'])}"
        f" over {o['kappa_items']} claims, {len(o['reviewers'])} reviewers"
    )
    if o["pairwise"]:
        t = Table(title="Pairs of reviewers (Cohen's kappa)", title_justify="left")
        for col in ("reviewers", "claims both judged", "kappa"):
            t.add_column(col, justify="left" if col == "reviewers" else "right")
        for p in o["pairwise"]:
            t.add_row(_t(" + ".join(p["reviewers"])), str(p["items"]), _kappa(p["cohen_kappa"]))
        console.print(t)
    t = Table(title="Per kind", title_justify="left")
    for col in (
        "kind",
        "claims",
        "kappa",
        "edited claims",
        "value",
        "unit",
        "subject",
        "predicate",
        "time",
    ):
        t.add_column(col, justify="left" if col == "kind" else "right")
    for kind, k in f["per_kind"].items():
        fields = k["edited"]["fields"]
        t.add_row(
            _t(kind),
            str(k["items"]),
            _kappa(k["kappa"]),
            str(k["edited"]["claims"]),
            *(_pct(fields[x]) for x in ("value", "unit", "subject", "predicate", "time_text")),
        )
    console.print(t)
    e = f["edited"]
    if e["claims"]:
        shares = ", ".join(f"{k} {_pct(v)}" for k, v in e["fields"].items())
        console.print(f"[b]Edited claims[/b] ({e['claims']}, {e['pairs']} pairs): {shares}")
