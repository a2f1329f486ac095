"""The places stage on sentences written for these tests, and the seed page's bar."""
import pytest

from newsgraph.entities import find_entities
from newsgraph.pipeline import process
from newsgraph.places import find_places, home_country, resolve_spans
from newsgraph.places.gazetteer import fold, gazetteer
from newsgraph.record import RawDocument, Source


@pytest.fixture
def places_of(nlp):
    def run(text):
        doc = nlp(text)
        return doc, find_places(doc, find_entities(doc))
    return run


def by_text(places):
    return {p.text: p for p in places}


def test_a_country_and_a_demonym_resolve_to_the_country_with_coordinates(places_of):
    _, places = places_of("Russian missiles hit power stations across Ukraine on Tuesday.")
    found = by_text(places)
    assert found["Russian"].name == "Russia" and found["Russian"].kind == "country"
    assert found["Ukraine"].country == "UA" and found["Ukraine"].geonames_id == 690791
    assert 44 < found["Ukraine"].lat < 53 and 22 < found["Ukraine"].lon < 41


def test_georgia_follows_its_article(places_of):
    _, caucasus = places_of("Georgia accused Russia of moving troops closer to Tbilisi and South Ossetia.")
    _, south = places_of("Storms flooded roads in Georgia, and officials in Atlanta and Savannah closed schools.")
    assert by_text(caucasus)["Georgia"].kind == "country"
    state = by_text(south)["Georgia"]
    assert state.kind == "admin1" and state.country == "US" and state.admin1 == "Georgia"


def test_a_town_and_its_state_after_a_comma(places_of):
    _, places = places_of("The mayor of Paris, Texas, said the county roads would reopen on Friday.")
    paris = by_text(places)["Paris"]
    assert paris.country == "US" and paris.admin1 == "Texas"
    assert abs(paris.lat - 33.66) < 0.5


def test_local_context_decides_an_ambiguous_town(places_of):
    _, places = places_of("Firefighters from Dublin and Macon worked through the night, the Laurens County "
                          "sheriff said. Dublin police later closed Interstate 16 in central Georgia.")
    dublin = by_text(places)["Dublin"]
    assert dublin.country == "US" and dublin.admin1 == "Georgia"


def test_a_capital_acting_for_its_government_is_a_metonym(places_of):
    _, places = places_of("Kyiv rejected the offer. Thousands gathered in Kyiv on Sunday.")
    kyiv = [p for p in places if p.text == "Kyiv"]
    assert [p.metonym for p in kyiv] == [True, False]
    assert all(p.name == "Kyiv" and p.country == "UA" for p in kyiv)


def test_given_spans_are_resolved_with_each_other_as_context(nlp):
    text = "Officials in Springfield, the capital of Illinois, met in Chicago."
    doc = nlp(text)
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Springfield", "Illinois", "Chicago")]
    springfield = resolve_spans(doc, spans)[0]
    assert springfield.country == "US" and springfield.admin1 == "Illinois"


def test_an_unknown_name_is_kept_unresolved(nlp):
    text = "Residents of Zzyzxwood Heights said the river rose overnight."
    doc = nlp(text)
    start = text.index("Zzyzxwood")
    [place] = resolve_spans(doc, [(start, start + len("Zzyzxwood Heights"))])
    assert place.kind == "unknown" and place.lat is None and place.text == "Zzyzxwood Heights"


def test_lookup_keys_ignore_accents_case_and_possessives():
    assert fold("Kyiv's") == fold("KYIV") == "kyiv"
    assert fold("Zürich") == "zurich"
    assert any(e.name == "Zürich" for e in gazetteer().lookup("Zurich"))


def test_an_event_happens_where_its_target_is_not_where_it_was_reported(nlp):
    [record] = process([RawDocument(Source("t", "text"), "WASHINGTON (AP) — Russian forces launched missile strikes on "
                                    "Ukrainian cities overnight, officials in Kyiv said.", "text")], )
    strikes = [e for e in record.events if "strike" in e.cue]
    assert strikes and strikes[0].place is not None and strikes[0].place.name == "Ukraine"


def test_seed_page_places(seed_text):
    [record] = process([RawDocument(Source("seed", "text"), seed_text, "text")])
    metonyms = {p.text for p in record.places if p.metonym}
    assert {"Kyiv", "Moscow", "Washington"} <= metonyms
    countries = {p.text: p for p in record.places if p.kind == "country"}
    assert countries["Ukraine"].lat is not None and countries["Russia"].lon is not None
    strikes = [e for e in record.events if "missile strikes" in e.cue]
    assert strikes[0].place.country == "UA"


def test_the_publication_country_weighs_in(nlp):
    doc = nlp("The council in London voted on Tuesday to widen the bridge.")
    assert by_text(find_places(doc))["London"].country == "GB"
    assert by_text(find_places(doc, url="https://www.example-press.ca/news/bridge"))["London"].country == "CA"
    assert home_country("https://news.example.co.uk/a") == "GB"
    assert home_country("https://example.com/a") is None and home_country(None) is None


def test_a_longer_name_is_resolved_by_the_place_it_holds(nlp):
    text = "He was taken to the Henderson County Jail in Texas."
    doc = nlp(text)
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Henderson County Jail", "Texas")]
    jail, _ = resolve_spans(doc, spans)
    assert jail.text == "Henderson County Jail" and jail.name == "Henderson County" and jail.admin1 == "Texas"


def test_a_hamlet_is_read_only_where_the_article_supports_it(nlp):
    """Postal towns without population (Island, Kentucky) need the article's state or country."""
    scottish = "Ferry crews in Scotland went back to work on Sunday. Island businesses said the strike cost them."
    kentucky = "Farmers near Island and Calhoun said the Green River flooded roads across McLean County, Kentucky."
    alone = resolve_spans(nlp(scottish), [(scottish.index("Island"), scottish.index("Island") + 6)])
    assert alone[0].kind == "unknown" and alone[0].lat is None
    start, state = kentucky.index("Island"), kentucky.index("Kentucky")
    placed = resolve_spans(nlp(kentucky), [(start, start + 6), (state, state + 8)])
    assert (placed[0].country, placed[0].admin1) == ("US", "Kentucky") and abs(placed[0].lat - 37.45) < 0.2


def test_short_forms_of_saint_and_mount_find_the_full_names():
    assert fold("St. Petersburg") == fold("Saint Petersburg") and fold("Mt. Pleasant") == fold("Mount Pleasant")
    assert any(e.country == "RU" and e.kind == "city" and not e.alternate
               for e in gazetteer().lookup("St. Petersburg"))


def test_a_county_has_its_centre_and_a_town_its_county():
    walker = [e for e in gazetteer().lookup("Walker County") if e.admin1 == "GA"]
    assert walker and abs(walker[0].lat - 34.7) < 0.4 and abs(walker[0].lon + 85.3) < 0.4
    decatur = [e for e in gazetteer().lookup("Decatur") if e.admin1 == "AL"]
    assert decatur and decatur[0].admin2 == fold("Morgan County")
