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
- SOURCEURL: the document's URL, else the path it was read from.

Left empty: the ethnic and religion codes, AvgTone (no tone stage yet), DATEADDED (the store
keeps no time of addition) and the geography, until the places stage exists (the three
Geo_Type columns hold 0, GDELT's "no location"). Negated events are not exported: GDELT
has no field to say that an attack did not happen.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from .events.actors import Actor

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
        "Actor1Geo_Type": "0",
        "Actor2Geo_Type": "0",
        "ActionGeo_Type": "0",
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
