"""The ``claimdesk`` command line: ingest, extract, eval, review, demo.

Heavy modules (Textual, jieba, the extractor) are imported inside the commands that need them,
so ``claimdesk --help`` starts in a fraction of a second. Every error a user can cause ends in
one line on standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import sys
from pathlib import Path

import click

from db import __version__, connection
from db.connection import default_path, open_db, seal
from db.errors import ClaimdeskError, InputError, describe

#: Show a progress bar from this many files (or documents) on.
PROGRESS_FROM = 6


class _Group(click.Group):
    """Turns claimdesk and SQLite errors into click's one-line ``Error: ...`` and exit 1."""

    def invoke(self, ctx: click.Context):
        connection.wait_notice = _say_waiting
        try:
            return super().invoke(ctx)
        except ClaimdeskError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"database error: {describe(exc)}") from None
        finally:
            connection.wait_notice = None


def _absent(db_path: str) -> bool:
    """Whether no file stands at ``db_path`` (so an import that brings nothing may remove the
    one it made). A path that cannot even be looked at (a folder this user cannot enter) is not
    absent: the file is never removed, and opening it names the problem."""
    try:
        os.stat(db_path)
    except FileNotFoundError:
        return True
    except OSError:
        pass
    return False


def _say_waiting(line: str) -> None:
    """A command that waits for another program's write lock says so (once): not silence."""
    click.echo(f"claimdesk: {line}", err=True)


def _run_app(app) -> None:
    """Run the review app; meanwhile the app, not standard error, tells of a locked database."""
    notice, connection.wait_notice = connection.wait_notice, None
    try:
        app.run()
    finally:
        connection.wait_notice = notice


def db_option(f):
    """``--db FILE`` (default ``$CLAIMDESK_DB`` or ./claimdesk.db)."""

    @click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Database file [default: $CLAIMDESK_DB or ./claimdesk.db].",
    )
    @functools.wraps(f)
    def wrapper(*args, db_path=None, **kwargs):
        return f(*args, db_path=db_path or default_path(), **kwargs)

    return wrapper


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimdesk")
def cli() -> None:
    """claimdesk: turn Chinese news into verified facts.

    Ingest documents, extract candidate claims, review them in the terminal, export the
    verified facts with their provenance.
    """


# --------------------------------------------------------------------------- ingest


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--encoding",
    default=None,
    help="Force this encoding (e.g. gb18030) instead of detecting UTF-8/GB18030/Big5.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "txt", "md", "jsonl", "csv"]),
    default="auto",
    show_default=True,
    help="File format; auto uses the suffix, or sniffs content for other files and stdin.",
)
@click.option(
    "--claims",
    is_flag=True,
    help="PATHS are claims exported by claimdesk (JSONL), to merge into this database.",
)
@click.option(
    "--from",
    "tool",
    type=click.Choice(["labelstudio", "doccano", "brat", "prodigy"]),
    default=None,
    help="PATHS are another tool's annotations (documents and their spans as claims).",
)
@click.option(
    "--label-map",
    "label_map",
    multiple=True,
    metavar="LABEL=ROLE",
    help="With --from: what a label of the file means (quantity, subject, predicate, time,"
    " object or ignore), e.g. --label-map MONEY=quantity. Repeatable.",
)
def ingest(
    paths: tuple[str, ...],
    db_path: str,
    encoding: str | None,
    fmt: str,
    claims: bool,
    tool: str | None,
    label_map: tuple[str, ...],
) -> None:
    """Import documents from PATHS: .txt/.md files, .jsonl/.csv files, folders, or - (stdin).

    Each file is imported whole or not at all; texts already in the database are skipped.
    With --claims, PATHS are claim exports (or pre-annotations in that format) whose documents
    are already here; conflicting decisions are reported, never overwritten.
    Exits with status 1 if any file failed.
    """
    if tool:
        if claims or fmt != "auto":
            raise click.UsageError(
                "--from reads another tool's files; it takes no --claims/--format"
            )
        _ingest_from(db_path, tool, paths, encoding, label_map)
        return
    if label_map:
        raise click.UsageError("--label-map goes with --from")
    if claims:  # claims need their documents: never create an empty database for them
        _ingest_claims(open_db(db_path, create=False), paths, encoding)
        return
    _ingest_documents(db_path, paths, encoding, fmt)


