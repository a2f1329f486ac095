"""Where: every place the text names, resolved offline to a gazetteer entry (issue 5).

`find_places(doc, entities)`:

1. mentions: the model's places (GPE, LOC), the entities stage's places, demonyms that
   stand for a country ("Ukrainian cities" names Ukraine), and names the model typed as
   an organisation or a person that are exactly a country or a US state ("Georgia");
   "Dublin, Ga." is two mentions, the second pinning the first to its state;
2. candidates from the gazetteer (`gazetteer.py`), chosen with the article as context
   (`resolve.py`);
3. metonyms: a capital that does or says something ("Kyiv rejected", "Moscow's
   aggression", "aid to Kyiv") stands for its government (`metonym.py`).
4. over a corpus, each publication's articles are resolved again with one another as
   context (`publications.py`, run by `newsgraph build`).

`place_events(doc, events, places)` then says where each event happened.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pycountry

from ..record import Entity, Event, Place
from .gazetteer import Entry, Gazetteer, gazetteer
from .metonym import is_metonym
from .resolve import TOWNS, Candidates, choose_entries

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["find_places", "resolve_spans", "place_events"]

PLACE_LABELS = ("GPE", "LOC")
NAME_LABELS = ("ORG", "PERSON", "NORP")  # the model's other guesses, kept only for exact country or state names
TOWN_SIZE = 5000  # a one-word "person" is taken for a town only if a town of this size has the name
COUNTRY_DOMAINS = {"UK": "GB", "EU": ""}  # domains that are not the country's ISO code
WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?")
# Words a longer name may put before a place without naming another one ("Western Massachusetts",
# "Metro Nashville"); "Cherry Hinton" and "St. Paris" are not Hinton or Paris.
QUALIFIERS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central",
              "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
              "southwestern", "upper", "lower", "greater", "metro", "metropolitan", "downtown", "historic", "rural",
              "suburban", "inner", "outer", "coastal", "occupied", "mid"}
# Words after a name that make it a natural feature, not the town ("Canaan Valley", "Red River").
FEATURES = {"river", "creek", "lake", "lakes", "valley", "mountain", "mountains", "island", "islands", "bay", "gulf",
            "sea", "falls", "hill", "hills", "ridge", "canyon", "peak", "forest", "beach", "harbor", "harbour",
            "springs", "pond", "reservoir", "swamp", "desert", "coast", "strait", "channel", "cape", "peninsula"}
# Words that are place names somewhere but never, alone, the place a longer name holds.
GENERIC_WORDS = QUALIFIERS | FEATURES | {"city", "county", "high", "live", "village", "township", "united", "new",
                                         "old", "great", "fort", "port", "mount", "saint", "st.", "st"}
STRIP = " \t\n,;:!?\"()[]{}'’“”"
DASHES = {"-", "–", "—"}


def find_places(doc: Doc, entities: list[Entity] = (), url: str | None = None) -> list[Place]:
    """Every place mention in `doc`, in text order, resolved where the gazetteer knows it.
    A `url` under a country's domain (".co.uk", ".ca") says where the article was published."""
    names = gazetteer()
    return resolve_mentions(doc, mention_spans(doc, entities, names), names, home_country(url))


def home_country(url: str | None) -> str | None:
    """The ISO country of a URL's country-code domain; none for .com, .org, .net and the like."""
    host = urlsplit(url).hostname if url else None
    suffix = host.rsplit(".", 1)[-1].upper() if host and "." in host else ""
    suffix = COUNTRY_DOMAINS.get(suffix, suffix)
    return suffix if len(suffix) == 2 and suffix.isalpha() and pycountry.countries.get(alpha_2=suffix) else None


def resolve_spans(doc: Doc, spans: list[tuple[int, int]]) -> list[Place]:
    """Resolve mentions found elsewhere (a gold standard's, a user's) with the same context."""
    whole = doc.text
    return resolve_mentions(doc, [(s, e, whole[s:e]) for s, e in sorted(spans)], gazetteer())


def resolve_mentions(doc: Doc, spans: list[tuple[int, int, str]], names: Gazetteer,
                     home: str | None = None) -> list[Place]:
    chosen = choose_entries(candidates_of(doc.text, spans, names), home)
    return [place_of(span, entry, confidence, names,
                     entry is not None and is_metonym(doc, span[0], span[1], entry, span[2]))
            for span, (entry, confidence) in zip(spans, chosen)]


def candidates_of(whole: str, spans: list[tuple[int, int, str]], names: Gazetteer) -> list[Candidates]:
    """Each mention's gazetteer entries, pinned to a state where the text names one after it."""
    candidates = [Candidates(names.lookup(known_part(text, names))) for _, _, text in spans]
    for i in range(1, len(spans)):
        pin_to_state(spans, candidates, i, whole)
    return candidates


def place_of(span: tuple[int, int, str], entry: Entry | None, confidence: float, names: Gazetteer,
             metonym: bool) -> Place:
    start, end, text = span
    if entry is None:
        return Place(start=start, end=end, text=text, name=text, kind="unknown")
    admin1 = names.admin1_name(entry.country, entry.admin1) if entry.country and entry.admin1 else None
    return Place(start=start, end=end, text=text, name=entry.name, kind=entry.kind, geonames_id=entry.geonames_id,
                 country=entry.country, admin1=admin1 if entry.kind != "admin1" else entry.name,
                 lat=entry.lat, lon=entry.lon, metonym=metonym, confidence=round(confidence, 3))


