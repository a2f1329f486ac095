import gzip

import pytest

from newsgraph import pipeline
from newsgraph.pipeline import Options, document_id, normalize_url, process
from newsgraph.record import Failure, RawDocument, Record, Source

STORY = (
    "Harbour Talks Collapse After Union Rejects Offer\n"
    "Union leader Sanne de Vries said on Monday that dockworkers in Rotterdam would strike for a second week. "
    "De Vries told reporters the operators had not improved their offer.\n"
    "Dutch Prime Minister Hendrik Vos urged both sides to return to mediation.\n"
)
FRENCH = ("Grève des transports\nLe trafic ferroviaire était très perturbé vendredi à Paris et à Lyon, au deuxième jour "
          "d'une grève contre la réforme des retraites. Les syndicats appellent à une nouvelle journée de mobilisation.\n")


def raw(content, kind="text", path="story.txt", **kw):
    return RawDocument(source=Source(path, "txt" if kind == "text" else "html"), content=content, kind=kind, **kw)


def test_the_seed_page_becomes_a_clean_record_with_its_entities(seed_text):
    (record,) = process([raw(seed_text)])
    assert record.title == seed_text.splitlines()[0]
    assert record.text.splitlines() == seed_text.splitlines()[1:20]
    assert len(record.removed) == 7 and all(r.reason for r in record.removed)
    assert any("is focusing on:" in flag for flag in record.flags)
    assert record.language == "en"
    people = {e.name: e for e in record.entities if e.type == "PERSON"}
    assert "Ukrainian President" in people["Volodymyr Zelenskyy"].titles
    assert "Vladimir Putin" in people and "Donald Trump" in people
    teaser_names = {"Ramesh Damani", "KEC International", "IndiGo", "SAIL"}
    assert not teaser_names & {e.name for e in record.entities}  # removed boilerplate yields no entities


def test_every_mention_points_at_its_text():
    (record,) = process([raw(STORY)])
    assert record.entities
    for entity in record.entities:
        for m in entity.mentions:
            assert record.text[m.start:m.end] == m.text


def test_as_is_keeps_the_input_as_the_body():
    (record,) = process([raw(STORY)], Options(as_is=True))
    assert record.text == STORY and record.title is None
    assert any(e.name == "Sanne de Vries" for e in record.entities)


def test_a_document_not_in_english_is_stored_with_its_language_and_no_entities():
    (record,) = process([raw(FRENCH)])
    assert record.language == "fr" and record.entities == []
    assert any(flag.startswith("not English (fr)") for flag in record.flags)


def test_failures_pass_through_and_a_broken_stage_fails_only_its_document(monkeypatch):
    real = pipeline.find_entities

    def flaky(doc):
        if "Rotterdam" in doc.text:
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(pipeline, "find_entities", flaky)
    upstream = Failure(None, Source("x.jsonl", "jsonl", line=2), "invalid JSON: x")
    other = "Grain Prices Rise\nGrain prices rose in Chicago on Tuesday after the harvest report.\n"
    outcomes = process([raw(STORY), upstream, raw(other, path="other.txt")])
    assert isinstance(outcomes[0], Failure) and outcomes[0].error == "entities failed: RuntimeError: boom"
    assert outcomes[1] is upstream
    assert isinstance(outcomes[2], Record)


def test_a_page_with_no_article_is_a_failure():
    (outcome,) = process([raw("<html><body><nav><a href='/'>Home</a></nav></body></html>", kind="html", path="x.html")])
    assert isinstance(outcome, Failure) and outcome.error.startswith("no article")


def test_a_long_document_is_parsed_in_pieces_with_exact_offsets():
    body = "\n".join(f"Paragraph {i}: Union leader Sanne de Vries met Hendrik Vos in Rotterdam on day {i}." for i in range(4000))
    (record,) = process([raw(body)], Options(as_is=True))
    assert len(body) > 3 * pipeline.nlp.PIECE_CHARS
    vries = [e for e in record.entities if e.name == "Sanne de Vries"]
    assert vries and len(vries[0].mentions) > 3000
    last = max(m.start for m in vries[0].mentions)
    assert last > len(body) - 200 and body[last:last + 14] == "Sanne de Vries"


def test_ids_come_from_the_given_id_then_the_url_then_the_content(tmp_path):
    assert document_id("wire-1", "https://a.example/x", STORY) == "wire-1"
    by_url = document_id(None, "https://www.a.example/news/x/?utm_source=feed#top", "one text")
    assert by_url == document_id(None, "https://a.example/news/x", "another text")
    assert document_id(None, None, STORY) == document_id(None, None, STORY.replace("\n", "\r\n"))
    assert document_id(None, None, STORY) != document_id(None, None, STORY + "More.")
    assert normalize_url("HTTPS://WWW.A.example/x/?b=1&utm_medium=x") == "https://a.example/x?b=1"


def test_the_same_page_read_twice_gets_one_id(tmp_path):
    from newsgraph.sources import Sources

    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    first, second = process(list(Sources([str(tmp_path)])))
    assert first.id == second.id


def test_already_known_documents_are_not_analysed_again():
    (record,) = process([raw(STORY)])
    (again,) = process([raw(STORY)], known={record.id}.__contains__)
    assert isinstance(again, pipeline.Known) and again.id == record.id