#: Show a progress bar by bytes from this much input on (one long file included).
PROGRESS_BYTES = 8_000_000
#: From this much input on, the search index is left to `extract` (see db.schema._m5).
DEFER_INDEX_BYTES = 32_000_000


def _ingest_documents(db_path: str, paths: tuple[str, ...], encoding: str | None, fmt: str) -> None:
    """Import every file; the database is opened (created) only when a file can be read."""
    import os

    from db.ingest import FileResult, Summary, expand_paths, ingest_file
    from db.schema import search_pending_count

    summary = Summary()
    targets = list(expand_paths(paths))
    sizes = {}
    for path, problem in targets:
        if problem is None and path != "-":
            with contextlib.suppress(OSError):
                sizes[path] = os.stat(path).st_size
    total = sum(sizes.values())
    defer_index = total >= DEFER_INDEX_BYTES
    errors: list[InputError] = []
    conn = None
    bar = None
    new = _absent(db_path)

    def one(path: str, problem: InputError | None) -> None:
        nonlocal conn
        if problem is not None:
            result = FileResult(path, error=problem)
        else:
            if conn is None:
                conn = open_db(db_path)
            seen = 0

            def on_bytes(pos: int) -> None:
                nonlocal seen
                if bar is not None and pos > seen:
                    bar.update(pos - seen, path)
                    seen = pos

            result = ingest_file(
                conn, path, encoding=encoding, fmt=fmt, index=not defer_index, progress=on_bytes
            )
            if bar is not None and sizes.get(path, 0) > seen:
                bar.update(sizes[path] - seen, path)
        summary.add(result)
        if result.error is not None:
            errors.append(result.error)

    if len(targets) >= PROGRESS_FROM or total >= PROGRESS_BYTES:
        with click.progressbar(
            length=max(total, 1), label="Importing", file=sys.stderr, item_show_func=_short
        ) as bar:
            for path, problem in targets:
                one(path, problem)
    else:
        for path, problem in targets:
            one(path, problem)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    if conn is not None and defer_index:
        queued = search_pending_count(conn)
        if queued:
            click.echo(
                f"search index: {queued} documents queued; `claimdesk extract` indexes them"
                " (search scans them meanwhile)",
                err=True,
            )
    if conn is not None and new and summary.added == 0:
        _drop_new_database(conn, db_path)  # a failed first import leaves no file behind
    elif conn is not None:
        seal(conn)  # the next command that writes need not check the file again
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


def _ingest_claims(conn, paths: tuple[str, ...], encoding: str | None) -> None:
    from db.claims_import import apply_claims, read_claims
    from db.ingest import decode, read_bytes

    failed = 0
    for path in paths:
        try:
            text = decode(read_bytes(path), path, encoding)
            result = apply_claims(conn, path, read_claims(conn, path, text))
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        for line in result.conflicts:
            click.echo(f"conflict: {line}", err=True)
        click.echo(f"{path}: {result.line()}")
    seal(conn)
    if failed:
        sys.exit(1)


