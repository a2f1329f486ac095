import sqlite3

import pytest

from newsgraph.record import Entity, Failure, Mention, Quote, Record, Removed, Source
from newsgraph.store import SCHEMA_VERSION, SchemaError, Store, connect

TEXT = "Harbour workers walked out on Monday. Union leader Sanne Vos said the strike would last a week."


def record(doc_id="d1", text=TEXT, path="a.txt"):
    vos = text.find("Sanne Vos")
    return Record(
        id=doc_id, source=Source(path, "txt"), title=text.split(".")[0], published="2026-05-01",
        language="en", text=text, removed=[Removed("Share this article", "share prompt")],
        flags=["list intro without its list"],
        entities=[Entity("e1", "Sanne Vos", "PERSON", ["Union leader"],
                         [Mention(vos, vos + 9, "Sanne Vos", "name")])] if vos >= 0 else [],
        quotes=[said(text, vos)] if vos >= 0 else [],
    )


def said(text, vos):
    """Sanne Vos's reported statement in TEXT."""
    start = text.find("the strike")
    end = len(text) - 1
    cue = text.find("said")
    return Quote(start, end, text[start:end], "indirect", [(start, end)], "Sanne Vos", "e1", vos, vos + 9,
                 "said", cue, cue + 4)


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "t.db")) as s:
        yield s


def test_a_stored_record_reads_back_as_the_same_json(store):
    store.write([record()])
    assert store.record("d1") == record().to_dict()
    assert store.record("missing") is None


def test_a_document_is_stored_once(store):
    counts = store.write([record(), record(path="copy.txt")])
    assert counts == {"stored": 1, "duplicates": 1}
    assert store.counts()["documents"] == 1 and store.counts()["mentions"] == 1


def test_errors_keep_one_row_per_input_and_clear_when_it_succeeds(store):
    failure = Failure(None, Source("feed.jsonl", "jsonl", line=3), "invalid JSON: x")
    store.write([failure])
    store.write([failure])
    assert [(r["input"], r["line"], r["reason"]) for r in store.errors()] == [("feed.jsonl:line 3", 3, "invalid JSON: x")]
    fixed = record()
    fixed.source = Source("feed.jsonl", "jsonl", line=3)
    store.write([fixed])
    assert store.errors() == []


def test_full_text_search_ranks_and_survives_bad_syntax(store):
    store.write([record(), record("d2", "Grain prices rose sharply in Chicago on Monday.")])
    assert [r["id"] for r in store.search("strike")] == ["d1"]
    assert [r["id"] for r in store.search("walk*")] == ["d1"]  # porter stemming and prefixes
    assert [r["id"] for r in store.search('"union leader" OR grain')] in (["d1", "d2"], ["d2", "d1"])
    assert [r["id"] for r in store.search('strike"')] == ["d1"]  # unbalanced quote: searched as words


def test_entities_are_counted_across_documents(store):
    store.write([record(), record("d2", TEXT + " Sanne Vos met the mayor.")])
    (row,) = store.entities(type="person")
    assert (row["name"], row["type"], row["documents"], row["mentions"]) == ("Sanne Vos", "PERSON", 2, 2)


def test_a_database_of_another_schema_is_refused(tmp_path):
    path = str(tmp_path / "old.db")
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="schema 0"):
        Store(path)


def test_wal_mode_is_on(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_quotes_are_found_by_speaker_and_by_words(store):
    store.write([record(), record("d2", "Grain prices rose sharply in Chicago on Monday.")])
    (row,) = store.quotes(speaker="vos")
    assert (row["speaker"], row["text"], row["kind"], row["cue"]) == ("Sanne Vos", "the strike would last a week", "indirect", "said")
    assert row["speaker_entity"] == "d1/e1" and row["published"] == "2026-05-01" and row["source_path"] == "a.txt"
    assert [r["doc_id"] for r in store.quotes(search="strike week")] == ["d1"]
    assert store.quotes(search="grain") == [] and store.quotes(speaker="Mayor") == []
    assert [r["doc_id"] for r in store.quotes(search='strike"')] == ["d1"]  # unbalanced quote: searched as words


def test_a_schema_1_database_gains_the_quotes_table_and_keeps_its_documents(tmp_path):
    path = str(tmp_path / "v1.db")
    with Store(path) as old:
        old.write([record()])
    conn = sqlite3.connect(path)
    conn.executescript("DROP VIEW dyads; DROP TABLE events; DROP TABLE quotes_fts; DROP TABLE quotes;"
                       " UPDATE meta SET value = '1' WHERE key = 'schema_version';")
    conn.close()
    upgraded = connect(path)
    version = upgraded.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION) and upgraded.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 0
    assert upgraded.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    upgraded.close()
