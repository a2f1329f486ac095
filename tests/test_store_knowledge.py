import sqlite3

import pytest
from test_store_events import actor, event

from newsgraph.record import (Amount, DateMention, Entity, Mention, Place, Quote, Record, SentenceTone, Source, Theme,
                              ThemeMatch, Tone)
from newsgraph.store import SCHEMA_VERSION, Store

FLOODS = ('Flooding forced 12,000 people from their homes in Porto Alegre on 3 May, the Civil Defence agency said. '
          'The government in Brasília pledged R$5 billion in relief, and the governor of Texas sent boats from Houston. '
          'Rescue teams from Germany joined them. '
          '"We have never seen water this high," said Mayor Carla Souza. She asked for more tents. '
          'Inflation in Brazil rose 4.5% last year.')
PRICES = ("Prices in Argentina rose 211% in 2023, the statistics agency in Buenos Aires said. Wages fell in March. "
          "Talks with the IMF are set for 6 to 10 May, and the recovery could take three years.")
HOLIDAY = "Markets were closed for the holiday."


def at(text, words, after=0):
    """The [start, end) of the first `words` in `text` from `after`."""
    start = text.index(words, after)
    return start, start + len(words)


def place(text, words, name, kind, geonames_id, country, admin1, lat, lon, metonym=False):
    return Place(*at(text, words), words, name, kind, geonames_id, country, admin1, lat, lon, metonym, 0.9)


def date(text, words, value, resolution, relative=False):
    return DateMention(*at(text, words), words, value, resolution, relative)


def amount(text, words, value, unit, currency=None, object=None):
    return Amount(*at(text, words), words, value, unit, currency, object)


def sentences(text):
    """The sentences of a text written for these tests: each ends with ". " or at the end."""
    spans, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        spans.append((start, end))
        start = end + 1
    return spans


def theme(text, name, label, *words):
    matches = []
    for w in words:
        start, end = at(text, w)
        sentence = next(s for s in sentences(text) if s[0] <= start < s[1])
        matches.append(ThemeMatch(start, end, w, *sentence))
    return Theme(name, label, matches)


def floods():
    """Every kind of fact: places of each GDELT type, a metonym, dates, amounts, tone, themes, events with places."""
    t = FLOODS
    souza, she, agency = at(t, "Carla Souza"), at(t, "She"), at(t, "Civil Defence")
    quote_start, quote_end = at(t, "We have never seen water this high,")
    cue = at(t, "said", quote_end)
    places = [
        place(t, "Porto Alegre", "Porto Alegre", "city", 3452925, "BR", "Rio Grande do Sul", -30.03283, -51.23019),
        place(t, "Brasília", "Brasília", "city", 3469058, "BR", "Federal District", -15.77972, -47.92972, metonym=True),
        place(t, "Texas", "Texas", "admin1", 4736286, "US", None, 31.25044, -99.25061),
        place(t, "Houston", "Houston", "city", 4699066, "US", "Texas", 29.76328, -95.36327),
        place(t, "Germany", "Germany", "country", 2921044, "DE", None, 51.5, 10.5),
        place(t, "Brazil", "Brazil", "country", 3469034, "BR", None, -10.0, -55.0),
    ]
    pledge = t[t.index("The government"):t.index(" Rescue")]
    return Record(
        id="d1", source=Source("floods.html", "html", url="https://www.noticias.example.br/rs/enchentes"),
        title="Floods drive 12,000 from Porto Alegre", published="2024-05-04T09:30:00+02:00", language="en", text=t,
        entities=[Entity("e1", "Carla Souza", "PERSON", ["Mayor"],
                         [Mention(*souza, "Carla Souza"), Mention(*she, "She", "pronoun")], tone=-0.31),
                  Entity("e2", "Civil Defence", "ORG", [], [Mention(*agency, "Civil Defence")])],
        quotes=[Quote(quote_start, quote_end, t[quote_start:quote_end], "direct", [(quote_start, quote_end)],
                      "Carla Souza", "e1", *souza, "said", *cue, tone=-0.45)],
        events=[
            event(t, pledge, "pledged", "033", actor(t, "The government in Brasília", "BRAGOV"), None,
                  confidence=0.7, place=places[1]),
            event(t, pledge, "sent", "073", actor(t, "the governor of Texas", "USAGOV"), None,
                  confidence=0.6, place=places[3]),
        ],
        places=places,
        dates=[date(t, "on 3 May", "2024-05-03", "day", relative=True),
               date(t, "last year", "2023", "year", relative=True)],
        amounts=[amount(t, "12,000 people", 12000, "people"),
                 amount(t, "R$5 billion", 5e9, "currency", "BRL", "relief"),
                 amount(t, "4.5%", 4.5, "percent", object="inflation")],
        tone=Tone(-2.85, 1.43, 4.28, 5.71, 18.6, 1.43, 70, -0.6124),
        sentence_tones=[SentenceTone(s, e, v) for (s, e), v in zip(sentences(t), (-0.5, 0.2, 0.0, -0.3, 0.1, 0.0))],
        themes=[theme(t, "NATURAL_DISASTER_FLOODS", "Floods", "Flooding", "water"),
                theme(t, "ECON_INFLATION", "Inflation", "Inflation")],
    )