def _ingest_from(
    db_path: str, tool: str, paths: tuple[str, ...], encoding: str | None, pairs: tuple[str, ...]
) -> None:
    """``ingest --from TOOL``: each file whole or not at all, one line per problem."""
    from db.formats import Problems, expand, import_file
    from db.formats.mapping import parse_label_map
    from extractor.quantity import parse_quantity

    try:
        label_map = parse_label_map(pairs)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--label-map") from None
    new = _absent(db_path)
    conn = open_db(db_path)
    failed = imported = 0
    for path in expand(tool, list(paths)):
        try:
            result = import_file(
                conn, tool, path, label_map=label_map, parse=parse_quantity, encoding=encoding
            )
        except Problems as exc:
            for err in exc.errors:
                click.echo(f"error: {err}", err=True)
            n = len(exc.errors)
            problems = "problem" if n == 1 else "problems"
            click.echo(f"error: {path}: nothing imported ({n} {problems})", err=True)
            failed += 1
            continue
        imported += 1
        for line in result.claims.conflicts:
            click.echo(f"conflict: {line}", err=True)
        click.echo(result.line())
    if new and not imported:
        _drop_new_database(conn, db_path)  # a failed first import leaves no file behind
    if failed:
        sys.exit(1)


def _drop_new_database(conn: sqlite3.Connection, db_path: str) -> None:
    """Remove the database this command created when it imported nothing: no empty file is
    left for the next command to take for a real one (``extract`` would find no documents,
    ``review`` an empty queue). Kept if any document reached it meanwhile (another program)."""
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    if documents:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(db_path + suffix)
    click.echo(f"{db_path}: not created (nothing was imported)", err=True)


def _short(item) -> str:
    if item is None:
        return ""
    path = item if isinstance(item, str) else item[0]
    return path if len(path) <= 40 else "…" + path[-39:]


# --------------------------------------------------------------------------- extract


