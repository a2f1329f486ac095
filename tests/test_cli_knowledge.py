import json

import pytest
from click.testing import CliRunner
from test_store_knowledge import knowledge

from newsgraph import gkg
from newsgraph.cli import cli
from newsgraph.gdelt import COLUMNS
from newsgraph.store import Store

FLOODS_SOURCE = "    Floods drive 12,000 from Porto Alegre - https://www.noticias.example.br/rs/enchentes"
PRICES_SOURCE = "    Argentine prices - https://example.com.ar/economia/precios"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "news.db"
    with Store(str(path)) as store:
        store.write(knowledge())
    return path


def run(db, command, *args):
    result = CliRunner().invoke(cli, [command, "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result


def lines(db, command, *args):
    return run(db, command, *args).stdout.splitlines()


def test_places_show_the_place_the_words_around_it_and_the_document(db):
    assert lines(db, "places", "--name", "houston") == [
        "Houston  city  US  Texas  29.7633,-95.3633  geonames 4699066",
        '    …in relief, and the governor of Texas sent boats from [Houston]. Rescue teams from Germany joined them. "We have never…',
        FLOODS_SOURCE,
    ]
    metonym = lines(db, "places", "--country", "BR", "--kind", "city", "--limit", "2")
    assert len(metonym) == 6 and metonym[3] == "Brasília  city  BR  Federal District  -15.7797,-47.9297  geonames 3469058  metonym"
    assert lines(db, "places", "--country", "Argentina")[1] == (
        "    Prices in [Argentina] rose 211% in 2023, the statistics agency in Buenos Aires…")


def test_places_as_json(db):
    rows = [json.loads(line) for line in lines(db, "places", "--format", "json", "--country", "br")]
    assert [(r["name"], r["metonym"]) for r in rows] == [("Porto Alegre", False), ("Brasília", True), ("Brazil", False)]
    assert rows[1]["geonames_id"] == 3469058 and rows[1]["doc_id"] == "d1" and "Brasília" in rows[1]["around"]


def test_nothing_found_is_said_on_stderr(db):
    result = run(db, "places", "--country", "NZ")
    assert result.stdout == "" and "no places" in result.stderr
    assert "no dates" in run(db, "dates", "--since", "2030-01-01").stderr
    assert "no amounts" in run(db, "amounts", "--currency", "JPY").stderr
    assert "no matches" in run(db, "themes", "--name", "TERROR").stderr


def test_dates_overlapping_a_period(db):
    assert lines(db, "dates", "--since", "2024-05-04") == [
        '2024-05-06/2024-05-10  range  relative  "6 to 10 May"',
        "    …said. Wages fell in March. Talks with the IMF are set for [6 to 10 May], and the recovery could take three years.",
        PRICES_SOURCE,
    ]
    assert [line.split("  ")[0] for line in lines(db, "dates", "--until", "2024-03-01")[::3]] == ["2023", "2023", "2024-03"]
    relative = [json.loads(line)["relative"] for line in lines(db, "dates", "--format", "json")]
    assert relative == [True, False, True, True, True, False]
    assert run(db, "dates", "--limit", "1").stdout.startswith('2023  year  relative  "last year"\n')


def test_a_malformed_date_is_a_usage_error(db):
    result = CliRunner().invoke(cli, ["dates", "--db", str(db), "--since", "May 2024"])
    assert result.exit_code == 2


def test_amounts_by_currency_unit_and_minimum(db):
    assert lines(db, "amounts", "--currency", "brl") == [
        '5,000,000,000  BRL  (relief)  "R$5 billion"',
        "    …Defence agency said. The government in Brasília pledged [R$5 billion] in relief, and the governor of Texas sent boats from…",
        FLOODS_SOURCE,
    ]
    assert lines(db, "amounts", "--unit", "percent", "--min", "100")[0] == '211  percent  (prices)  "211%"'
    rows = [json.loads(line) for line in lines(db, "amounts", "--format", "json", "--min", "1000")]
    assert [(r["value"], r["unit"]) for r in rows] == [(12000, "people"), (5e9, "currency")]


def test_themes_count_documents_and_show_one_themes_evidence(db):
    assert lines(db, "themes") == [
        "documents  matches  name (label)",
        "        2        2  ECON_INFLATION (Inflation)",
        "        1        2  NATURAL_DISASTER_FLOODS (Floods)",
    ]
    assert [json.loads(line)["name"] for line in lines(db, "themes", "--format", "json", "--limit", "1")] == ["ECON_INFLATION"]
    assert lines(db, "themes", "--name", "natural_disaster_floods")[3:] == [
        'NATURAL_DISASTER_FLOODS (Floods)  "water"',
        '    "We have never seen [water] this high," said Mayor Carla Souza.',
        FLOODS_SOURCE,
    ]
    assert lines(db, "themes", "--name", "econ")[::3] == ['ECON_INFLATION (Inflation)  "Inflation"',
                                                          'ECON_INFLATION (Inflation)  "Prices"']


def test_gkg_writes_one_row_per_document(db, tmp_path):
    out = tmp_path / "gkg.tsv"
    assert run(db, "gkg", "--output", str(out)).stdout == ""
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [len(r) for r in rows] == [27, 27, 27]
    assert [r[0] for r in rows] == ["20240412000000-d2", "20240504073000-d1", "00000000000000-d3"]  # by publication
    assert rows == [gkg.row(r) for r in (knowledge()[1], knowledge()[0], knowledge()[2])]
    assert run(db, "gkg").stdout == out.read_text(encoding="utf-8")


def test_event_export_places_the_action_and_gives_the_documents_tone(db):
    out = run(db, "events", "--format", "gdelt").stdout
    pledge, sent = [dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in out.splitlines()]
    geo = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    assert [pledge[f"ActionGeo_{c}"] for c in geo] == [
        "4", "Brasília, Federal District, Brazil", "BR", "BR07", "", "-15.77972", "-47.92972", "3469058"]
    assert [sent[f"ActionGeo_{c}"] for c in geo] == [
        "3", "Houston, Texas, United States", "US", "USTX", "", "29.76328", "-95.36327", "4699066"]
    assert pledge["AvgTone"] == sent["AvgTone"] == "-2.85"
    assert (pledge["Actor1Geo_Type"], pledge["Actor1Geo_FullName"], pledge["Actor2Geo_Type"]) == ("0", "", "0")
