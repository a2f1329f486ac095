"""Who did what to whom: political event coding in CAMEO and PLOVER (issue 4).

`find_events(doc, entities, published)` codes the parsed body sentence by sentence:

1. `predicates`: actions from the dependency parse (verbs, event nouns, light verbs'
   objects) with their source and target phrases, negation and modality;
2. `model`: a small linear classifier, shipped as weights, says whether the sentence
   reports an event and of which group of roots;
3. `lexicon`: the action words give the CAMEO code inside that group;
4. `actors`: the actor dictionary and sector words give each side its code, dated by
   the publication date where there is one.
"""
from __future__ import annotations

import bisect
import functools
from datetime import date

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is loaded by the pipeline; the store reads actor codes without it
    from spacy.tokens import Doc, Span

from ..record import Entity, Event
from .coder import Coder
from .model import shipped

__all__ = ["find_events", "Coder"]


@functools.cache
def default_coder() -> Coder:
    return Coder(shipped())


def find_events(doc: Doc, entities: list[Entity], published: str | None = None, coder: Coder | None = None) -> list[Event]:
    """Every event `doc` reports, in text order, at most one a sentence."""
    coder = coder or default_coder()
    day = publication_day(published)
    entity_at = EntityIndex(entities)
    events = []
    for sentence in doc.sents:
        events.extend(coder.code(sentence, day, entity_at))
    return events


def publication_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


class EntityIndex:
    """The entity an actor phrase belongs to: the one named at its head, else any named in it."""

    def __init__(self, entities: list[Entity]):
        spans = sorted((m.start, m.end, entity) for entity in entities for m in entity.mentions)
        self._starts = [s[0] for s in spans]
        self._spans = spans

    def __call__(self, phrase: Span) -> Entity | None:
        head = phrase.root
        inside = []
        i = bisect.bisect_right(self._starts, phrase.end_char) - 1
        while i >= 0 and self._spans[i][0] > phrase.start_char - 200:  # no name runs 200 characters
            start, end, entity = self._spans[i]
            if start <= head.idx < end:
                return entity
            if start >= phrase.start_char and end <= phrase.end_char:
                inside.append((start, entity))
            i -= 1
        return min(inside, key=lambda s: s[0])[1] if inside else None