class WorkersType(click.ParamType):
    """``--workers``: a number of processes from 1 to 64, or ``auto`` (None: the command
    chooses from the cores and the pending documents, :func:`tui.pipeline.auto_workers`)."""

    name = "N|auto"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            n = value
        elif str(value).strip().lower() == "auto":
            return None
        else:
            try:
                n = int(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is neither a number of processes nor 'auto'", param, ctx)
        if not 1 <= n <= 64:
            self.fail(f"{n} is not between 1 and 64 (or 'auto')", param, ctx)
        return n


@cli.command()
@db_option
@click.option(
    "--workers",
    type=WorkersType(),
    default="auto",
    show_default=True,
    help="Processes to spread documents over, 1 to 64, or auto: one per core (at most 8) from"
    " 50 pending documents (500 where processes cannot fork), else 1 (with --dask local: local"
    " cluster workers).",
)
@click.option(
    "--redo", is_flag=True, help="Re-extract every document (decided claims are never touched)."
)
@click.option(
    "--userdict",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A jieba user dictionary with your own words (names, organisations).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    default=None,
    help="Run the extractor on a Dask cluster (tcp://host:8786), or 'local' for a local one"
    " of --workers processes; needs pip install 'claimdesk[dask]'.",
)
@click.option(
    "--ner",
    type=click.Choice(["lac"]),
    default=None,
    help="Also read names with an NER backend (slower; needs pip install 'claimdesk[ner]').",
)
def extract(
    db_path: str,
    workers: int | None,
    redo: bool,
    userdict: str | None,
    dask_address: str | None,
    ner: str | None,
) -> None:
    """Propose candidate claims for every document not yet extracted.

    Re-running never duplicates claims. A new extractor version replaces only pending
    candidates no reviewer has touched. Ctrl+C keeps every finished batch; run it again to
    carry on.
    """
    from tui.pipeline import (
        ExtractSummary,
        auto_workers,
        index_pending,
        pending_count,
        run_extract,
    )

    if ner:
        from extractor import ner as ner_backend

        try:
            ner_backend.load(ner)  # a missing package is one line here, not in a worker
        except ner_backend.NerError as exc:
            raise ClaimdeskError(str(exc)) from None
    conn = open_db(db_path, create=False)  # a mistyped --db: said, not a new empty file
    model = _stored_model(conn, db_path)
    total = pending_count(conn, redo=redo, ner=ner)
    if total == 0:
        index_pending(conn)
        if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
            click.echo(
                f"nothing to extract: {db_path} has no documents (claimdesk ingest adds them)"
            )
        else:
            click.echo(
                "nothing to extract: every document is extracted by this version "
                "(--redo to extract again)"
            )
        return
    if workers is None:  # auto
        workers = auto_workers(total, ner, dask_address)
    summary = ExtractSummary()
    go = functools.partial(
        run_extract, conn, workers=workers, redo=redo, userdict=userdict, dask=dask_address,
        summary=summary, doc_progress=_LongDocumentProgress(), model=model, ner=ner,
    )  # fmt: skip
    try:
        if total < PROGRESS_FROM:
            go()
        elif sys.stderr.isatty():
            with click.progressbar(length=total, label="Extracting", file=sys.stderr) as bar:
                go(progress=bar.update)
        else:  # a log file or a pipe: one line per committed batch
            go(progress=_progress_lines(total))
    except KeyboardInterrupt:
        kept = summary.documents
        docs = "document" if kept == 1 else "documents"
        click.echo(
            f"\nInterrupted: {kept} {docs} extracted and kept ({summary.added} candidate claims);"
            f" {total - kept} left. Run `claimdesk extract` again to carry on where it stopped.",
            err=True,
        )
        sys.exit(130)
    for doc_id, message in summary.failed:
        click.echo(f"error: document {doc_id}: extractor failed ({message})", err=True)
    seal(conn)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


def _progress_lines(total: int):
    """Progress for a log: ``extracted N of TOTAL documents`` after each committed batch."""
    done = 0

    def update(n: int) -> None:
        nonlocal done
        done += n
        click.echo(f"extracted {done} of {total} documents", err=True)

    return update


def _stored_model(conn: sqlite3.Connection, db_path: str) -> str | None:
    """The ranker trained on this database (``claimdesk train``), checked, or None."""
    from db.claims import load_model
    from extractor.ranker import ModelError, Ranker

    model = load_model(conn, "ranker")
    if model is not None:
        try:
            Ranker.from_json(model, f"{db_path}: stored model 'ranker'")
        except ModelError as exc:
            raise ClaimdeskError(f"{exc}; run claimdesk train again") from None
    return model


@cli.command()
@db_option
@click.option(
    "--min-claims",
    type=click.IntRange(1),
    default=20,
    show_default=True,
    help="Refuse to train on fewer accepted claims the extractor finds.",
)
def train(db_path: str, min_claims: int) -> None:
    """Retrain the ranker (subject, predicate and time) and the look-alike filter from this
    database's decisions.

    Accepted claims (as the reviewer left them, edits included) are examples of the right
    subject among the extractor's options, and of a claim; rejected extractor candidates are
    examples of look-alikes. Each field is ranked by the shipped model, the shipped model
    tuned on the decisions, or a model of the decisions alone, whichever ranks documents held
    out of the fit best (as shipped unless another is clearly better). The model is stored in
    the database; the next `claimdesk extract --redo` re-ranks and re-filters pending
    candidates with it (decided claims are never touched).
    """
    from db.claims import decided_claims, save_model
    from extractor import load
    from extractor.adapt import adapt

    conn = open_db(db_path, create=False)
    gold: list[dict] = []
    texts: dict[str, str] = {}
    dates: dict[str, str | None] = {}
    for doc_id, text, date, claim in decided_claims(conn):
        gold.append(claim)
        texts[str(doc_id)] = text
        dates[str(doc_id)] = date
    accepted = sum(1 for g in gold if g["claim"])
    rejected = len(gold) - accepted
    if accepted == 0:
        raise ClaimdeskError(f"nothing to train on: {db_path} has no accepted claims")
    load()
    stats: dict[str, int] = {}

    def fold(n: int, folds: int) -> None:
        click.echo(f"checking the ranking on held-out documents: fold {n} of {folds}", err=True)

    model, choices, examples = adapt(gold, texts, dates, stats=stats, progress=fold)
    if examples < min_claims:
        raise ClaimdeskError(
            f"too few examples: {examples} accepted claims with a subject the extractor finds"
            f" (--min-claims {min_claims}); nothing stored"
        )
    save_model(conn, "ranker", model.to_json(), examples)
    taught = stats.get("lookalike_examples", 0)
    filt = (
        f"look-alike filter refitted on {taught} decided candidates ({rejected} rejected)"
        if taught
        else "look-alike filter as shipped (it needs accepted and rejected candidates)"
    )
    click.echo(
        f"trained on {examples} accepted claims of {len(texts)}"
        f" document{'s' if len(texts) != 1 else ''}; {filt}; stored as"
        f" model 'ranker' in {db_path} (claimdesk extract --redo re-ranks pending candidates)"
    )
    if len(texts) < 2:
        click.echo(
            "fields: subject, predicate and time ranked as shipped (one document: none to"
            " hold out and check a new ranking on)"
        )
    else:
        click.echo(
            f"fields, checked on held-out documents (right on the claims found):"
            f" {'; '.join(c.describe() for c in choices)}"
        )
    if all(c.chosen == "shipped" for c in choices):
        click.echo(
            "so claimdesk extract --redo changes only what the refitted look-alike filter keeps"
            " or drops"
            if taught
            else "so claimdesk extract --redo would propose the same candidates (the look-alike"
            " filter is as shipped too)"
        )


class _LongDocumentProgress:
    """Progress through one long document on standard error: a line at every tenth."""

    def __init__(self) -> None:
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if done == 0:
            self.shown = -1
        if tenth > self.shown:
            self.shown = tenth
            click.echo(f"long document ({total:,} characters): {tenth * 10}%", err=True)


# --------------------------------------------------------------------------- eval


def load_gold(path: str) -> list[dict]:
    """Read a gold JSONL file (see ../shared/gold/GUIDELINE.md), checking each line."""
    from db.ingest import decode, read_bytes
    from db.jsonl import iter_jsonl

    try:
        data = read_bytes(path)
    except InputError as exc:
        raise ClaimdeskError(f"{path}: cannot read ({exc.problem})") from None
    gold = []
    for n, rec in iter_jsonl(path, decode(data, path, "utf-8").split("\n")):
        for key in ("doc", "surface", "start", "end", "claim"):
            if key not in rec:
                raise InputError(path, f"missing field {key!r}", n)
        gold.append(rec)
    if not gold:
        raise ClaimdeskError(f"{path}: no gold records")
    return gold


@cli.command("eval")
@click.argument("gold_file", type=click.Path(dir_okay=False))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--split",
    "split_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="A split file (tests/data/split.json): score only the articles of --part.",
)
@click.option("--part", default="test", show_default=True, help="The part of --split to score.")
def eval_(gold_file: str, db_path: str, as_json: bool, split_file: str | None, part: str) -> None:
    """Score the extractor's proposals against GOLD_FILE (JSONL, one line per mention).

    Precision, recall and F1, accept-as-is (the share of gold claims right in every field),
    then subject, predicate, qualifier and time accuracy, per kind, and the misses, false
    alarms and mismatched values. Ingest and extract the gold documents first.
    """
    from db.claims import extractor_proposals, match_sources
    from extractor.evaluate import SplitError, format_report, restrict, score, split_part

    gold = load_gold(gold_file)
    if split_file:
        try:
            gold = restrict(gold, split_part(split_file, part))
        except SplitError as exc:
            raise ClaimdeskError(str(exc)) from None
        if not gold:
            raise ClaimdeskError(f"{gold_file}: no gold records in part {part!r} of {split_file}")
    conn = open_db(db_path, readonly=True)
    wanted = {g["doc"] for g in gold}
    docs = match_sources(conn, wanted)
    if not docs:
        raise ClaimdeskError(
            f"none of the {len(wanted)} gold documents is in {db_path};"
            " ingest and extract them first"
        )
    missing = wanted - set(docs.values())
    if missing:
        click.echo(
            f"warning: {len(missing)} gold documents not in the database, not scored: "
            + ", ".join(sorted(missing)[:5]),
            err=True,
        )
    gold = [g for g in gold if g["doc"] in set(docs.values())]
    report = score(gold, extractor_proposals(conn, docs))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))


