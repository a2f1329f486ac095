"""The event coder over parsed text: actions, actors and their codes, negation, modality, dates."""
import pytest

from newsgraph.entities import find_entities
from newsgraph.events import find_events
from newsgraph.events.lexicon import EventLexicon, LexiconError
from newsgraph.events.model import EventModel, shipped

HEADLINE = "World news.\n\n"  # a first line is read as a headline (its full stop keeps spaCy from joining it to the body)


def events(nlp, body, published=None):
    doc = nlp(HEADLINE + body)
    return doc.text, find_events(doc, find_entities(doc), published)


def one(found, root):
    matching = [e for e in found if e.root == root]
    assert matching, f"no event of root {root} in {[(e.code, e.cue) for e in found]}"
    return matching[0]


def test_a_nominal_attack_between_two_countries(nlp):
    text, found = events(nlp, "Russian forces launched missile strikes on Ukrainian cities overnight, officials in Kyiv said.")
    strike = one(found, "19")
    assert strike.quad_class == 4 and strike.plover == "ASSAULT" and strike.goldstein == -10.0
    assert strike.source.code.startswith("RUS") and strike.target.code == "UKR"
    assert "strikes" in strike.cue and text[strike.cue_start : strike.cue_end] == strike.cue
    assert text[strike.start : strike.end].startswith("Russian forces launched")
    assert not strike.negated and not strike.hypothetical


def test_refusing_talks_is_a_refusal_under_a_condition(nlp):
    _, found = events(nlp, "Georgia's prime minister said Tbilisi will not engage in talks with Moscow unless the troops leave.")
    refusal = one(found, "12")
    assert refusal.code == "124" and refusal.plover == "REJECT"
    assert refusal.source.code == "GEOGOV" and refusal.target.code == "RUSGOV"
    assert refusal.hypothetical and not refusal.negated
    assert not any(e.root == "04" and not e.negated for e in found)  # not coded as talks


def test_a_negated_attack_keeps_its_code_and_is_marked(nlp):
    _, found = events(nlp, "Officials insisted that Turkish jets did not bomb Syrian villages near the border.")
    bombing = one(found, "18")
    assert bombing.negated and bombing.source.code == "TURMIL" and bombing.target.code == "SYR"


def test_a_passive_turns_round_and_police_are_a_sector(nlp):
    text, found = events(nlp, "Two opposition activists were detained by Belarusian police in Minsk on Sunday.")
    arrest = one(found, "17")
    assert arrest.code == "173" and arrest.source.code == "BLRCOP"
    assert text[arrest.target.start : arrest.target.end] == "Two opposition activists"


def test_a_threat_codes_the_threat_and_reaches_the_target_of_its_clause(nlp):
    _, found = events(nlp, "Iran threatened to attack American bases in the region.")
    threat = one(found, "13")
    assert threat.source.code == "IRN" and threat.target.code == "USA" and threat.quad_class == 3


def test_aid_to_a_country_names_the_receiver(nlp):
    _, found = events(nlp, "Japan sent medical supplies to Ukraine last week.")
    aid = one(found, "07")
    assert aid.source.code == "JPN" and aid.target.code == "UKR" and aid.plover == "AID"


def test_office_holders_are_coded_by_the_publication_date_or_by_the_words_without_one(nlp):
    body = "Trump criticised Mexico over migration at a rally in Texas."
    _, in_2023 = events(nlp, body, "2023-06-01")
    _, in_2025 = events(nlp, body, "2025-06-01T10:00:00")
    _, undated = events(nlp, "Former President Donald Trump criticised Mexico over migration.")
    assert one(in_2023, "11").source.code == "USAELI" and one(in_2023, "11").date == "2023-06-01"
    assert one(in_2025, "11").source.code == "USAGOV" and one(in_2025, "11").date == "2025-06-01"
    assert one(undated, "11").source.code == "USAELI" and one(undated, "11").date is None


def test_an_actor_pronoun_takes_its_entity(nlp):
    text, found = events(nlp, "Chancellor Olaf Scholz arrived in Paris on Monday. He met Emmanuel Macron at the Elysee.")
    meeting = one(found, "04")
    assert meeting.source.name == "Olaf Scholz" and meeting.source.entity is not None
    assert text[meeting.source.start : meeting.source.end] == "He"
    assert meeting.target.code == "FRAGOV"


def test_a_sentence_without_an_event_gives_none(nlp):
    _, found = events(nlp, "The museum's new wing displays paintings from the nineteenth century.")
    assert found == []


def test_the_lexicon_rejects_a_key_listed_twice_and_codes_that_are_not_cameo():
    with pytest.raises(LexiconError, match="line 2: 'attack' is already coded 180"):
        EventLexicon.read("180: attack\n190: attack | fight")
    with pytest.raises(LexiconError, match="line 1"):
        EventLexicon.read("99: meet")
    words = EventLexicon.read("138: threaten attack\n130: threaten")
    assert words.code("threaten attack", "threaten") == ("138", "threaten attack")
    assert words.code("threaten strike", "threaten") == ("130", "threaten")


