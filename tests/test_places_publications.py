"""The corpus pass: a publication's other articles say where its bare town names are."""
import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.entities import find_entities
from newsgraph.places import find_places
from newsgraph.pipeline import process
from newsgraph.places.publications import Article, publication, refine, refine_records
from newsgraph.record import RawDocument, Source
from newsgraph.store import Store

PAPER = "https://www.valley-courier.example.com/local/"
# Two stories that say where the paper is, and one that names only its town.
STORIES = [
    "The McMinn County Commission met Monday in Athens, Tenn., to discuss the budget. Commissioners said "
    "the jail in Athens needs repairs, and residents of Etowah and Englewood asked for new roads.",
    "The McMinn County school board approved a bus route for Etowah and Riceville on Tuesday. "
    "The board meets again next month in Athens.",
    "Police arrested two men in Athens on Friday after a chase, the sheriff said.",
]


@pytest.fixture
def articles(nlp):
    def make(url_of):
        found = []
        for i, text in enumerate(STORIES):
            doc = nlp(text)
            found.append(Article(text, find_places(doc, find_entities(doc), url_of(i)), url_of(i)))
        return found
    return make


def athens(places):
    return next(p for p in places if p.text == "Athens")


def test_a_bare_town_takes_the_state_of_its_papers_other_stories(articles):
    found = articles(lambda i: f"{PAPER}{i}")
    assert athens(found[2].places).country == "GR"  # on its own: the capital of Greece
    refined = refine(found)
    town = athens(refined[2])
    assert town.country == "US" and town.admin1 == "Tennessee" and abs(town.lat - 35.44) < 0.2
    assert all(p.admin1 == "Tennessee" for p in refined[1] if p.kind in ("city", "admin2"))


def test_articles_of_different_publications_do_not_mix(articles):
    found = articles(lambda i: f"https://paper{i}.example.org/story")
    refined = refine(found)
    assert refined == [a.places for a in found]
    assert athens(refined[2]).country == "GR"


def test_records_and_their_events_move_together():
    records = process([RawDocument(Source(None, "text", url=f"{PAPER}{i}"), text, "text")
                       for i, text in enumerate(STORIES)])
    [arrest] = [e for e in records[2].events if e.place is not None]
    assert arrest.place.country == "GR"
    refine_records(records)
    assert (arrest.place.country, arrest.place.admin1) == ("US", "Tennessee")
    assert athens(records[2].places) is arrest.place


def test_publication_is_the_host_without_www():
    assert publication("https://www.valley-courier.example.com/local/3") == "valley-courier.example.com"
    assert publication("http://news.example.co.uk/a") == "news.example.co.uk"
    assert publication(None) is None and publication("not a url") is None


def test_build_moves_the_stored_place_and_its_events(tmp_path):
    source = tmp_path / "paper.jsonl"
    source.write_text("".join(json.dumps({"url": f"{PAPER}{i}", "title": f"Story {i}", "text": text}) + "\n"
                              for i, text in enumerate(STORIES)), encoding="utf-8")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["build", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "places moved by their publication's other articles: 1" in result.output
    with Store(str(db)) as store:
        rows = store.conn.execute("SELECT p.country, p.admin1 FROM places p JOIN documents d ON d.id = p.doc_id"
                                  " WHERE d.url = ? AND p.text = 'Athens'", (f"{PAPER}2",)).fetchall()
        assert [tuple(r) for r in rows] == [("US", "Tennessee")]
        events = store.conn.execute("SELECT e.place_country, e.place_admin1 FROM events e JOIN documents d"
                                    " ON d.id = e.doc_id WHERE d.url = ? AND e.place_text = 'Athens'",
                                    (f"{PAPER}2",)).fetchall()
        assert [tuple(r) for r in events] == [("US", "Tennessee")]
        assert store.refine_places() == 0  # a second pass finds nothing more to move
