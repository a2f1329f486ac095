"""Choosing among a name's gazetteer entries with the whole article as context.

Population alone sends every "Paris" to France and every "Columbus" to Ohio. A local
story names its state, its county and its neighbouring towns; a war story names the
countries at war. So each mention's candidates are scored in two rounds:

1. a prior: the population (log), and the kind of place (a country or a state is what a
   bare name means far more often than a hamlet of the same name);
2. the article: how much of the weight of the article's other names (as the round before
   left their candidates) lies in the candidate's country, first-level region and (in the
   US) county, and
   whether one of their likeliest towns lies within `NEAR_KM` of it. "Dublin, Ga." pins a
   town to its state outright. The country of the publication's domain, and the states its
   other articles name (`publications.py`), count as more names.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Entry

NEAR_KM = 150.0
TOWNS = ("city", "capital")
# What a bare name means before the article is read, added to log10(population). A US state
# carries its towns' population; other first-level regions have none in the sources, so
# a region and its capital city ("Kyiv", "Paris") compete on the city's population.
KIND_PRIOR = {"continent": 9.0, "region": 7.0, "water": 7.0, "country": 9.0, "admin1": 5.0, "admin2": 4.0,
              "capital": 3.0, "city": 0.0}
ALTERNATE_PENALTY = 3.0  # a place matched only by another language's name for it, or a demoted name
COUNTRY_WEIGHT = 10.0
ADMIN1_WEIGHT = 10.0
COUNTY_WEIGHT = 10.0
NEAR_WEIGHT = 3.0
NEUTRAL_SHARE = 0.5
PUBLICATION_WEIGHT = 2.0  # the publication's other articles count as this many names
# The score of "none of these": a name whose readings are all hamlets the article gives no
# support ("Island businesses" in a Scottish story is no Kentucky village) stays unresolved.
# A postal town without population (prior 1.0) needs the article's country or state.
NOTHING_SCORE = 2.5


@dataclass
class Candidates:
    """One mention's gazetteer entries, and the state its words pin it to ("Dublin, Ga.")."""

    entries: tuple[Entry, ...]
    state: Entry | None = None


def prior(entry: Entry) -> float:
    return (math.log10(entry.population + 10) + KIND_PRIOR[entry.kind]
            - (ALTERNATE_PENALTY if entry.alternate else 0.0))


def km(a: Entry, b: Entry) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


# Where a publication's articles are: shares of (country, first-level code), summing to 1.
Profile = dict[tuple[str, str | None], float]


def choose_entries(mentions: list[Candidates], home: str | None = None, rounds: int = 2,
                   profile: Profile | None = None) -> list[tuple[Entry | None, float]]:
    """The chosen entry of each mention and a confidence (its share of the scores' softmax,
    where "none of these" has `NOTHING_SCORE`).

    Each round reads the article as the previous one left it: every other name spreads its
    weight over its candidates as they stand ("Lamar County" is in five states: a fifth
    of a vote each), so a town gets the support of its county even when the county is
    itself ambiguous. `home`, the country the publication is from, counts as one more name;
    `profile`, where its other articles are, as `PUBLICATION_WEIGHT` more.
    """
    beliefs = [softmax([prior(e) for e in m.entries] + [NOTHING_SCORE]) for m in mentions]
    for _ in range(rounds):
        contexts = contexts_of(mentions, beliefs, home, profile)
        beliefs = [softmax([score(e, m, contexts[m.entries]) for e in m.entries] + [NOTHING_SCORE]) if m.entries else []
                   for m in mentions]
    return [likeliest(m, belief) for m, belief in zip(mentions, beliefs)]


def likeliest(mention: Candidates, belief: list[float]) -> tuple[Entry | None, float]:
    """The entry believed most and its belief; none where there is no entry or "none of these" wins."""
    if not belief:
        return None, 0.0
    best = max(range(len(belief)), key=belief.__getitem__)
    return (mention.entries[best], belief[best]) if best < len(mention.entries) else (None, 0.0)


@dataclass
class Context:
    """What the article's other names say, as shares of their weight."""

    countries: Counter
    states: Counter
    counties: Counter
    towns: list[Entry]  # the likeliest reading of each other town
    size: int


def contexts_of(mentions: list[Candidates], beliefs: list[list[float]], home: str | None = None,
                profile: Profile | None = None) -> dict[tuple, Context]:
    """For each name (its candidates), what the article's other names say: the totals less
    the name's own share, so a long article costs one pass, not one per pair of mentions."""
    totals, by_name = Context(Counter(), Counter(), Counter(), [], 0), {}
    if home:
        totals.countries[home] += 1
        totals.size += 1
    for (country, admin1), share in (profile or {}).items():
        totals.countries[country] += PUBLICATION_WEIGHT * share
        if admin1:
            totals.states[(country, admin1)] += PUBLICATION_WEIGHT * share
    if profile:
        totals.size += PUBLICATION_WEIGHT
    for mention, belief in zip(mentions, beliefs):
        if not mention.entries:
            continue
        own = by_name.setdefault(mention.entries, Context(Counter(), Counter(), Counter(), [], 0))
        for part in (totals, own):
            part.size += 1
            for entry, p in zip(mention.entries, belief):
                if entry.country:
                    part.countries[entry.country] += p
                if entry.admin1:
                    part.states[(entry.country, entry.admin1)] += p
                if entry.admin2:
                    part.counties[(entry.country, entry.admin1, entry.admin2)] += p
        town, _ = likeliest(mention, belief)
        if town is not None and town.lat is not None and town.kind in TOWNS and town not in own.towns:
            own.towns.append(town)
    towns = {t.id: t for part in by_name.values() for t in part.towns}
    return {name: Context(totals.countries - own.countries, totals.states - own.states, totals.counties - own.counties,
                          [t for i, t in towns.items() if all(i != o.id for o in own.towns)], totals.size - own.size)
            for name, own in by_name.items()}


def softmax(scores: list[float]) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def score(entry: Entry, mention: Candidates, around: Context) -> float:
    value = prior(entry)
    if mention.state is not None:
        pinned = entry.country == mention.state.country and entry.admin1 == mention.state.admin1
        value += 20.0 if pinned else -20.0
    if around.size:
        # A place across borders (a continent, a sea, the Middle East) is in no country to agree with: neutral.
        share = around.countries[entry.country] / around.size if entry.country else NEUTRAL_SHARE
        value += COUNTRY_WEIGHT * share
        if entry.admin1:
            value += ADMIN1_WEIGHT * around.states[(entry.country, entry.admin1)] / around.size
        if entry.admin2:
            value += COUNTY_WEIGHT * around.counties[(entry.country, entry.admin1, entry.admin2)] / around.size
        if entry.lat is not None and entry.kind in TOWNS and any(km(entry, o) < NEAR_KM for o in around.towns):
            value += NEAR_WEIGHT
    return value
