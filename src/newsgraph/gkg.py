"""Stored documents as GDELT GKG 2.1 rows (the Global Knowledge Graph): one row per document.

A row is the 27 tab-separated columns of the GKG 2.1 codebook, in its order; like GDELT's
files, an export has no header line (`COLUMNS` names them). Offsets are character offsets
into the document's `text`, as GDELT's are into the article. newsgraph fills:

- GKGRECORDID: "V2.1DATE-document id" (GDELT's is the date and a sequence number): unique
  and the same in every export.
- V2.1DATE: the publication time, YYYYMMDDHHMMSS in UTC (a day alone ends 000000); empty
  when the document has no readable date.
- V2SOURCECOLLECTIONIDENTIFIER 1 (WEB) with the URL as V2DOCUMENTIDENTIFIER, else 2
  (CITATIONONLY) with the path the document was read from (or its id).
- V2SOURCECOMMONNAME: the URL's host without "www.", else the site's name.
- V1THEMES: the themes' names; V2ENHANCEDTHEMES: "THEME,offset" per triggering word.
- V1LOCATIONS: each location once, "type#name#country#adm1#lat#long#feature";
  V2ENHANCEDLOCATIONS: each place mention, "type#name#country#adm1#adm2#lat#long#feature#offset".
  Types and codes are those of `gdelt.location` (FIPS 10-4 country codes, ISO alpha-2 where
  FIPS has none; ADM2 empty; GeoNames ids as feature ids); continents and regions, which
  GDELT does not locate, are left out.
- V1PERSONS, V1ORGANIZATIONS: the names of the PERSON and ORG entities;
  V2ENHANCEDPERSONS, V2ENHANCEDORGANIZATIONS: "name,offset" per mention by name (mentions by
  pronoun or description, which GDELT does not find, are left out).
- V1.5TONE: tone, positive, negative, polarity, activity, self/group, word count.
- V2.1ENHANCEDDATES: "resolution#month#day#year#offset", resolution 1 a year, 2 a month,
  3 a day; a range gives its first day, durations are left out. newsgraph resolves dates
  without a year against the publication date, so resolution 4 (no year) is never written.
- V2.1QUOTATIONS: direct and mixed quotes as "offset|length|verb|quote", joined by "#":
  offset and length span the whole quote, the quote is its pieces without the attribution
  between them; reported speech without quoted words is left out, as GDELT leaves it.
- V2.1ALLNAMES: "name,offset" for every entity mention by name and every place not named
  by an entity mention, in text order.
- V2.1AMOUNTS: "amount,object,offset": the value in plain digits, and what it is of, else
  its currency or unit.
- V2EXTRASXML: <PAGE_TITLE>, <PAGE_AUTHORS> and <PAGE_PRECISEPUBTIMESTAMP>, XML-escaped.

Left empty: V1COUNTS and V2.1COUNTS (newsgraph has no KILL, ARREST... counts), V2GCAM, the
images and embeds, and V2.1TRANSLATIONINFO (documents are read in their own language).
Tabs, line breaks and the delimiters of a field inside a value become spaces.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from .gdelt import decimal, location, one_line
from .record import DateMention, Entity, Quote, Record

COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
WEB, CITATION_ONLY = "1", "2"
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def rows(records: Iterable[Record]) -> Iterator[list[str]]:
    return (row(record) for record in records)


def row(record: Record) -> list[str]:
    """One document as the 27 GKG columns."""
    stamp = timestamp(record.published)
    url = record.source.url
    values = {
        "GKGRECORDID": clean(f"{stamp or '00000000000000'}-{record.id}"),
        "V2.1DATE": stamp,
        "V2SOURCECOLLECTIONIDENTIFIER": WEB if url else CITATION_ONLY,
        "V2SOURCECOMMONNAME": clean(common_name(url) or record.site or ""),
        "V2DOCUMENTIDENTIFIER": clean(url or record.source.path or record.id),
        "V1THEMES": ";".join(dict.fromkeys(clean(t.name, ",;") for t in record.themes)),
        "V2ENHANCEDTHEMES": ";".join(f"{clean(t.name, ',;')},{m.start}" for t in record.themes for m in t.matches),
        **location_columns(record),
        **name_columns(record, "PERSON", "PERSONS"),
        **name_columns(record, "ORG", "ORGANIZATIONS"),
        "V1.5TONE": tone(record),
        "V2.1ENHANCEDDATES": ";".join(filter(None, map(date_block, record.dates))),
        "V2.1QUOTATIONS": "#".join(
            f"{q.start}|{q.end - q.start}|{clean(q.cue or '', '|#')}|{clean(quoted(record, q), '|#')}"
            for q in record.quotes if q.kind in ("direct", "mixed")),
        "V2.1ALLNAMES": ";".join(f"{clean(name, ',;')},{start}" for start, name in all_names(record)),
        "V2.1AMOUNTS": ";".join(
            f"{decimal(a.value)},{clean(a.object or a.currency or a.unit or '', ',;')},{a.start}" for a in record.amounts),
        "V2EXTRASXML": extras(record, stamp),
    }
    return [values.get(column, "") for column in COLUMNS]


def clean(text: str, delimiters: str = "") -> str:
    """`text` as one field value: no tab, no line break, none of `delimiters`."""
    for delimiter in delimiters:
        text = text.replace(delimiter, " ")
    return one_line(text)


def timestamp(published: str | None) -> str:
    """An ISO publication date as GDELT's YYYYMMDDHHMMSS, in UTC; "" when it is not ISO."""
    try:
        when = datetime.fromisoformat(published.strip()) if published else None
    except ValueError:
        when = None
    if when is None or when.year < 1000:
        return ""
    if when.tzinfo:
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y%m%d%H%M%S")


def common_name(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def quoted(record: Record, quote: Quote) -> str:
    """A quote's own words: its pieces without the attribution between them ("A," he said. "B.")."""
    return " ".join(record.text[start:end] for start, end in quote.spans) or quote.text


def location_columns(record: Record) -> dict[str, str]:
    """V1LOCATIONS (each location once, without ADM2 and offset) and V2ENHANCEDLOCATIONS (each mention)."""
    v1, v2 = [], []
    for place in record.places:
        fields = location(place)
        if fields:
            fields = [clean(f, "#;") for f in fields]
            v1.append("#".join(fields[:4] + fields[5:]))
            v2.append("#".join([*fields, str(place.start)]))
    return {"V1LOCATIONS": ";".join(dict.fromkeys(v1)), "V2ENHANCEDLOCATIONS": ";".join(v2)}


def name_columns(record: Record, entity_type: str, column: str) -> dict[str, str]:
    """V1<column>: the names of the entities of a type; V2ENHANCED<column>: "name,offset" per mention by name."""
    entities = [e for e in record.entities if e.type == entity_type]
    mentions = sorted((start, name) for e in entities for start, name in named(e))
    return {f"V1{column}": ";".join(dict.fromkeys(clean(e.name, ",;") for e in entities)),
            f"V2ENHANCED{column}": ";".join(f"{clean(name, ',;')},{start}" for start, name in mentions)}


def named(entity: Entity) -> list[tuple[int, str]]:
    """(offset, name) of each mention of an entity by its name."""
    return [(m.start, entity.name) for m in entity.mentions if m.kind == "name"]


def all_names(record: Record) -> list[tuple[int, str]]:
    """(offset, name) of every entity mention by name, and of each place no such mention names, in text order."""
    names = dict(mention for entity in record.entities for mention in named(entity))
    for place in record.places:
        names.setdefault(place.start, place.name)
    return sorted(names.items())


def tone(record: Record) -> str:
    t = record.tone
    if t is None:
        return ""
    values = (t.tone, t.positive, t.negative, t.polarity, t.activity, t.self_group)
    return ",".join([*map(decimal, values), str(t.word_count)])


def date_block(mention: DateMention) -> str | None:
    """A date as "resolution#month#day#year#offset"; None for durations and unresolved dates."""
    found = ISO_DATE.match(mention.value or "")
    if not found:
        return None
    year, month, day = found.groups()
    resolution = 3 if day else 2 if month else 1
    return f"{resolution}#{int(month or 0)}#{int(day or 0)}#{int(year)}#{mention.start}"


def extras(record: Record, stamp: str) -> str:
    tags = {"PAGE_TITLE": record.title, "PAGE_AUTHORS": record.author, "PAGE_PRECISEPUBTIMESTAMP": stamp}
    return "".join(f"<{tag}>{escape(one_line(value))}</{tag}>" for tag, value in tags.items() if value)
