import sqlite3

import pytest

from newsgraph.events.codes import plover_of, root_of
from newsgraph.record import Entity, Event, EventActor, Mention, Record, Source
from newsgraph.store import SCHEMA_VERSION, Store

SHELLING = ("Russian artillery shelled the Ukrainian town of Pryluzhne on Monday and Ukrainian troops fired back, "
            "regional officials said. Defence Minister Olena Hrytsenko said Ukraine would not strike targets inside "
            "Russia. NATO envoys met Ukrainian officials in Brussels on 4 March.")
DRONES = "Russian drones struck Pryluzhne again overnight, the mayor said. Volunteers may deliver generators to the town on Friday."
AIRSPACE = "Belarusian officials accused Poland of violating its airspace."


def actor(text, words, code, entity=None):
    start = text.index(words)
    return EventActor(words, code, entity, start, start + len(words))


def event(text, sentence, cue, code, source, target, **marks):
    """An event coded by hand: `sentence` is the evidence, `cue` its first occurrence there."""
    start = text.index(sentence)
    cue_start = text.index(cue, start)
    root = root_of(code)
    return Event(code, root.code, plover_of(code), root.quad_class, root.goldstein, source, target,
                 start, start + len(sentence), cue, cue_start, cue_start + len(cue), **marks)


def shelling():
    """Four events: two in one sentence (the second undated), a refusal by a named minister, a dated meeting."""
    t = SHELLING
    first = t[:t.index(" Defence")]
    second = t[t.index("Defence"):t.index(" NATO")]
    third = t[t.index("NATO"):]
    minister = t.index("Olena Hrytsenko")
    return Record(
        id="d1", source=Source("shelling.html", "html", url="https://news.example/pryluzhne"),
        title="Artillery Hits Pryluzhne", published="2026-03-02", language="en", text=t,
        entities=[Entity("e1", "Olena Hrytsenko", "PERSON", ["Defence Minister"],
                         [Mention(minister, minister + 15, "Olena Hrytsenko")])],
        events=[
            event(t, first, "shelled", "194", actor(t, "Russian artillery", "RUSMIL"),
                  actor(t, "the Ukrainian town of Pryluzhne", "UKR"), confidence=0.9, date="2026-03-02"),
            event(t, first, "fired back", "190", actor(t, "Ukrainian troops", "UKRMIL"),
                  actor(t, "Russian artillery", "RUSMIL"), confidence=0.6),
            event(t, second, "strike", "190", actor(t, "Olena Hrytsenko", "UKRGOV", "e1"), actor(t, "Russia", "RUS"),
                  negated=True, confidence=0.7),
            event(t, third, "met", "040", actor(t, "NATO envoys", "NATO"), actor(t, "Ukrainian officials", "UKRGOV"),
                  confidence=0.8, date="2026-03-04"),
        ],
    )


def drones():
    """A strike the night before publication, and a hypothetical delivery by uncoded actors."""
    t = DRONES
    first = t[:t.index(" Volunteers")]
    second = t[t.index("Volunteers"):]
    return Record(
        id="d2", source=Source("feeds/night.txt", "txt"), title="Drones Over Pryluzhne", published="2026-03-03",
        language="en", text=t,
        events=[
            event(t, first, "struck", "183", actor(t, "Russian drones", "RUSMIL"), actor(t, "Pryluzhne", "UKR"),
                  date="2026-03-02"),
            event(t, second, "deliver", "070", actor(t, "Volunteers", None), actor(t, "the town", None),
                  hypothetical=True),
        ],
    )


def airspace():
    """An accusation in a document without a date."""
    t = AIRSPACE
    return Record(id="d3", source=Source("c.txt", "txt"), title=None, published=None, language="en", text=t,
                  events=[event(t, t, "accused", "112", actor(t, "Belarusian officials", "BLRGOV"),
                                actor(t, "Poland", "POL"))])


def news():
    return [shelling(), drones(), airspace()]


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "t.db")) as s:
        s.write(news())
        yield s


def ids(rows):
    return [r["id"] for r in rows]


def test_a_record_with_events_reads_back_as_the_same_json(store):
    for record in news():
        assert store.record(record.id) == record.to_dict()
    assert store.counts()["events"] == 7