# --------------------------------------------------------------------------- export, stats


@cli.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "labelstudio", "doccano", "brat", "prodigy"]),
    default="jsonl",
    show_default=True,
    help="jsonl/csv: claimdesk's records; labelstudio (JSON), doccano and prodigy (JSONL),"
    " brat (a folder, with -o): other tools' formats.",
)
@click.option(
    "--status",
    type=click.Choice(["accepted", "rejected", "pending", "any"]),
    default="accepted",
    show_default=True,
)
@click.option("--kind", default=None, help="Only claims of this kind (money, count, ...).")
@click.option("--doc", default=None, help="Only claims of the document with this source.")
@click.option(
    "--source", default=None, help="Only claims of documents whose source holds this text."
)
@click.option("--reviewer", default=None, help="Only claims decided by this reviewer.")
@click.option("--since", default=None, help="Only claims decided on or after this date.")
@click.option("--flagged", is_flag=True, help="Only claims a reviewer flagged (m in review).")
@click.option("--history", is_flag=True, help="Add each claim's full decision log.")
@click.option(
    "-o", "--output", default="-", show_default=True, help="Output file, or - for standard output."
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def export(
    db_path: str,
    fmt: str,
    status: str,
    kind: str | None,
    doc: str | None,
    reviewer: str | None,
    since: str | None,
    flagged: bool,
    history: bool,
    output: str,
    force: bool,
    source: str | None = None,
) -> None:
    """Export claims with their provenance (default: accepted claims, JSONL to stdout).

    Streams with constant memory; a file is written under a temporary name and renamed when
    complete, so an interrupted export leaves no partial file.
    """
    from db.export import Filters
    from db.export import export as run_export
    from db.ingest import normalise_date

    if since is not None:
        day = normalise_date(since)
        if day is None:
            raise click.BadParameter(f"{since!r} is not a date (YYYY-MM-DD)", param_hint="--since")
        since = day
    conn = open_db(db_path, readonly=True)
    filters = Filters(
        status=status, kind=kind, doc=doc, reviewer=reviewer, since=since, source=source,
        flagged=flagged,
    )  # fmt: skip
    if fmt not in ("jsonl", "csv"):
        from db.formats import export as export_format

        n = export_format(conn, fmt, output, filters=filters, force=force)
        if output != "-":
            click.echo(f"{n} claim{'' if n == 1 else 's'} written to {output}", err=True)
        return
    n = run_export(conn, output, fmt=fmt, filters=filters, history=history, force=force)
    if output != "-":
        click.echo(f"{n} claim{'' if n == 1 else 's'} written to {output}", err=True)


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--agreement",
    is_flag=True,
    help="Agreement between reviewers on claims judged by several (overlap mode).",
)
def stats(db_path: str, as_json: bool, agreement: bool) -> None:
    """Progress, claims by status and kind, extractor precision per rule, reviewer pace.

    With --agreement: Cohen's kappa (two reviewers) or Fleiss' kappa (more) on accept/reject,
    pairwise kappas, and field-by-field agreement on edited claims, overall and per kind.
    """
    conn = open_db(db_path, readonly=True)
    if agreement:
        from db.agreement import compute as compute_agreement

        figures = compute_agreement(conn)
        if as_json:
            click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            from tui.report import print_agreement

            print_agreement(figures)
        return
    from db.stats import compute

    figures = compute(conn)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    from tui.report import print_stats

    print_stats(figures)