def test_the_shipped_model_survives_its_file_format(nlp):
    from newsgraph.events.coder import Sentence
    from newsgraph.events.lexicon import lexicon

    doc = nlp("Rebels shelled the army's positions near the airport.")
    features = Sentence.read(doc[:], lexicon()).features()
    model = shipped()
    chances = model.probabilities(features)
    assert max(chances, key=chances.get) == "4"  # material conflict
    assert EventModel.from_dict(model.to_dict()).probabilities(features) == pytest.approx(chances, abs=1e-3)


def test_seed_page_events(nlp, seed_text):
    from newsgraph.extract.text import clean_text

    body = clean_text(seed_text).text
    doc = nlp(body)
    found = find_events(doc, find_entities(doc))
    in_text = {(e.root, (e.source.code or "")[:3] if e.source else None, (e.target.code or "")[:3] if e.target else None, e.quad_class)
               for e in found}
    strikes = [e for e in found if "strikes" in e.cue]
    assert strikes and strikes[0].quad_class == 4 and strikes[0].source.code.startswith("RUS") and strikes[0].target.code == "UKR"
    assert "missile strikes on Ukrainian cities" in body[strikes[0].start : strikes[0].end]
    aid = [e for e in found if e.root == "07" and e.source and e.source.code == "USAGOV" and "Biden" in e.source.name]
    assert aid and aid[0].target.code == "UKR" and "Biden administration" in body[aid[0].start : aid[0].end]
    refusal = [e for e in found if e.root == "12" and e.target and e.target.code == "RUS" and "negotiations" in e.cue]
    assert refusal and refusal[0].source.code.startswith("UKR")
    assert any(e.root == "10" and e.source.code.startswith("UKR") for e in found)  # the demand for guarantees
    pressure = [e for e in found if e.cue == "pressure"]
    assert pressure and pressure[0].root == "17" and pressure[0].source.code == "USAELI" and pressure[0].target.code == "UKR"
    assert ("12", "UKR", "RUS", 3) in in_text or ("11", "UKR", "RUS", 3) in in_text  # criticism of Russia
    assert all(e.date is None for e in found)  # the seed page has no publication date


def test_a_day_the_sentence_names_dates_the_event_against_the_publication_day(nlp):
    _, found = events(nlp, "Russian forces shelled Kharkiv on Thursday. On March 3, 2024, Poland sent tanks to Ukraine. "
                           "Iran threatened Israel last week.", "2024-05-10")
    by_root = {e.root: e for e in found}
    assert by_root["19"].date == "2024-05-09"  # the Thursday before Friday 10 May
    assert by_root["07"].date == "2024-03-03" and by_root["07"].code == "072"
    assert by_root["13"].date == "2024-05-10"  # "last week" names no day: the publication day stands


def test_we_and_our_inside_a_quotation_stand_for_its_speaker(nlp):
    from newsgraph.quotes import find_quotes

    doc = nlp(HEADLINE + "“Russia keeps shelling our cities,” said Ukrainian President Volodymyr Zelenskyy.")
    entities = find_entities(doc)
    found = find_events(doc, entities, quotes=find_quotes(doc, entities))
    shelling = one(found, "19")
    assert shelling.source.code == "RUS" and shelling.target.code == "UKRGOV"
    assert shelling.target.entity == next(e.id for e in entities if e.name == "Volodymyr Zelenskyy")


def test_a_short_name_takes_the_code_its_titles_gave_it_earlier(nlp):
    _, found = events(nlp, "Dutch Prime Minister Hendrik Vos urged both sides to return to talks. "
                           "Vos said the government would not intervene.")
    codes = {e.source.name: e.source.code for e in found if e.source}
    assert codes.get("Dutch Prime Minister Hendrik Vos") == "NLDGOV" and codes.get("Vos") == "NLDGOV"


def test_the_target_of_a_thing_given_or_imposed_is_whom_it_goes_to(nlp):
    _, found = events(nlp, "The Security Council lifted sanctions imposed on Eritrea nine years ago.")
    lifted = one(found, "08")
    assert lifted.source.code == "UNO" and lifted.target.code == "ERI"
    _, found = events(nlp, "Germany's foreign minister expressed condolences to the families of the victims in Turkey.")
    assert any(e.target and e.target.name.startswith("the families") for e in found)


def test_a_body_opening_with_a_dash_and_two_entities_on_one_span_do_not_break_the_coder(nlp):
    from newsgraph.record import Entity, Mention

    doc = nlp("- Rebels shelled the army's positions near the airport, officials said.")
    twice = [Entity(f"e{i}", "Rebels", "GROUP", mentions=[Mention(2, 8, "Rebels")]) for i in (1, 2)]
    found = find_events(doc, twice)
    assert one(found, "19").source.entity in ("e1", "e2")


def test_words_for_actors_and_background_events_are_not_actions(nlp):
    from newsgraph.events.lexicon import lexicon
    from newsgraph.events.predicates import predicates

    doc = nlp("Security forces arrested the Islamic State commander in Mosul since the start of the war.")
    assert [p.head.text for p in predicates(doc[:], lexicon()) if p.code] == ["arrested"]
