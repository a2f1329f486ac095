"""The SQLite store: documents, what was removed from them, entities, mentions, quotes, events,
places, dates, amounts, tone, themes, errors.

WAL mode; each batch is written in one transaction in input order, and a document whose
id is already stored is left as it is, so building the same inputs again changes nothing
and a build killed midway, run again, ends with the database an uninterrupted build makes.
Later stages add their own tables beside these (quotes, events, places...), keyed by
`doc_id`, and may add nullable columns to older tables (`ADDED_COLUMNS`); `SCHEMA_VERSION`
moves when a table changes. A database of an older schema that differs only by such
additions is upgraded in place; the documents it already holds keep what the older
newsgraph found in them (no places, no tone...).
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pycountry

from .events.actors import Actor
from .places.publications import Article, publication, refine
from .record import (Amount, DateMention, Entity, Event, EventActor, Failure, Mention, Place, Quote, Record, Removed,
                     SentenceTone, Source, Theme, ThemeMatch, Tone)

Stored = TypeVar("Stored")  # a record's dataclass that a table stores: Place, DateMention...

SCHEMA_VERSION = 4
ADDITIVE_SINCE = 1  # schemas from this version on differ from the current one only by added tables and columns

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    url TEXT,
    author TEXT,
    site TEXT,
    source_path TEXT,
    source_format TEXT,
    source_line INTEGER,
    source_record INTEGER,
    flags TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE TABLE IF NOT EXISTS removed (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    titles TEXT NOT NULL DEFAULT '[]',
    mention_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name, type);
CREATE TABLE IF NOT EXISTS mentions (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (entity_id, start)
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id, start);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    spans TEXT NOT NULL,
    speaker TEXT,
    speaker_entity TEXT REFERENCES entities(id),
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id, start);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    code TEXT NOT NULL,
    root TEXT NOT NULL,
    plover TEXT,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    source_name TEXT,
    source_code TEXT,
    source_country TEXT,  -- the code's country ("UKRMIL" -> "UKR"), or the whole code of an organisation ("NATO")
    source_entity TEXT REFERENCES entities(id),
    source_start INTEGER,
    source_end INTEGER,
    target_name TEXT,
    target_code TEXT,
    target_country TEXT,
    target_entity TEXT REFERENCES entities(id),
    target_start INTEGER,
    target_end INTEGER,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL,  -- the sentence, documents.text[start:end]
    cue TEXT NOT NULL,
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    hypothetical INTEGER NOT NULL,
    confidence REAL NOT NULL,
    date TEXT
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id, start);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_root ON events(root);
-- entities.tone, quotes.tone and events' place_* columns are added after these tables: see ADDED_COLUMNS.
CREATE TABLE IF NOT EXISTS places (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL,  -- the place's position in the record's places, from 1
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,  -- the words, documents.text[start:end]
    name TEXT NOT NULL,  -- the gazetteer's name
    kind TEXT NOT NULL,
    geonames_id INTEGER,
    country TEXT,  -- ISO 3166-1 alpha-2
    admin1 TEXT,
    lat REAL,
    lon REAL,
    metonym INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (doc_id, number)
);
CREATE INDEX IF NOT EXISTS places_country ON places(country);
CREATE INDEX IF NOT EXISTS places_geonames ON places(geonames_id);
CREATE TABLE IF NOT EXISTS dates (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,  -- ISO 8601: a day, month, year, range (first/last) or duration (P3Y)
    resolution TEXT NOT NULL,
    relative INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dates_doc ON dates(doc_id, start);
CREATE INDEX IF NOT EXISTS dates_value ON dates(value);
CREATE TABLE IF NOT EXISTS amounts (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    currency TEXT,
    object TEXT
);
CREATE INDEX IF NOT EXISTS amounts_doc ON amounts(doc_id, start);
CREATE INDEX IF NOT EXISTS amounts_currency ON amounts(currency, value);
CREATE TABLE IF NOT EXISTS tones (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    tone REAL NOT NULL,
    positive REAL NOT NULL,
    negative REAL NOT NULL,
    polarity REAL NOT NULL,
    activity REAL NOT NULL,
    self_group REAL NOT NULL,
    word_count INTEGER NOT NULL,
    vader REAL
);
CREATE TABLE IF NOT EXISTS sentence_tones (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    vader REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sentence_tones_doc ON sentence_tones(doc_id, start);
CREATE TABLE IF NOT EXISTS themes (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    count INTEGER NOT NULL  -- its matches in the document
);
CREATE INDEX IF NOT EXISTS themes_doc ON themes(doc_id);
CREATE INDEX IF NOT EXISTS themes_name ON themes(name);
CREATE TABLE IF NOT EXISTS theme_matches (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    name TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS theme_matches_doc ON theme_matches(doc_id, name);
CREATE INDEX IF NOT EXISTS theme_matches_name ON theme_matches(name);
CREATE TABLE IF NOT EXISTS errors (
    input TEXT PRIMARY KEY,
    doc_id TEXT,
    path TEXT,
    format TEXT,
    line INTEGER,
    record INTEGER,
    url TEXT,
    reason TEXT NOT NULL
);
CREATE VIEW IF NOT EXISTS entity_index AS
    SELECT name, type, COUNT(DISTINCT doc_id) AS documents, SUM(mention_count) AS mentions
    FROM entities GROUP BY name, type;
CREATE VIEW IF NOT EXISTS theme_index AS
    SELECT name, label, COUNT(DISTINCT doc_id) AS documents, SUM(count) AS matches
    FROM themes GROUP BY name, label;
"""