# --------------------------------------------------------------------------- review, demo


def review_options(f):
    """Options shared by ``review`` and ``serve``."""
    for option in reversed(
        [
            click.option(
                "--reviewer", default=None, help="Your name in the decisions log [default: login]."
            ),
            click.option(
                "--mode",
                type=click.Choice(["split", "overlap"]),
                default=None,
                help="How reviewers share claims: split (each claim to one reviewer)"
                " or overlap (each claim judged by --per-claim reviewers). Remembered"
                " in the database [default: as chosen before, else split].",
            ),
            click.option(
                "--per-claim",
                type=click.IntRange(2, 20),
                default=2,
                show_default=True,
                help="In overlap mode, reviewers per claim.",
            ),
            click.option(
                "--adjudicate",
                is_flag=True,
                help="Review only claims reviewers disagree on and settle them.",
            ),
            click.option(
                "--keymap",
                "keymap",
                type=click.Path(dir_okay=False),
                default=None,
                help="A keymap file remapping keys by binding id"
                " [default: $XDG_CONFIG_HOME/claimdesk/keymap.toml if present].",
            ),
            click.option(
                "--no-suggest",
                "no_suggest",
                is_flag=True,
                help="Show each claim's subject and time as the extractor proposed them, not"
                " re-ranked with what reviewers accepted before it in its document.",
            ),
            click.option(
                "--no-hints",
                "no_hints",
                is_flag=True,
                help="Start with the hint labels under the claim's sentence hidden (F3 shows"
                " them; typing a label starts span mode with its word selected).",
            ),
            click.option(
                "--lease",
                "lease_seconds",
                type=click.FloatRange(5, 86400),
                default=120,
                show_default=True,
                help="Seconds a claim stays leased to a reviewer who went away.",
            ),
        ]
    ):
        f = option(f)
    return f