def prices():
    """A year, a month, a range and a duration; no tone; the same inflation theme as `floods`."""
    t = PRICES
    imf = at(t, "IMF")
    return Record(
        id="d2", source=Source("prices.html", "html", url="https://example.com.ar/economia/precios"),
        title="Argentine prices", published="2024-04-12", language="en", text=t,
        entities=[Entity("e1", "International Monetary Fund", "ORG", [], [Mention(*imf, "IMF")])],
        places=[place(t, "Argentina", "Argentina", "country", 3865483, "AR", None, -34.0, -64.0),
                place(t, "Buenos Aires", "Buenos Aires", "city", 3435910, "AR", "Buenos Aires F.D.", -34.61315, -58.37723)],
        dates=[date(t, "2023", "2023", "year"),
               date(t, "in March", "2024-03", "month", relative=True),
               date(t, "6 to 10 May", "2024-05-06/2024-05-10", "range", relative=True),
               date(t, "three years", "P3Y", "duration")],
        amounts=[amount(t, "211%", 211, "percent", object="prices")],
        themes=[theme(t, "ECON_INFLATION", "Inflation", "Prices")],
    )


def holiday():
    """A document in which no stage found anything."""
    return Record(id="d3", source=Source("notes/brief.txt", "txt"), title=None, published=None, language="en",
                  text=HOLIDAY)


def knowledge():
    return [floods(), prices(), holiday()]


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "t.db")) as s:
        s.write(knowledge())
        yield s


def values(rows, *columns):
    return [tuple(r[c] for c in columns) if len(columns) > 1 else r[columns[0]] for r in rows]


def test_every_new_field_reads_back_as_the_same_json(store):
    for record in knowledge():
        assert store.record(record.id) == record.to_dict()
    assert store.load("d1").events[0].place.name == "Brasília" and store.load("d1").tone.word_count == 70
    counts = store.counts()
    assert (counts["places"], counts["dates"], counts["amounts"], counts["themes"]) == (8, 6, 4, 3)


def test_tables_keep_the_facts_and_their_documents(store):
    conn = store.conn
    assert values(conn.execute("SELECT * FROM places WHERE doc_id = 'd1' ORDER BY number"), "number", "name", "metonym")[:2] == [
        (1, "Porto Alegre", 0), (2, "Brasília", 1)]
    assert [tuple(r) for r in conn.execute("SELECT tone, word_count, vader FROM tones")] == [(-2.85, 70, -0.6124)]
    assert conn.execute("SELECT COUNT(*) FROM sentence_tones WHERE doc_id = 'd1'").fetchone()[0] == 6
    assert values(conn.execute("SELECT tone FROM quotes"), "tone") == [-0.45]
    assert values(conn.execute("SELECT name, tone FROM entities WHERE doc_id = 'd1' ORDER BY name"), "name", "tone") == [
        ("Carla Souza", -0.31), ("Civil Defence", None)]
    pledge, sent = conn.execute("SELECT * FROM events WHERE doc_id = 'd1' ORDER BY rowid").fetchall()
    assert (pledge["place_name"], pledge["place_country"], pledge["place_geonames_id"], pledge["place_metonym"]) == (
        "Brasília", "BR", 3469058, 1)
    assert (sent["place_name"], sent["place_lat"], sent["place_lon"]) == ("Houston", 29.76328, -95.36327)


def test_theme_index_counts_documents_and_matches(store):
    assert [tuple(r) for r in store.themes()] == [("ECON_INFLATION", "Inflation", 2, 2),
                                                  ("NATURAL_DISASTER_FLOODS", "Floods", 1, 2)]
    assert [tuple(r) for r in store.themes(limit=1)] == [("ECON_INFLATION", "Inflation", 2, 2)]


def test_theme_matches_come_with_their_sentence(store):
    rows = store.theme_matches("natural_disaster")
    assert values(rows, "text", "sentence") == [
        ("Flooding", FLOODS[:FLOODS.index(" The government")]),
        ("water", '"We have never seen water this high," said Mayor Carla Souza.')]
    assert values(store.theme_matches("econ_inflation"), "doc_id", "text") == [("d1", "Inflation"), ("d2", "Prices")]
    assert store.theme_matches("ECON_TAX") == []


