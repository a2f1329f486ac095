"""A capital that stands for its government: "Kyiv rejected the plan", "Moscow's aggression",
"military aid to Kyiv". The same name after "in" or "near", or naming a street or a
dateline, is the city itself. The seats are the places `data/actors.txt` codes as a
government (UKRGOV: Kyiv | Kiev); they are marked and still resolved to the place.
"""
from __future__ import annotations

import functools

from ..events.actors import actors
from .gazetteer import Entry

SEAT_KINDS = ("capital", "city", "admin1")  # what a government's seat may be resolved to
ACTING = {"nsubj", "nsubjpass", "poss", "agent", "dobj", "dative", "appos"}
# Prepositions whose object is someone dealt with ("aid to Kyiv", "talks with Moscow"), not a location.
DEALT_WITH = {"to", "with", "against", "on", "from", "toward", "towards", "by", "between", "for"}


@functools.cache
def _is_seat(name: str) -> bool:
    return any(a.code.endswith("GOV") for a in actors().lookup(name))


def is_metonym(doc, start: int, end: int, entry: Entry, name: str) -> bool:
    if entry.kind not in SEAT_KINDS or not _is_seat(name):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return _acting(span.root)


def _acting(token) -> bool:
    """An actor's place in the clause; "Kyiv and Washington" share theirs."""
    if token.dep_ == "conj" and token.head is not token:
        return _acting(token.head)
    return token.dep_ in ACTING or (token.dep_ == "pobj" and token.head.lower_ in DEALT_WITH)
