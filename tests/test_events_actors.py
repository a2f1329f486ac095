"""The actor dictionary: countries, demonyms, capitals, organisations, office holders by date."""
from datetime import date

import pytest

from newsgraph.events.actors import ActorDictionary, ActorFileError, actors


def codes(name, day=None):
    return [a.code for a in actors().lookup(name, day)]


def test_capitals_demonyms_and_organisations():
    assert codes("Kyiv") == ["UKRGOV"] and codes("the Kremlin") == ["RUSGOV"]
    assert codes("Ukrainians") == ["UKR"] and codes("U.S.") == ["USA"] == codes("US")
    assert codes("NATO") == ["NATO"] and actors().lookup("NATO")[0].country is None


def test_every_iso_country_is_known_by_its_iso_name():
    assert codes("Russian Federation") == ["RUS"] and codes("Plurinational State of Bolivia") == ["BOL"]


def test_an_office_holder_has_the_code_of_the_office_held_on_the_day():
    assert codes("Donald Trump", date(2025, 3, 1)) == ["USAGOV"]
    assert codes("Trump", date(2023, 6, 1)) == ["USAELI"]
    assert codes("Trump", date(2019, 6, 1)) == ["USAGOV"]
    assert sorted(codes("Trump")) == ["USAELI", "USAGOV"]  # no date: every code it has held
    assert codes("Mark Rutte", date(2025, 1, 1)) == ["NATO"] and codes("Mark Rutte", date(2020, 1, 1)) == ["NLDGOV"]


def test_country_and_sector_come_from_the_code():
    [kyiv] = actors().lookup("Kyiv")
    assert (kyiv.country, kyiv.sector) == ("UKR", "GOV")


def test_a_user_file_extends_the_dictionary_and_bad_lines_are_named():
    mine = ActorDictionary.read("# my actors\nGRCGOV: Athens\nGRC: Greek | Greeks\n", with_countries=False)
    assert [a.code for a in mine.lookup("athens")] == ["GRCGOV"] and mine.lookup("Kyiv") == []
    with pytest.raises(ActorFileError, match="line 2"):
        ActorDictionary.read("GRC: Greece\nAthens is the capital\n", with_countries=False)
    with pytest.raises(ActorFileError, match="period"):
        ActorDictionary.read("GRCGOV: Kyriakos Mitsotakis @ 2019\n", with_countries=False)
