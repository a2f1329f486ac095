import json
import sqlite3

import pytest
from click.testing import CliRunner
from test_store_events import news

from newsgraph.cli import cli
from newsgraph.gdelt import COLUMNS, day_columns, event_number
from newsgraph.serve import metadata
from newsgraph.store import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "news.db"
    with Store(str(path)) as store:
        store.write(news())
    return path


def events(db, *args):
    return CliRunner().invoke(cli, ["events", "--db", str(db), *args])


def test_events_are_listed_with_actors_action_marks_and_evidence(db):
    result = events(db, "--actor", "Hrytsenko")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "2026-03-02  UKRGOV (Olena Hrytsenko) -> RUS (Russia)",
        '    190  ASSAULT  quad 4  goldstein -10.0  not  "strike"',
        "    Defence Minister Olena Hrytsenko said Ukraine would not strike targets inside Russia.",
        "    Artillery Hits Pryluzhne - https://news.example/pryluzhne",
    ]
    maybe = events(db, "--root", "07").stdout.splitlines()
    assert maybe[0] == "2026-03-03  (Volunteers) -> (the town)"
    assert maybe[1] == '    070  AID  quad 2  goldstein 7.0  may  "deliver"'
    assert maybe[3] == "    Drones Over Pryluzhne - feeds/night.txt"


def test_filters_reach_the_store(db):
    lines = events(db, "--dyad", "RUS:UKR", "--since", "2026-03-02", "--quad", "4", "--limit", "1").stdout.splitlines()
    assert len(lines) == 4 and lines[0] == "2026-03-02  RUSMIL (Russian artillery) -> UKR (the Ukrainian town of Pryluzhne)"
    nothing = events(db, "--actor", "Moldova")
    assert nothing.exit_code == 0 and nothing.stdout == "" and "no events" in nothing.stderr


def test_json_is_one_event_per_line(db):
    rows = [json.loads(line) for line in events(db, "--format", "json", "--actor", "UKR").stdout.splitlines()]
    assert [r["id"] for r in rows] == ["d1/v1", "d1/v2", "d1/v3", "d2/v1", "d1/v4"]
    refusal = rows[2]
    assert refusal["negated"] is True and refusal["hypothetical"] is False and refusal["first_in_sentence"] is True
    assert (refusal["source_code"], refusal["source_entity"], refusal["day"]) == ("UKRGOV", "d1/e1", "2026-03-02")


def test_gdelt_rows_have_the_61_columns_and_no_negated_events(db):
    out = events(db, "--format", "gdelt", "--actor", "UKR").stdout
    rows = [dict(zip(COLUMNS, line.split("\t"), strict=True)) for line in out.splitlines()]
    assert len(COLUMNS) == 61
    assert [r["GlobalEventID"] for r in rows] == [str(event_number(i)) for i in ("d1/v1", "d1/v2", "d2/v1", "d1/v4")]
    shelled, fired, _, met = rows
    assert {k: shelled[k] for k in ("Day", "MonthYear", "Year", "FractionDate")} == {
        "Day": "20260302", "MonthYear": "202603", "Year": "2026", "FractionDate": "2026.1699"}
    assert {k: shelled[k] for k in ("Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
                                    "Actor1Type1Code", "Actor2Code", "Actor2CountryCode", "Actor2Type1Code")} == {
        "Actor1Code": "RUSMIL", "Actor1Name": "Russian artillery", "Actor1CountryCode": "RUS",
        "Actor1KnownGroupCode": "", "Actor1Type1Code": "MIL", "Actor2Code": "UKR", "Actor2CountryCode": "UKR",
        "Actor2Type1Code": ""}
    assert {k: shelled[k] for k in ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumArticles", "AvgTone", "ActionGeo_Type",
                                    "ActionGeo_Lat", "DATEADDED", "SOURCEURL")} == {
        "IsRootEvent": "1", "EventCode": "194", "EventBaseCode": "194", "EventRootCode": "19", "QuadClass": "4",
        "GoldsteinScale": "-10.0", "NumMentions": "1", "NumArticles": "1", "AvgTone": "", "ActionGeo_Type": "0",
        "ActionGeo_Lat": "", "DATEADDED": "", "SOURCEURL": "https://news.example/pryluzhne"}
    assert fired["IsRootEvent"] == "0"  # the second event of its sentence
    assert (met["Actor1Code"], met["Actor1CountryCode"], met["Actor1KnownGroupCode"]) == ("NATO", "", "NATO")
    assert (met["Actor2Type1Code"], met["EventBaseCode"], met["Day"]) == ("GOV", "040", "20260304")
    undated = events(db, "--format", "gdelt", "--dyad", "BLR:POL").stdout.split("\t")
    assert undated[1:5] == ["", "", "", ""] and undated[-1] == "c.txt\n"


def test_fraction_date_is_the_part_of_the_year_gone():
    assert day_columns("2024-01-01")["FractionDate"] == "2024.0027"
    assert day_columns("2024-01-15")["FractionDate"] == "2024.0411"
    assert day_columns("2024-12-31")["FractionDate"] == "2024.9890"
    assert day_columns(None) == {} and day_columns("2024-02-30") == {}


def test_a_dyad_without_a_colon_is_a_usage_error(db):
    result = events(db, "--dyad", "UKR-RUS")
    assert result.exit_code == 2 and "SOURCE:TARGET" in result.output


def test_datasette_facets_name_columns_that_exist(tmp_path):
    path = tmp_path / "news.db"
    Store(str(path)).close()
    conn = sqlite3.connect(path)
    tables = metadata(str(path))["databases"]["news"]["tables"]
    assert {"events", "dyads"} <= set(tables)
    for table, settings in tables.items():
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        assert set(settings.get("facets", [])) <= columns, table
    conn.close()