# The columns of a place, as the `places` table has them and events have them prefixed with "place_".
PLACE_COLUMNS = {"start": "INTEGER", "end": "INTEGER", "text": "TEXT", "name": "TEXT", "kind": "TEXT",
                 "geonames_id": "INTEGER", "country": "TEXT", "admin1": "TEXT", "lat": "REAL", "lon": "REAL",
                 "metonym": "INTEGER", "confidence": "REAL"}

# Nullable columns added to tables of older schemas, in the order they came; the tables above
# are created without them and given them like an older database's, so both end the same.
ADDED_COLUMNS = {
    "entities": {"tone": "REAL"},  # schema 4
    "quotes": {"tone": "REAL"},  # schema 4
    "events": {f"place_{name}": type for name, type in PLACE_COLUMNS.items()},  # schema 4
}

# The day of event `e` of document `d`: the date the text gives, else the day `d` was published.
EVENT_DAY = ("COALESCE(e.date, CASE WHEN d.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
             " THEN substr(d.published, 1, 10) END)")

SCHEMA += f"""
-- Events a day between two countries (or organisations), from the events with both codes.
-- Negated events are left out: an attack that was refused or denied did not happen.
-- Hypothetical ones (threats, plans, conditions) are counted.
CREATE VIEW IF NOT EXISTS dyads AS
    SELECT {EVENT_DAY} AS day, e.source_country AS source, e.target_country AS target,
           COUNT(*) AS events, ROUND(AVG(e.goldstein), 2) AS goldstein
    FROM events e JOIN documents d ON d.id = e.doc_id
    WHERE NOT e.negated AND e.source_country IS NOT NULL AND e.target_country IS NOT NULL
    GROUP BY day, source, target;
"""