@cli.command()
@db_option
@review_options
@click.option(
    "--ask-reviewer",
    is_flag=True,
    hidden=True,
    help="Ask for the reviewer's name in the app (used by serve).",
)
@click.option(
    "--source",
    default=None,
    help="Only claims of documents whose source holds this text (e.g. a folder: seeds/).",
)
def review(
    db_path: str,
    reviewer: str | None,
    mode: str | None,
    per_claim: int,
    adjudicate: bool,
    lease_seconds: float,
    ask_reviewer: bool,
    keymap: str | None,
    no_suggest: bool = False,
    source: str | None = None,
    no_hints: bool = False,
) -> None:
    """Open the review app: confirm, edit or reject each candidate claim.

    Several reviewers can work on one database at once (on one server over SSH, or in a
    browser with `claimdesk serve`).
    """
    from tui.app import make_app

    _run_app(make_app(
        db_path, reviewer, mode=mode, per_claim=per_claim, adjudicate=adjudicate,
        ask_reviewer=ask_reviewer, lease_seconds=lease_seconds, keymap=_keymap_file(keymap),
        source=source, suggest=not no_suggest, hints=not no_hints,
    ))  # fmt: skip
    # The decisions are saved either way; a file that cannot be sealed is checked next time.
    with contextlib.suppress(ClaimdeskError):
        _seal_after_review(db_path)


def _seal_after_review(db_path: str) -> None:
    """Remember the file as sound after a review (checked when the app opened it), so the next
    command that writes need not check it again (see ``db.connection.seal``).

    ``serve`` calls it first: each browser tab's review process then finds the file sealed.

    Raises:
        ClaimdeskError: the file cannot be opened (only when the app has not opened it).
    """
    conn = open_db(db_path, create=False)
    try:
        seal(conn)
    finally:
        conn.close()


def _keymap_file(given: str | None) -> str | None:
    """``--keymap FILE``, else the default keymap file when it exists (see tui.keymap)."""
    if given:
        return given
    from tui.keymap import default_path

    path = default_path()
    try:
        return str(path) if path.is_file() else None
    except OSError:  # a config folder this user may not enter: as if there were no keymap
        return None


