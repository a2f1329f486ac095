"""The SQLite store: documents, what was removed from them, entities, mentions, quotes, errors.

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

from .record import Entity, Failure, Mention, Quote, Record, Removed, Source

SCHEMA_VERSION = 2
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
              q.speaker, f"{record.id}/{q.speaker_entity}" if q.speaker_entity else None,
              q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end)
             for i, q in enumerate(record.quotes)],
        )
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
            entities.append(Entity(e["id"].rsplit("/", 1)[1], e["name"], e["type"], json.loads(e["titles"]), mentions))
        quotes = [
            Quote(q["start"], q["end"], q["text"], q["kind"], [tuple(p) for p in json.loads(q["spans"])], q["speaker"],
                  q["speaker_entity"].rsplit("/", 1)[1] if q["speaker_entity"] else None, q["speaker_start"],
                  q["speaker_end"], q["cue"], q["cue_start"], q["cue_end"])
            for q in self.conn.execute("SELECT * FROM quotes WHERE doc_id = ? ORDER BY start, rowid", (doc_id,))
        ]
        source = Source(row["source_path"], row["source_format"], row["url"], row["source_line"], row["source_record"])
        return Record(
            id=row["id"], source=source, title=row["title"], published=row["published"],
            language=row["language"], text=row["text"], removed=removed, flags=json.loads(row["flags"]),
            entities=entities, quotes=quotes, author=row["author"], site=row["site"],
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
        where, args = [], []
        if type:
            where.append("type = ?")
            args.append(type.upper())
        if name:
            where.append("name LIKE ?")
            args.append(f"%{name}%")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.conn.execute(
            f"SELECT name, type, documents, mentions FROM entity_index {clause}"
            " ORDER BY documents DESC, mentions DESC, name LIMIT ?",
            (*args, limit),
        ).fetchall()

    def quotes(self, speaker: str | None = None, search: str | None = None, limit: int = 50) -> list[sqlite3.Row]:
        """Quotes with their speaker, document date and source, newest documents first.

        `speaker` matches part of the speaker's name; `search` is words (FTS5 syntax, or
        plain words where it is not valid FTS5) that the quote or its speaker must hold.
        """
        where, args = [], []
        if speaker:
            where.append("q.speaker LIKE ?")
            args.append(f"%{speaker}%")
        if search:
            where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            args.append(search)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        sql = (
            "SELECT q.*, d.title, d.published, d.url, d.source_path FROM quotes q JOIN documents d ON d.id = q.doc_id"
            f" {clause} ORDER BY d.published DESC, q.doc_id, q.start LIMIT ?"
        )
        try:
            return self.conn.execute(sql, (*args, limit)).fetchall()
        except sqlite3.OperationalError:
            if not search:
                raise
            args[-1] = plain_words(search)
            return self.conn.execute(sql, (*args, limit)).fetchall()

    def errors(self, limit: int = 100) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM errors ORDER BY input LIMIT ?", (limit,)).fetchall()

    def counts(self) -> dict[str, int]:
        tables = ("documents", "entities", "mentions", "quotes", "removed", "errors")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