def full_text(table: str, columns: tuple[str, ...], on_update: bool) -> str:
    """An FTS5 index over `table`'s `columns` (porter stemming), kept in step by triggers."""
    cols, new, old = ", ".join(columns), ", ".join(f"new.{c}" for c in columns), ", ".join(f"old.{c}" for c in columns)
    remove = f"INSERT INTO {table}_fts({table}_fts, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    add = f"INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.rowid, {new});"
    ddl = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5(
    {cols}, content="{table}", content_rowid="rowid", tokenize="porter unicode61"
);
CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {table} BEGIN {add} END;
CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {table} BEGIN {remove} END;
"""
    if on_update:
        ddl += f"CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {table} BEGIN {remove} {add} END;\n"
    return ddl


SCHEMA += full_text("documents", ("title", "text"), on_update=True) + full_text("quotes", ("text", "speaker"), on_update=False)


# The first and last day of date `x`'s value: "2024-03-01/2024-03-07" -> "2024-03-01", "2024-03-07"; "2024-03" both.
DATE_FIRST = "substr(x.value, 1, instr(x.value || '/', '/') - 1)"
DATE_LAST = "substr(x.value, instr(x.value, '/') + 1)"

# The words around mention `x` of document `d`: AROUND characters either side, where the text has them.
AROUND = 60
AROUND_START = f"max(x.start - {AROUND}, 0)"
AROUND_LENGTH = f'x."end" + {AROUND} - {AROUND_START}'


class SchemaError(RuntimeError):
    """The database was written by a newsgraph with another schema."""


def connect(path: str, readonly: bool = False) -> sqlite3.Connection:
    """A connection with WAL, foreign keys and the schema in place."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        return conn
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.executescript(f"BEGIN; {SCHEMA} INSERT OR IGNORE INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}'); COMMIT;")
    found = int(conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
    if ADDITIVE_SINCE <= found <= SCHEMA_VERSION and (found < SCHEMA_VERSION or missing_columns(conn)):
        with transaction(conn):  # the script above has just added the new tables; now the new columns
            for table, name, type in missing_columns(conn):
                conn.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {type}')
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        found = SCHEMA_VERSION
    if found != SCHEMA_VERSION:
        conn.close()
        raise SchemaError(f"{path} has newsgraph schema {found}; this newsgraph reads schema {SCHEMA_VERSION}")
    return conn


def missing_columns(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """The `ADDED_COLUMNS` the tables lack, as (table, column, type): a new database's, or an older schema's."""
    missing = []
    for table, columns in ADDED_COLUMNS.items():
        present = {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing += [(table, name, type) for name, type in columns.items() if name not in present]
    return missing


@contextmanager
def transaction(conn: sqlite3.Connection):
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def plain_words(query: str) -> str:
    """An FTS5 query that matches `query`'s words as they are, whatever its punctuation."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


def stored_id(doc_id: str, local_id: str | None) -> str | None:
    """A record's own id of an entity ("e3") as the store keys it, unique across documents ("<doc_id>/e3")."""
    return f"{doc_id}/{local_id}" if local_id else None


def local_id(key: str | None) -> str | None:
    """The record's own id of a stored entity: "<doc_id>/e3" -> "e3"."""
    return key.rsplit("/", 1)[1] if key else None


def country_of(actor: EventActor | None) -> str | None:
    """The country an actor's code starts with ("UKRMIL" -> "UKR"), else the whole code ("NATO")."""
    if actor is None or actor.code is None:
        return None
    return Actor(actor.code, actor.name).country or actor.code


def event_row(record: Record, number: int, event: Event) -> dict[str, Any]:
    """The `events` row of a record's event."""
    row = {"id": f"{record.id}/v{number}", "doc_id": record.id, "code": event.code, "root": event.root,
           "plover": event.plover, "quad_class": event.quad_class, "goldstein": event.goldstein}
    for side, actor in (("source", event.source), ("target", event.target)):
        row |= {f"{side}_name": actor and actor.name, f"{side}_code": actor and actor.code,
                f"{side}_country": country_of(actor), f"{side}_entity": stored_id(record.id, actor and actor.entity),
                f"{side}_start": actor and actor.start, f"{side}_end": actor and actor.end}
    return row | {"start": event.start, "end": event.end, "evidence": record.text[event.start:event.end],
                  "cue": event.cue, "cue_start": event.cue_start, "cue_end": event.cue_end,
                  "negated": event.negated, "hypothetical": event.hypothetical,
                  "confidence": event.confidence, "date": event.date} | place_columns(event.place)


def event_of(row: sqlite3.Row) -> Event:
    """A stored event as the record's `Event`."""
    def actor(side: str) -> EventActor | None:
        if row[f"{side}_name"] is None:
            return None
        return EventActor(row[f"{side}_name"], row[f"{side}_code"], local_id(row[f"{side}_entity"]),
                          row[f"{side}_start"], row[f"{side}_end"])

    return Event(row["code"], row["root"], row["plover"], row["quad_class"], row["goldstein"], actor("source"),
                 actor("target"), row["start"], row["end"], row["cue"], row["cue_start"], row["cue_end"],
                 bool(row["negated"]), bool(row["hypothetical"]), row["confidence"], row["date"],
                 from_row(Place, row, "place_") if row["place_name"] is not None else None)



def columns_of(item: Any, prefix: str = "") -> dict[str, Any]:
    """A record's dataclass (a place, a date...) as the columns that store it: its fields, after `prefix`."""
    return {prefix + name: value for name, value in dataclasses.asdict(item).items()}


def from_row(cls: type[Stored], row: sqlite3.Row, prefix: str = "") -> Stored:
    """A record's dataclass from the columns `columns_of` named; SQLite's 0 and 1 become bools again."""
    fields = dataclasses.fields(cls)  # record.py's annotations are strings: a bool field's type is "bool"
    return cls(**{f.name: bool(row[prefix + f.name]) if f.type == "bool" else row[prefix + f.name] for f in fields})


def assignments(columns: dict[str, Any]) -> str:
    """`"a" = ?, "b" = ?` for an UPDATE of these columns."""
    return ", ".join(f'"{c}" = ?' for c in columns)


def place_columns(place: Place | None) -> dict[str, Any]:
    """An event's place as its `place_*` columns, all NULL where the text gives no place."""
    return columns_of(place, "place_") if place else {f"place_{name}": None for name in PLACE_COLUMNS}


def knowledge_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """The rows of a record's places, dates, amounts, tone and themes, by table."""
    doc = {"doc_id": record.id}
    return {
        "places": [doc | {"number": i + 1} | columns_of(p) for i, p in enumerate(record.places)],
        "dates": [doc | columns_of(d) for d in record.dates],
        "amounts": [doc | columns_of(a) for a in record.amounts],
        "tones": [doc | columns_of(record.tone)] if record.tone else [],
        "sentence_tones": [doc | columns_of(s) for s in record.sentence_tones],
        "themes": [doc | {"name": t.name, "label": t.label, "count": len(t.matches)} for t in record.themes],
        "theme_matches": [doc | {"name": t.name} | columns_of(m) for t in record.themes for m in t.matches],
    }


def country_code(country: str) -> str:
    """The ISO alpha-2 code of a country given by code or name ("UKR", "Ukraine" -> "UA"); else as given."""
    try:
        return pycountry.countries.lookup(country.strip()).alpha_2
    except LookupError:
        return country.upper()


def parse_dyad(dyad: str) -> tuple[str, str]:
    """"UKR:RUS" -> ("UKR", "RUS"): who acts, on whom; a side left empty is anyone."""
    if dyad.count(":") != 1:
        raise ValueError(f"a dyad is SOURCE:TARGET, e.g. UKR:RUS, not {dyad!r}")
    source, target = dyad.split(":")
    return source.strip(), target.strip()


class Where:
    """A query's WHERE clause, built one filter at a time: conditions joined by AND, their arguments in order."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.args: list[Any] = []

    def add(self, condition: str, *args: Any) -> None:
        self.conditions.append(condition)
        self.args.extend(args)

    def __str__(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


class Store:
    """Writes outcomes and answers the questions the command line asks."""

    def __init__(self, path: str):
        self.path = path
        self.conn = connect(path)
        self.publications: set[str] = set()  # of the documents stored since opening: `refine_places` reads them

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def known(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def write(self, outcomes: Iterable[object]) -> Counter[str]:
        """Store a batch in one transaction; count what became of each outcome."""
        counts: Counter[str] = Counter()
        with transaction(self.conn):
            for outcome in outcomes:
                if isinstance(outcome, Record):
                    counts["stored" if self.insert_record(outcome) else "duplicates"] += 1
                elif isinstance(outcome, Failure):
                    self.insert_failure(outcome)
                    counts["errors"] += 1
                else:
                    counts["already stored"] += 1
        return counts

    def insert_record(self, record: Record) -> bool:
        src = record.source
        added = self.conn.execute(
            "INSERT OR IGNORE INTO documents (id, title, published, language, text, url, author, site,"
            " source_path, source_format, source_line, source_record, flags)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.id, record.title, record.published, record.language, record.text, src.url,
             record.author, record.site, src.path, src.format, src.line, src.record,
             json.dumps(record.flags, ensure_ascii=False)),
        ).rowcount
        self.conn.execute("DELETE FROM errors WHERE input = ?", (src.key(),))
        if not added:
            return False
        self.publications.add(publication(src.url))
        self.conn.executemany(
            "INSERT INTO removed (doc_id, position, text, reason) VALUES (?, ?, ?, ?)",
            [(record.id, i, r.text, r.reason) for i, r in enumerate(record.removed)],
        )
        for entity in record.entities:
            key = f"{record.id}/{entity.id}"
            self.conn.execute(
                "INSERT INTO entities (id, doc_id, name, type, titles, mention_count, tone) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, record.id, entity.name, entity.type, json.dumps(entity.titles, ensure_ascii=False),
                 len(entity.mentions), entity.tone),
            )
            self.conn.executemany(
                'INSERT INTO mentions (entity_id, doc_id, start, "end", text, kind) VALUES (?, ?, ?, ?, ?, ?)',
                [(key, record.id, m.start, m.end, m.text, m.kind) for m in entity.mentions],
            )
        self.conn.executemany(
            'INSERT INTO quotes (id, doc_id, start, "end", text, kind, spans, speaker, speaker_entity,'
            " speaker_start, speaker_end, cue, cue_start, cue_end, tone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(f"{record.id}/q{i + 1}", record.id, q.start, q.end, q.text, q.kind, json.dumps(q.spans),
              q.speaker, stored_id(record.id, q.speaker_entity),
              q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end, q.tone)
             for i, q in enumerate(record.quotes)],
        )
        self.insert_rows("events", [event_row(record, i + 1, e) for i, e in enumerate(record.events)])
        for table, rows in knowledge_rows(record).items():
            self.insert_rows(table, rows)
        return True

    def refine_places(self, publications: Iterable[str | None] | None = None) -> int:
        """Resolve the places of each publication's articles again with its other articles as
        context (`places/publications.py`); all publications, or those given. The number of
        places that moved; events in a moved place move with it."""
        wanted = None if publications is None else set(publications)
        groups: dict[str, list[sqlite3.Row]] = {}
        for row in self.conn.execute("SELECT id, url FROM documents WHERE url IS NOT NULL ORDER BY rowid"):
            key = publication(row["url"])
            if key is not None and (wanted is None or key in wanted):
                groups.setdefault(key, []).append(row)
        moved = 0
        with transaction(self.conn):
            for rows in groups.values():
                if len(rows) < 2:
                    continue
                articles = [Article(self.conn.execute("SELECT text FROM documents WHERE id = ?", (r["id"],)).fetchone()[0],
                                    [from_row(Place, p) for p in self.conn.execute(
                                        "SELECT * FROM places WHERE doc_id = ? ORDER BY number", (r["id"],))], r["url"])
                            for r in rows]
                for row, article, places in zip(rows, articles, refine(articles)):
                    for number, (old, new) in enumerate(zip(article.places, places), 1):
                        if old == new:
                            continue
                        moved += (old.geonames_id, old.name, old.lat) != (new.geonames_id, new.name, new.lat)
                        columns, placed = columns_of(new), place_columns(new)
                        self.conn.execute(f"UPDATE places SET {assignments(columns)} WHERE doc_id = ? AND number = ?",
                                          (*columns.values(), row["id"], number))
                        self.conn.execute(f"UPDATE events SET {assignments(placed)}"
                                          " WHERE doc_id = ? AND place_start = ? AND place_end = ?",
                                          (*placed.values(), row["id"], old.start, old.end))
        return moved

    def insert_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows that all have the same columns, named by their keys."""
        if rows:
            columns, values = ", ".join(f'"{c}"' for c in rows[0]), ", ".join(f":{c}" for c in rows[0])
            self.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({values})", rows)

    def insert_failure(self, failure: Failure) -> None:
        src = failure.source
        self.conn.execute(
            "INSERT OR REPLACE INTO errors (input, doc_id, path, format, line, record, url, reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (src.key(), failure.id, src.path, src.format, src.line, src.record, src.url, failure.error),
        )

    def record(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document as the same JSON object `newsgraph analyze` prints."""
        found = self.load(doc_id)
        return found.to_dict() if found else None

    def load(self, doc_id: str) -> Record | None:
        """A stored document as the `Record` it was stored from."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None

        def rows(table: str, order: str = "rowid") -> list[sqlite3.Row]:
            return self.conn.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {order}", (doc_id,)).fetchall()

        entities = []
        for e in rows("entities"):
            mentions = [Mention(m["start"], m["end"], m["text"], m["kind"]) for m in self.conn.execute(
                'SELECT start, "end", text, kind FROM mentions WHERE entity_id = ? ORDER BY start', (e["id"],))]
            entities.append(Entity(local_id(e["id"]), e["name"], e["type"], json.loads(e["titles"]), mentions, e["tone"]))
        quotes = [
            Quote(q["start"], q["end"], q["text"], q["kind"], [tuple(p) for p in json.loads(q["spans"])], q["speaker"],
                  local_id(q["speaker_entity"]), q["speaker_start"],
                  q["speaker_end"], q["cue"], q["cue_start"], q["cue_end"], q["tone"])
            for q in rows("quotes", "start, rowid")
        ]
        matches: dict[str, list[ThemeMatch]] = {}
        for m in rows("theme_matches"):
            matches.setdefault(m["name"], []).append(from_row(ThemeMatch, m))
        source = Source(row["source_path"], row["source_format"], row["url"], row["source_line"], row["source_record"])
        return Record(
            id=row["id"], source=source, title=row["title"], published=row["published"],
            language=row["language"], text=row["text"], flags=json.loads(row["flags"]),
            removed=[Removed(r["text"], r["reason"]) for r in rows("removed", "position")],
            entities=entities, quotes=quotes, events=[event_of(e) for e in rows("events")],
            places=[from_row(Place, p) for p in rows("places", "number")],
            dates=[from_row(DateMention, d) for d in rows("dates")],
            amounts=[from_row(Amount, a) for a in rows("amounts")],
            tone=next((from_row(Tone, t) for t in rows("tones")), None),
            sentence_tones=[from_row(SentenceTone, s) for s in rows("sentence_tones")],
            themes=[Theme(t["name"], t["label"], matches.get(t["name"], [])) for t in rows("themes")],
            author=row["author"], site=row["site"],
        )

    def records(self) -> Iterator[Record]:
        """Every stored document as its `Record`, by publication date (undated last), then id."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY published IS NULL, published, id")]
        yield from filter(None, map(self.load, ids))

    def search(self, query: str, limit: int = 20) -> list[sqlite3.Row]:
        """Full-text search over titles and bodies, best first.

        The query is FTS5 syntax (phrases, OR, NEAR, prefix*); if it is not valid FTS5 it is
        searched as plain words instead of failing.
        """
        sql = (
            "SELECT d.id, d.title, d.published, d.url,"
            " snippet(documents_fts, 1, '[', ']', '…', 16) AS snippet"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            return self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            words = plain_words(query)
            return self.conn.execute(sql, (words, limit)).fetchall() if words else []

    def entities(self, type: str | None = None, name: str | None = None, limit: int = 50) -> list[sqlite3.Row]:
        """Entities across documents, most widely reported first."""
        where = Where()
        if type:
            where.add("type = ?", type.upper())
        if name:
            where.add("name LIKE ?", f"%{name}%")
        return self.conn.execute(
            f"SELECT name, type, documents, mentions FROM entity_index {where}"
            " ORDER BY documents DESC, mentions DESC, name LIMIT ?",
            (*where.args, limit),
        ).fetchall()

    def quotes(self, speaker: str | None = None, search: str | None = None, limit: int = 50) -> list[sqlite3.Row]:
        """Quotes with their speaker, document date and source, newest documents first.

        `speaker` matches part of the speaker's name; `search` is words (FTS5 syntax, or
        plain words where it is not valid FTS5) that the quote or its speaker must hold.
        """
        where = Where()
        if speaker:
            where.add("q.speaker LIKE ?", f"%{speaker}%")
        if search:
            where.add("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", search)
        sql = (
            "SELECT q.*, d.title, d.published, d.url, d.source_path FROM quotes q JOIN documents d ON d.id = q.doc_id"
            f" {where} ORDER BY d.published DESC, q.doc_id, q.start LIMIT ?"
        )
        try:
            return self.conn.execute(sql, (*where.args, limit)).fetchall()
        except sqlite3.OperationalError:
            if not search:
                raise
            where.args[-1] = plain_words(search)
            return self.conn.execute(sql, (*where.args, limit)).fetchall()

    def events(self, actor: str | None = None, dyad: str | None = None, quad: int | None = None,
               since: str | None = None, root: str | None = None, limit: int = 50) -> list[sqlite3.Row]:
        """Events with their evidence and document, by day (undated last), document and place in it.

        `actor` is either side of the event and `dyad` "SOURCE:TARGET" (direction matters; a
        side left empty is anyone). Each names an actor by a code prefix, in any case, where
        some stored code begins with it ("UKR" matches UKR, UKRGOV, UKRMIL), else by part of
        its name. `since` (YYYY-MM-DD) is compared with the event's day: its date, else the
        day its document was published. `day`, `first_in_sentence` and `document_tone` (the
        GDELT tone of its document) come with each row.
        """
        where = Where()
        if actor:
            self._match_actor(where, actor, ("source", "target"))
        if dyad:
            for side, value in zip(("source", "target"), parse_dyad(dyad)):
                if value:
                    self._match_actor(where, value, (side,))
        if quad:
            where.add("e.quad_class = ?", quad)
        if since:
            where.add(f"{EVENT_DAY} >= ?", since)
        if root:
            where.add("e.root = ?", root)
        first = "NOT EXISTS (SELECT 1 FROM events o WHERE o.doc_id = e.doc_id AND o.start = e.start AND o.rowid < e.rowid)"
        return self.conn.execute(
            f"SELECT e.*, {EVENT_DAY} AS day, {first} AS first_in_sentence, d.title, d.published, d.url, d.source_path,"
            " t.tone AS document_tone"
            f" FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN tones t ON t.doc_id = e.doc_id {where}"
            " ORDER BY day IS NULL, day, e.doc_id, e.start, e.rowid LIMIT ?",
            (*where.args, limit),
        ).fetchall()

    def _match_actor(self, where: Where, value: str, sides: tuple[str, ...]) -> None:
        """Keep the events whose actor on one of `sides` is `value`: a code prefix or part of a name."""
        code = value.upper()
        prefix = "substr(e.{}_code, 1, ?) = ?"
        is_code = self.conn.execute(
            f"SELECT 1 FROM events e WHERE {prefix.format('source')} OR {prefix.format('target')} LIMIT 1",
            (len(code), code) * 2,
        ).fetchone()
        if is_code:
            where.add(f"({' OR '.join(prefix.format(s) for s in sides)})", *(len(code), code) * len(sides))
        else:
            where.add(f"({' OR '.join(f'e.{s}_name LIKE ?' for s in sides)})", *[f"%{value}%"] * len(sides))

    def places(self, country: str | None = None, name: str | None = None, kind: str | None = None,
               limit: int = 50) -> list[sqlite3.Row]:
        """Place mentions with the words around them and their document, newest documents first.

        `country` is an ISO 3166 code or a country's name ("UA", "UKR", "Ukraine"); `name`
        part of the gazetteer's name or of the words in the text; `kind` a Place kind ("city").
        """
        where = Where()
        if country:
            where.add("x.country = ?", country_code(country))
        if name:
            where.add("(x.name LIKE ? OR x.text LIKE ?)", f"%{name}%", f"%{name}%")
        if kind:
            where.add("x.kind = ?", kind.lower())
        return self._mentions("places", where, "d.published DESC, x.doc_id, x.start", limit)

    def dates(self, since: str | None = None, until: str | None = None, limit: int = 50) -> list[sqlite3.Row]:
        """Dates the texts give, earliest first (durations and unresolved dates last), with their document.

        `since` and `until` (YYYY-MM-DD) keep the dates that overlap them: "2024-03" passes
        --since 2024-03-15; durations, which are not in time, never pass.
        """
        where = Where()
        if since or until:
            where.add("x.value GLOB '[0-9][0-9][0-9][0-9]*'")
        if since:  # the date's last day, its missing month and day counted as the highest
            where.add(f"{DATE_LAST} || substr('-99-99', length({DATE_LAST}) - 3) >= ?", since)
        if until:
            where.add(f"{DATE_FIRST} <= ?", until)
        order = f"x.value GLOB '[0-9][0-9][0-9][0-9]*' DESC, {DATE_FIRST}, x.value, x.doc_id, x.start"
        return self._mentions("dates", where, order, limit)

    def amounts(self, currency: str | None = None, unit: str | None = None, least: float | None = None,
                limit: int = 50) -> list[sqlite3.Row]:
        """Amounts with the words around them and their document, newest documents first.

        `currency` is an ISO 4217 code ("usd"), `unit` "currency", "percent" or what is
        counted ("people"), `least` the smallest value kept.
        """
        where = Where()
        if currency:
            where.add("x.currency = ?", currency.upper())
        if unit:
            where.add("x.unit = ? COLLATE NOCASE", unit)
        if least is not None:
            where.add("x.value >= ?", least)
        return self._mentions("amounts", where, "d.published DESC, x.doc_id, x.start", limit)

    def _mentions(self, table: str, where: Where, order: str, limit: int) -> list[sqlite3.Row]:
        """Rows of `table` (places, dates, amounts) with the words around each and its document."""
        return self.conn.execute(
            f"SELECT x.*, {AROUND_START} AS around_start, substr(d.text, {AROUND_START} + 1, {AROUND_LENGTH}) AS around,"
            f" d.title, d.published, d.url, d.source_path FROM {table} x JOIN documents d ON d.id = x.doc_id {where}"
            f" ORDER BY {order} LIMIT ?",
            (*where.args, limit),
        ).fetchall()

    def themes(self, limit: int = 50) -> list[sqlite3.Row]:
        """Themes across documents, most widely reported first."""
        return self.conn.execute(
            "SELECT name, label, documents, matches FROM theme_index ORDER BY documents DESC, matches DESC, name LIMIT ?",
            (limit,),
        ).fetchall()

    def theme_matches(self, name: str, limit: int = 50) -> list[sqlite3.Row]:
        """The words that triggered a theme, with their sentence and document, newest documents first.

        `name` is the theme's name or its start, in any case ("TAX_FNCACT" matches every
        TAX_FNCACT_ theme).
        """
        prefix = name.upper()
        return self.conn.execute(
            "SELECT m.*, t.label, substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence,"
            " d.title, d.published, d.url, d.source_path FROM theme_matches m"
            " JOIN themes t ON t.doc_id = m.doc_id AND t.name = m.name JOIN documents d ON d.id = m.doc_id"
            " WHERE substr(upper(m.name), 1, ?) = ? ORDER BY d.published DESC, m.doc_id, m.start LIMIT ?",
            (len(prefix), prefix, limit),
        ).fetchall()

    def errors(self, limit: int = 100) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM errors ORDER BY input LIMIT ?", (limit,)).fetchall()

    def counts(self) -> dict[str, int]:
        tables = ("documents", "entities", "mentions", "quotes", "events", "places", "dates", "amounts", "themes",
                  "removed", "errors")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