@cli.command()
@db_option
@review_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(
    db_path: str,
    reviewer: str | None,
    mode: str | None,
    per_claim: int,
    adjudicate: bool,
    lease_seconds: float,
    keymap: str | None,
    no_suggest: bool,
    no_hints: bool,
    host: str,
    port: int,
) -> None:
    """Serve the review app to web browsers (textual-serve): no install for team members.

    Each browser tab runs its own review session and asks for the reviewer's name (unless
    --reviewer is given).
    """
    import shlex

    _seal_after_review(db_path)  # a clear error now, not in every browser tab; checked once
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ClaimdeskError("serve needs textual-serve: pip install 'claimdesk[serve]'") from None
    args = [sys.executable, "-m", "tui.cli", "review", "--db", str(Path(db_path).resolve()),
            "--lease", str(lease_seconds)]  # fmt: skip
    if reviewer:
        args += ["--reviewer", reviewer]
    else:
        args.append("--ask-reviewer")
    if mode:
        args += ["--mode", mode, "--per-claim", str(per_claim)]
    if adjudicate:
        args.append("--adjudicate")
    if no_suggest:
        args.append("--no-suggest")
    if no_hints:
        args.append("--no-hints")
    keymap = _keymap_file(keymap)
    if keymap:
        from tui.keymap import load as load_keymap

        load_keymap(keymap)  # a clear error now, not in every browser tab
        args += ["--keymap", str(Path(keymap).resolve())]
    click.echo(f"serving {db_path} at http://{host}:{port} (Ctrl+C stops)", err=True)
    Server(shlex.join(args), host=host, port=port, title="claimdesk review").serve()


def seeds_dir() -> Path:
    """The seed documents: ./seeds if present, else the ones beside this checkout."""
    for candidate in (Path("seeds"), Path(__file__).resolve().parents[1] / "seeds"):
        if candidate.is_dir():
            return candidate
    raise ClaimdeskError("no seeds/ folder found; run the demo from the claimdesk checkout")


@cli.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Where to put the demo database [default: a new temporary file].",
)
@click.option("--reviewer", default=None, help="Your name in the decisions log [default: login].")
@click.option("--no-review", is_flag=True, help="Stop after import and extraction.")
def demo(db_path: str | None, reviewer: str | None, no_review: bool) -> None:
    """Import seeds/ into a fresh database, extract claims and open the review app."""
    import tempfile

    from db.ingest import expand_paths, ingest_file
    from tui.pipeline import run_extract

    if db_path is None:
        db_path = str(Path(tempfile.mkdtemp(prefix="claimdesk-demo-")) / "demo.db")
    conn = open_db(db_path)
    added = 0
    for path, missing in expand_paths([str(seeds_dir())]):
        if missing is not None:
            raise ClaimdeskError(str(missing))
        result = ingest_file(conn, path)
        if result.error is not None:
            raise ClaimdeskError(str(result.error))
        added += result.added
    summary = run_extract(conn)
    conn.close()
    docs = "document" if added == 1 else "documents"
    click.echo(f"demo database: {db_path} ({added} {docs}, {summary.added} candidate claims)")
    if no_review:
        return
    from tui.app import make_app

    _run_app(make_app(db_path, reviewer))
    click.echo(f"reopen it with: claimdesk review --db {db_path}")


def main() -> None:
    """Console-script entry point.

    A bug in claimdesk still ends in one line (and exit status 70); set ``CLAIMDESK_DEBUG=1``
    to see the traceback.
    """
    import os

    if os.environ.get("CLAIMDESK_DEBUG"):
        cli(prog_name="claimdesk")
        return
    try:
        cli(prog_name="claimdesk")
    except Exception as exc:  # the last resort: never a traceback in front of a user
        click.echo(
            f"Error: internal error ({type(exc).__name__}: {exc}); "
            "CLAIMDESK_DEBUG=1 shows the traceback — please report it",
            err=True,
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
