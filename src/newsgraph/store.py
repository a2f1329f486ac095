"""The SQLite store: documents, what was removed from them, entities, mentions, quotes, events, errors.

WAL mode; each batch is written in one transaction in input order, and a document whose
id is already stored is left as it is, so building the same inputs again changes nothing
and a build killed midway, run again, ends with the database an uninterrupted build makes.
Later stages add their own tables beside these (quotes, events, places...), keyed by
`doc_id`; `SCHEMA_VERSION` moves when a table changes. A database of an older schema
whose tables are all still here (only tables were added since) is upgraded in place; the
documents it already holds keep what the older newsgraph found in them.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Any

from .events.actors import Actor
from .record import Entity, Event, EventActor, Failure, Mention, Quote, Record, Removed, Source

SCHEMA_VERSION = 3
ADDITIVE_SINCE = 1  # schemas from this version on differ from the current one only by added tables

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
"""

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
    if ADDITIVE_SINCE <= found < SCHEMA_VERSION:  # the script above has just added the new tables
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        found = SCHEMA_VERSION
    if found != SCHEMA_VERSION:
        conn.close()
        raise SchemaError(f"{path} has newsgraph schema {found}; this newsgraph reads schema {SCHEMA_VERSION}")
    return conn


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
                  "confidence": event.confidence, "date": event.date}


def event_of(row: sqlite3.Row) -> Event:
    """A stored event as the record's `Event`."""
    def actor(side: str) -> EventActor | None:
        if row[f"{side}_name"] is None:
            return None
        return EventActor(row[f"{side}_name"], row[f"{side}_code"], local_id(row[f"{side}_entity"]),
                          row[f"{side}_start"], row[f"{side}_end"])

    return Event(row["code"], row["root"], row["plover"], row["quad_class"], row["goldstein"], actor("source"),
                 actor("target"), row["start"], row["end"], row["cue"], row["cue_start"], row["cue_end"],
                 bool(row["negated"]), bool(row["hypothetical"]), row["confidence"], row["date"])


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
        self.conn.executemany(
            "INSERT INTO removed (doc_id, position, text, reason) VALUES (?, ?, ?, ?)",
            [(record.id, i, r.text, r.reason) for i, r in enumerate(record.removed)],
        )
        for entity in record.entities:
            key = f"{record.id}/{entity.id}"
            self.conn.execute(
                "INSERT INTO entities (id, doc_id, name, type, titles, mention_count) VALUES (?, ?, ?, ?, ?, ?)",
                (key, record.id, entity.name, entity.type, json.dumps(entity.titles, ensure_ascii=False),
                 len(entity.mentions)),
            )
            self.conn.executemany(
                'INSERT INTO mentions (entity_id, doc_id, start, "end", text, kind) VALUES (?, ?, ?, ?, ?, ?)',
                [(key, record.id, m.start, m.end, m.text, m.kind) for m in entity.mentions],
            )
        self.conn.executemany(
            'INSERT INTO quotes (id, doc_id, start, "end", text, kind, spans, speaker, speaker_entity,'
            " speaker_start, speaker_end, cue, cue_start, cue_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(f"{record.id}/q{i + 1}", record.id, q.start, q.end, q.text, q.kind, json.dumps(q.spans),
              q.speaker, stored_id(record.id, q.speaker_entity),
              q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end)
             for i, q in enumerate(record.quotes)],
        )
        events = [event_row(record, i + 1, e) for i, e in enumerate(record.events)]
        if events:
            columns, values = ", ".join(f'"{c}"' for c in events[0]), ", ".join(f":{c}" for c in events[0])
            self.conn.executemany(f"INSERT INTO events ({columns}) VALUES ({values})", events)
        return True

    def insert_failure(self, failure: Failure) -> None:
        src = failure.source
        self.conn.execute(
            "INSERT OR REPLACE INTO errors (input, doc_id, path, format, line, record, url, reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (src.key(), failure.id, src.path, src.format, src.line, src.record, src.url, failure.error),
        )

    def record(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document as the same JSON object `newsgraph analyze` prints."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        removed = [Removed(r["text"], r["reason"]) for r in self.conn.execute(
            "SELECT text, reason FROM removed WHERE doc_id = ? ORDER BY position", (doc_id,))]
        entities = []
        for e in self.conn.execute("SELECT * FROM entities WHERE doc_id = ? ORDER BY rowid", (doc_id,)):
            mentions = [Mention(m["start"], m["end"], m["text"], m["kind"]) for m in self.conn.execute(
                'SELECT start, "end", text, kind FROM mentions WHERE entity_id = ? ORDER BY start', (e["id"],))]
            entities.append(Entity(local_id(e["id"]), e["name"], e["type"], json.loads(e["titles"]), mentions))
        quotes = [
            Quote(q["start"], q["end"], q["text"], q["kind"], [tuple(p) for p in json.loads(q["spans"])], q["speaker"],
                  local_id(q["speaker_entity"]), q["speaker_start"],
                  q["speaker_end"], q["cue"], q["cue_start"], q["cue_end"])
            for q in self.conn.execute("SELECT * FROM quotes WHERE doc_id = ? ORDER BY start, rowid", (doc_id,))
        ]
        events = [event_of(e) for e in self.conn.execute("SELECT * FROM events WHERE doc_id = ? ORDER BY rowid", (doc_id,))]
        source = Source(row["source_path"], row["source_format"], row["url"], row["source_line"], row["source_record"])
        return Record(
            id=row["id"], source=source, title=row["title"], published=row["published"],
            language=row["language"], text=row["text"], removed=removed, flags=json.loads(row["flags"]),
            entities=entities, quotes=quotes, events=events, author=row["author"], site=row["site"],
        ).to_dict()

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
        day its document was published. `day` and `first_in_sentence` come with each row.
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
            f"SELECT e.*, {EVENT_DAY} AS day, {first} AS first_in_sentence, d.title, d.published, d.url, d.source_path"
            f" FROM events e JOIN documents d ON d.id = e.doc_id {where}"
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

    def errors(self, limit: int = 100) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM errors ORDER BY input LIMIT ?", (limit,)).fetchall()

    def counts(self) -> dict[str, int]:
        tables = ("documents", "entities", "mentions", "quotes", "events", "removed", "errors")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