def test_places_filter_by_country_name_and_kind(store):
    rows = store.places()
    assert values(rows, "doc_id", "name")[:3] == [("d1", "Porto Alegre"), ("d1", "Brasília"), ("d1", "Texas")]
    assert len(rows) == 8 and rows[0]["title"] == "Floods drive 12,000 from Porto Alegre"
    brazil = ["Porto Alegre", "Brasília", "Brazil"]
    assert values(store.places(country="br"), "name") == brazil
    assert values(store.places(country="Brazil"), "name") == brazil
    assert values(store.places(country="BRA"), "name") == brazil
    assert values(store.places(kind="country"), "name") == ["Germany", "Brazil", "Argentina"]
    assert values(store.places(name="buenos"), "name") == ["Buenos Aires"]
    assert values(store.places(country="US", kind="city"), "name") == ["Houston"]
    assert store.places(country="Atlantis") == [] and len(store.places(limit=2)) == 2


def test_the_words_around_a_mention_are_a_window_of_its_document(store):
    (row,) = store.places(name="Germany")
    start = row["around_start"]
    assert start == row["start"] - 60
    assert row["around"] == FLOODS[start:row["end"] + 60]
    (first,) = store.amounts(unit="people")
    assert first["around_start"] == 0 and first["around"].startswith("Flooding forced")


def test_dates_are_a_timeline_and_filter_by_overlap(store):
    assert values(store.dates(), "doc_id", "value") == [
        ("d1", "2023"), ("d2", "2023"), ("d2", "2024-03"), ("d1", "2024-05-03"), ("d2", "2024-05-06/2024-05-10"),
        ("d2", "P3Y")]
    assert values(store.dates(since="2024-03-15"), "value") == ["2024-03", "2024-05-03", "2024-05-06/2024-05-10"]
    assert values(store.dates(since="2024-05-04"), "value") == ["2024-05-06/2024-05-10"]
    assert values(store.dates(until="2024-03-01"), "value") == ["2023", "2023", "2024-03"]
    assert values(store.dates(since="2024-05-08", until="2024-05-09"), "value") == ["2024-05-06/2024-05-10"]
    assert values(store.dates(since="2023-12-31", until="2023-12-31"), "value") == ["2023", "2023"]
    assert store.dates(since="2025-01-01") == []


def test_amounts_filter_by_currency_unit_and_least_value(store):
    assert values(store.amounts(), "doc_id", "value") == [("d1", 12000), ("d1", 5e9), ("d1", 4.5), ("d2", 211)]
    (relief,) = store.amounts(currency="brl")
    assert (relief["text"], relief["object"], relief["unit"]) == ("R$5 billion", "relief", "currency")
    assert values(store.amounts(unit="Percent"), "value") == [4.5, 211]
    assert values(store.amounts(least=200), "value") == [12000, 5e9, 211]
    assert values(store.amounts(unit="percent", least=200), "text") == ["211%"]
    assert store.amounts(currency="EUR") == []


def test_events_carry_their_documents_tone(store):
    assert values(store.events(), "doc_id", "document_tone") == [("d1", -2.85), ("d1", -2.85)]


def schema_3(path):
    """Make the database at `path` what schema 3 was: no tables or columns of places, dates, amounts, tone, themes."""
    conn = sqlite3.connect(path)
    for table in ("places", "dates", "amounts", "tones", "sentence_tones", "theme_matches"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP VIEW theme_index")
    conn.execute("DROP TABLE themes")
    columns = {"entities": ["tone"], "quotes": ["tone"],
               "events": [r[1] for r in conn.execute("PRAGMA table_info(events)") if r[1].startswith("place_")]}
    for table, names in columns.items():
        for name in names:
            conn.execute(f'ALTER TABLE {table} DROP COLUMN "{name}"')
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def test_a_schema_3_database_is_upgraded_in_place(tmp_path):
    path = str(tmp_path / "v3.db")
    old = floods()
    old.places, old.dates, old.amounts, old.tone, old.sentence_tones, old.themes = [], [], [], None, [], []
    old.entities[0].tone = old.quotes[0].tone = None
    for e in old.events:
        e.place = None
    with Store(path) as before:
        before.write([old])
    schema_3(path)
    with sqlite3.connect(path) as conn:
        assert "tone" not in {r[1] for r in conn.execute("PRAGMA table_info(quotes)")}
    with Store(path) as upgraded, Store(str(tmp_path / "new.db")) as fresh:
        version = upgraded.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert version == str(SCHEMA_VERSION) == "4"
        for table in ("entities", "quotes", "events"):  # the same columns in the same order as a new database's
            layout = f"PRAGMA table_info({table})"
            assert list(map(tuple, upgraded.conn.execute(layout))) == list(map(tuple, fresh.conn.execute(layout)))
        assert upgraded.record("d1") == old.to_dict()
        assert upgraded.write([prices()]) == {"stored": 1}
        assert upgraded.record("d2") == prices().to_dict()
        assert [tuple(r) for r in upgraded.themes()] == [("ECON_INFLATION", "Inflation", 1, 1)]
    with Store(path) as again:  # opening an upgraded database changes nothing
        assert again.record("d2") == prices().to_dict()
