"""A publication's other articles as context: where its news usually is.

A local paper's story often names its town and nothing else: "Athens police arrested..."
in the Daily Post-Athenian is Athens, Tennessee, but the article alone cannot say so and
population sends it to Greece. The paper's other articles name McMinn County, Etowah and
Tennessee. So, over a corpus, each article is resolved once on its own; the states its
places fall in make its publication's profile (each article counting once); then every
article of a publication with two or more is resolved again, with the profile of the
*other* articles as `PUBLICATION_WEIGHT` more names of context (`resolve.py`).

This runs after the per-document pipeline, over a whole corpus: `refine(documents)` for
any engine's records, `Store.refine_places` at the end of `newsgraph build`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..record import Place
from . import candidates_of, home_country, place_of
from .gazetteer import Entry, gazetteer
from .metonym import SEAT_KINDS
from .resolve import TOWNS, Profile, choose_entries

PROFILE_KINDS = (*TOWNS, "admin1", "admin2")  # places that say where a local paper is


@dataclass
class Article:
    """What refining needs of one document: its text, its places and where it was published."""

    text: str
    places: list[Place]
    url: str | None


def publication(url: str | None) -> str | None:
    """The publication an article came from: its URL's host, without "www."."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def refine(articles: list[Article]) -> list[list[Place]]:
    """Every article's places resolved again with its publication's other articles as
    context; an article alone from its publication keeps its places, unread."""
    names = gazetteer()
    keys = [publication(a.url) for a in articles]
    sizes = Counter(keys)
    shared = [i for i, (a, key) in enumerate(zip(articles, keys)) if key is not None and sizes[key] > 1 and a.places]
    spans = {i: [(p.start, p.end, p.text) for p in articles[i].places] for i in shared}
    candidates = {i: candidates_of(articles[i].text, spans[i], names) for i in shared}
    homes = {i: home_country(articles[i].url) for i in shared}
    profiles = {i: profile_of(choose_entries(candidates[i], homes[i])) for i in shared}
    totals: dict[str, Counter] = defaultdict(Counter)
    counts: Counter = Counter()
    for i, own in profiles.items():
        if own:
            totals[keys[i]].update(own)
            counts[keys[i]] += 1
    refined = [article.places for article in articles]
    for i, own in profiles.items():
        others = counts[keys[i]] - (1 if own else 0)
        if others < 1:
            continue
        context = {place: (total - own.get(place, 0.0)) / others for place, total in totals[keys[i]].items()}
        profile = {place: share for place, share in context.items() if share > 0}
        chosen = choose_entries(candidates[i], homes[i], profile=profile)
        refined[i] = [place_of(span, entry, confidence, names,
                               old.metonym and entry is not None and entry.kind in SEAT_KINDS)
                      for span, (entry, confidence), old in zip(spans[i], chosen, articles[i].places)]
    return refined


def profile_of(chosen: list[tuple[Entry | None, float]]) -> Profile:
    """The share of one article's towns, counties and states in each (country, state)."""
    counts = Counter((e.country, e.admin1) for e, _ in chosen if e is not None and e.country and e.kind in PROFILE_KINDS)
    total = sum(counts.values())
    return {place: n / total for place, n in counts.items()} if total else {}


def refine_records(records: list) -> None:
    """`refine` over pipeline records, in place: their places and their events' places."""
    refined = refine([Article(r.text, r.places, r.source.url) for r in records])
    for record, places in zip(records, refined):
        by_span = {(p.start, p.end): p for p in places}
        record.places = places
        for event in record.events:
            if event.place is not None:
                event.place = by_span.get((event.place.start, event.place.end), event.place)