def known_part(text: str, names: Gazetteer) -> str:
    """A name the gazetteer lacks may hold one it has: "Henderson County Jail", "Northeast
    Georgia", "Dublin Singers" are resolved by the longest run of their words the gazetteer
    knows, not a compass or generic word alone ("North", "City"), after nothing but
    qualifiers ("Western"), and not before a feature's word ("Canaan Valley" is no town).
    The mention keeps its words."""
    if names.lookup(text):
        return text
    words = list(WORD.finditer(text))
    lowered = [w.group().lower().rstrip(".") for w in words]
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size, -1, -1):
            part = text[words[i].start():words[i + size - 1].end()]
            if (part[:1].isupper() and part.lower() not in GENERIC_WORDS
                    and all(w in QUALIFIERS for w in lowered[:i])
                    and not any(w in FEATURES for w in lowered[i + size:])
                    and any(not e.alternate for e in names.lookup(part))):
                return part
    return text


def mention_spans(doc: Doc, entities: list[Entity], names: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, text) of each place mention, without overlaps, in text order."""
    found: dict[int, tuple[int, int, str]] = {}
    covered: set[int] = set()  # characters already in a mention: no overlaps
    whole = doc.text  # Doc.text joins every token on each call: read it once

    def add(start: int, end: int) -> None:
        text = whole[start:end]
        stripped = text.strip(STRIP)
        start += text.index(stripped) if stripped else 0
        if stripped.lower().startswith("the "):
            start, stripped = start + 4, stripped[4:]
        if stripped.endswith(("'s", "’s")):
            stripped = stripped[:-2]
        end = start + len(stripped)
        if stripped and not covered.intersection(range(start, end)):
            found[start] = (start, end, stripped)
            covered.update(range(start, end))

    for ent in doc.ents:
        for start, end in pieces(ent):
            if ent.label_ in PLACE_LABELS or (ent.label_ in NAME_LABELS and is_plain_place(whole[start:end], names)):
                add(start, end)
    for entity in entities:
        if entity.type == "PLACE":
            for mention in entity.mentions:
                if mention.kind == "name":
                    add(mention.start, mention.end)
    people = surnames(doc)
    for ent in doc.ents:  # "Alexandria" the model took for a person, where no person has that name
        if ent.label_ == "PERSON" and len(ent) == 1 and ent.text not in people and is_town(ent.text, names):
            add(ent.start_char, ent.end_char)
    return sorted(found.values())


def surnames(doc: Doc) -> set[str]:
    """The words of the document's many-word person names."""
    return {token.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}


def is_town(text: str, names: Gazetteer) -> bool:
    return any(e.kind in TOWNS and not e.alternate and e.population >= TOWN_SIZE for e in names.lookup(text))


def pieces(ent: Span) -> list[tuple[int, int]]:
    """"Dublin, Ga." and "DANIELSVILLE - Madison County" are two places: cut an entity at its
    commas and its spaced dashes."""
    spans, start = [], ent.start_char
    for token in ent:
        if token.text == "," or (token.text in DASHES and token.whitespace_ and token.i > 0
                                 and token.doc[token.i - 1].whitespace_):
            spans.append((start, token.idx))
            start = token.idx + 1
    spans.append((start, ent.end_char))
    return [(s, e) for s, e in spans if e > s]


def is_plain_place(text: str, names: Gazetteer) -> bool:
    """A name that is exactly a country, a US state or a demonym ("Georgia", "Russian")."""
    return any(e.kind in ("country", "admin1", "continent", "region") and (e.kind != "admin1" or e.country == "US")
               and not e.alternate for e in names.lookup(text.strip(STRIP)))


def pin_to_state(spans: list[tuple[int, int, str]], candidates: list[Candidates], i: int, text: str) -> None:
    """"Dublin, Ga.": a US state right after a town and a comma says which town it is."""
    start, _, _ = spans[i]
    _, previous_end, _ = spans[i - 1]
    if text[previous_end:start].strip() not in (",", "(", ", ("):
        return
    state = next((e for e in candidates[i].entries if e.kind == "admin1" and e.country == "US"), None)
    if state is not None and any(e.country == "US" and e.admin1 == state.admin1 for e in candidates[i - 1].entries):
        candidates[i - 1].state = state
        candidates[i].entries = (state,)


LOCATIVE = {"in", "at", "near", "across", "outside", "inside", "around", "throughout", "into"}


def place_events(doc: Doc, events: list[Event], places: list[Place]) -> None:
    """Give each event the place its own sentence says it happened: a place its target
    names ("missile strikes on Ukrainian cities": Ukraine), else one after "in", "at" or
    "near" that does not stand for an actor (a metonym). The dateline and the places of
    other sentences are not where the event happened; an event with no such place has none."""
    starts = [p.start for p in places]
    for event in events:
        inside = places[bisect.bisect_left(starts, event.start):bisect.bisect_left(starts, event.end)]
        target = event.target
        # A place inside the target's words, not the target itself: "Ukrainian cities", not "aid to Ukraine".
        named = [p for p in inside if target is not None and target.start is not None and p.lat is not None
                 and target.start <= p.start and p.end <= target.end and (p.start, p.end) != (target.start, target.end)
                 and not p.metonym]
        sides = {(a.start, a.end) for a in (event.source, target) if a is not None}
        event.place = named[0] if named else next((p for p in inside if p.lat is not None and not p.metonym
                                                   and (p.start, p.end) not in sides and _after_locative(doc, p)), None)


def _after_locative(doc: Doc, place: Place) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ == "compound" and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE
