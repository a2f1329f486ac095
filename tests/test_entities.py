"""The entities stage on real text: a paragraph written for these tests and the seed page."""
import pytest

from newsgraph.entities import find_entities
from newsgraph.nlp import parse

STORY = (
    "Canadian Prime Minister Elena Marchetti met Senator Tomas Hradek in Ottawa on Monday. "
    "Marchetti’s office said the talks covered the summit of the North Atlantic Treaty "
    "Organization (NATO) in Lisbon next month. Hradek told reporters that NATO members "
    "would discuss Swedish proposals there, and that Marchetti had agreed with him.\n"
    "President Gomez, who leads the delegation, arrived in Lisbon on Sunday."
)


def entities_of(nlp, text):
    return find_entities(next(parse(nlp, [text])))


def by_name(entities):
    return {e.name: e for e in entities}


def names_of(entity):
    """The texts of an entity's name mentions (its pronouns are tested in test_entities_pronouns)."""
    return [m.text for m in entity.mentions if m.kind == "name"]


@pytest.fixture(scope="module")
def story(nlp):
    return entities_of(nlp, STORY)


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    body = "\n".join(seed_text.splitlines()[1:20])
    return body, entities_of(nlp, body)


def test_titled_person_with_surname_repeats_and_possessive(story):
    marchetti = by_name(story)["Elena Marchetti"]
    assert marchetti.type == "PERSON"
    assert marchetti.titles == ["Canadian Prime Minister"]
    assert names_of(marchetti) == ["Elena Marchetti", "Marchetti", "Marchetti"]


def test_honorific_title_and_title_inside_the_span(story):
    names = by_name(story)
    assert names["Tomas Hradek"].titles == ["Senator"]
    assert names_of(names["Tomas Hradek"]) == ["Tomas Hradek", "Hradek"]
    assert names["Gomez"].type == "PERSON" and names["Gomez"].titles == ["President"]


def test_acronym_joins_its_expansion(story):
    nato = by_name(story)["North Atlantic Treaty Organization"]
    assert nato.type == "ORG"
    assert names_of(nato) == ["North Atlantic Treaty Organization", "NATO", "NATO"]


def test_places_and_nationality(story):
    names = by_name(story)
    assert names["Ottawa"].type == "PLACE"
    assert names["Lisbon"].type == "PLACE" and len(names["Lisbon"].mentions) == 2
    assert names["Swedish"].type == "GROUP"


def test_ids_order_and_offsets(story):
    assert [e.id for e in story] == [f"e{i}" for i in range(1, len(story) + 1)]
    firsts = [e.mentions[0].start for e in story]
    assert firsts == sorted(firsts)
    for entity in story:
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        for mention in entity.mentions:
            assert STORY[mention.start : mention.end] == mention.text
            assert mention.kind in {"name", "pronoun"}


def test_seed_people_with_titles(seed):
    body, entities = seed
    names = by_name(entities)
    zelenskyy = names["Volodymyr Zelenskyy"]
    assert zelenskyy.type == "PERSON" and zelenskyy.titles == ["Ukrainian President"]
    texts = set(names_of(zelenskyy))
    assert texts == {"Volodymyr Zelenskyy", "Zelenskyy"}
    assert any(body[m.end : m.end + 2] == "’s" for m in zelenskyy.mentions)  # "Zelenskyy’s" -> "Zelenskyy"
    putin = names["Vladimir Putin"]
    assert putin.type == "PERSON" and putin.titles == ["Russian President"]
    trump = names["Donald Trump"]
    assert trump.type == "PERSON" and trump.titles == ["former U.S. President"]
    assert names_of(trump).count("Trump") >= 3


def test_seed_organisations_and_places(seed):
    _, entities = seed
    names = by_name(entities)
    assert names["NATO"].type == "ORG"
    assert names["Congress"].type == "ORG"
    for place in ("Ukraine", "Russia", "Kyiv", "Moscow", "Washington"):
        assert names[place].type == "PLACE", place
    assert not any(e.name.startswith("Zelenskyy") and e is not names["Volodymyr Zelenskyy"] for e in entities)


def test_title_swallowed_into_an_organisation_span_is_split_off_the_person(nlp):
    text = ("United Nations Special Envoy Amara Okonkwo opened the talks in Geneva on Monday. "
            "Okonkwo said both sides had agreed to a week of quiet.")
    okonkwo = by_name(entities_of(nlp, text))["Amara Okonkwo"]
    assert okonkwo.type == "PERSON" and okonkwo.titles == ["United Nations Special Envoy"]
    assert names_of(okonkwo) == ["Amara Okonkwo", "Okonkwo"]


def test_a_name_cut_in_two_is_joined_when_its_bracketed_acronym_spells_it(nlp):
    text = ("Monitors from the Organization for Security and Co-operation in Europe (OSCE) "
            "arrived on Tuesday. The OSCE said its team would stay for a month.")
    osce = by_name(entities_of(nlp, text))["Organization for Security and Co-operation in Europe"]
    assert osce.type == "ORG" and names_of(osce)[-2:] == ["OSCE", "OSCE"]