def test_events_keep_their_sentence_entity_and_country(store):
    rows = {r["id"]: r for r in store.conn.execute("SELECT * FROM events")}
    refusal = rows["d1/v3"]
    assert refusal["evidence"] == "Defence Minister Olena Hrytsenko said Ukraine would not strike targets inside Russia."
    assert refusal["source_entity"] == "d1/e1" and refusal["negated"] == 1 and refusal["hypothetical"] == 0
    name = store.conn.execute("SELECT name FROM entities WHERE id = ?", (refusal["source_entity"],)).fetchone()[0]
    assert name == "Olena Hrytsenko"
    assert (rows["d1/v1"]["source_country"], rows["d1/v1"]["target_country"]) == ("RUS", "UKR")
    assert (rows["d1/v4"]["source_country"], rows["d1/v4"]["target_country"]) == ("NATO", "UKR")
    assert rows["d2/v2"]["source_country"] is None and rows["d2/v2"]["target_entity"] is None


def test_dyads_count_a_day_per_pair_without_negated_events(store):
    dyads = store.conn.execute("SELECT * FROM dyads ORDER BY day IS NULL, day, source, target").fetchall()
    assert [tuple(d) for d in dyads] == [
        ("2026-03-02", "RUS", "UKR", 2, -9.5),  # shelling and drones; the drones' document is of the next day
        ("2026-03-02", "UKR", "RUS", 1, -10.0),  # firing back; "would not strike" is not counted
        ("2026-03-04", "NATO", "UKR", 1, 1.0),
        (None, "BLR", "POL", 1, -2.0),  # neither the event nor its document has a date
    ]


def test_events_are_listed_by_day_document_and_place(store):
    rows = store.events()
    assert ids(rows) == ["d1/v1", "d1/v2", "d1/v3", "d2/v1", "d2/v2", "d1/v4", "d3/v1"]
    assert [r["day"] for r in rows] == ["2026-03-02"] * 4 + ["2026-03-03", "2026-03-04", None]
    assert [r["first_in_sentence"] for r in rows[:3]] == [1, 0, 1]
    assert (rows[0]["title"], rows[0]["url"], rows[3]["source_path"]) == (
        "Artillery Hits Pryluzhne", "https://news.example/pryluzhne", "feeds/night.txt")
    assert ids(store.events(limit=2)) == ["d1/v1", "d1/v2"]


def test_an_actor_is_a_code_prefix_or_part_of_a_name(store):
    assert ids(store.events(actor="ukr")) == ["d1/v1", "d1/v2", "d1/v3", "d2/v1", "d1/v4"]
    assert ids(store.events(actor="UKRGOV")) == ["d1/v3", "d1/v4"]
    assert ids(store.events(actor="nato")) == ["d1/v4"]
    assert ids(store.events(actor="Hrytsenko")) == ["d1/v3"]
    assert ids(store.events(actor="volunteer")) == ["d2/v2"]
    assert store.events(actor="Moldova") == []


def test_a_dyad_has_a_direction(store):
    assert ids(store.events(dyad="RUS:UKR")) == ["d1/v1", "d2/v1"]
    assert ids(store.events(dyad="ukr:rus")) == ["d1/v2", "d1/v3"]
    assert ids(store.events(dyad="UKR:RUSMIL")) == ["d1/v2"]
    assert ids(store.events(dyad=":POL")) == ["d3/v1"]
    assert ids(store.events(dyad="Hrytsenko:Russia")) == ["d1/v3"]
    with pytest.raises(ValueError, match="SOURCE:TARGET"):
        store.events(dyad="UKR-RUS")


def test_quad_root_and_since_filter(store):
    assert ids(store.events(quad=1)) == ["d1/v4"]
    assert ids(store.events(quad=2)) == ["d2/v2"]
    assert ids(store.events(root="18")) == ["d2/v1"]
    # an undated event counts from its document's day; an undated document's events never pass
    assert ids(store.events(since="2026-03-03")) == ["d2/v2", "d1/v4"]
    assert ids(store.events(actor="RUS", quad=4, since="2026-03-02", root="19")) == ["d1/v1", "d1/v2", "d1/v3"]


def test_a_schema_2_database_is_upgraded_and_takes_events(tmp_path):
    path = str(tmp_path / "v2.db")
    old_record = shelling()
    old_record.events = []
    with Store(path) as old:
        old.write([old_record])
    conn = sqlite3.connect(path)
    conn.executescript("DROP VIEW dyads; DROP TABLE events; UPDATE meta SET value = '2' WHERE key = 'schema_version';")
    conn.close()
    with Store(path) as upgraded:
        version = upgraded.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert version == str(SCHEMA_VERSION) == "4"
        assert upgraded.record("d1") == old_record.to_dict()
        assert upgraded.write([drones()]) == {"stored": 1}
        assert upgraded.record("d2") == drones().to_dict()
        assert ids(upgraded.events()) == ["d2/v1", "d2/v2"]
        assert [tuple(d) for d in upgraded.conn.execute("SELECT source, target, events FROM dyads")] == [("RUS", "UKR", 1)]
