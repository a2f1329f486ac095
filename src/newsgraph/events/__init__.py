"""Who did what to whom: political event coding in CAMEO and PLOVER (issue 4).

`find_events(doc, entities, published, quotes=...)` codes the parsed body sentence by
sentence (`coder` says how one sentence becomes its events):

1. `predicates`: actions from the dependency parse (verbs, event nouns, light verbs'
   objects) with their source and target phrases, negation, modality and date words;
2. `model`: a small linear classifier, shipped as weights, says whether the sentence
   reports an event and of which group of roots;
3. `lexicon`: the action words give the CAMEO code inside that group;
4. `actors`: the actor dictionary and sector words give each side its code, dated by
   the day of the event (`dates`) or of publication where there is one.
"""
from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is loaded by the pipeline; the store reads actor codes without it
    from spacy.tokens import Doc, Span

from ..dates import publication_day
from ..entities.index import MentionIndex
from ..record import Entity, Event, Quote
from .coder import Coder
from .model import shipped

__all__ = ["find_events", "Coder"]


@functools.cache
def default_coder() -> Coder:
    return Coder(shipped())


def find_events(doc: Doc, entities: list[Entity], published: str | None = None, coder: Coder | None = None,
                quotes: list[Quote] = ()) -> list[Event]:
    """Every event `doc` reports, in text order. `quotes` give "we" and "our" inside a
    quotation its speaker ("it continues bombing our territory," Zelenskyy said)."""
    coder = coder or default_coder()
    day = publication_day(published)
    entity_at = EntityIndex(entities, quotes)
    events = []
    for sentence in doc.sents:
        events.extend(coder.code(sentence, day, entity_at))
    return events


FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}


class EntityIndex:
    """The entity an actor phrase belongs to: the one named at its head, else any named in
    it; inside a quotation, the speaker for "we", "us" or "our"."""

    def __init__(self, entities: list[Entity], quotes: list[Quote] = ()):
        self._named = MentionIndex(entities)
        by_id = {entity.id: entity for entity in entities}
        pieces = sorted(((start, end, by_id[q.speaker_entity]) for q in quotes if q.speaker_entity in by_id
                         for start, end in q.spans), key=lambda p: p[:2])
        self._quote_starts = [p[0] for p in pieces]
        self._quotes = pieces

    def speaker_at(self, char: int) -> Entity | None:
        i = bisect.bisect_right(self._quote_starts, char) - 1
        return self._quotes[i][2] if i >= 0 and char < self._quotes[i][1] else None

    def __call__(self, phrase: Span) -> Entity | None:
        head = phrase.root
        if head.lower_ in FIRST_PERSON or any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in head.children):
            speaker = self.speaker_at(head.idx)
            if speaker is not None:
                return speaker
        at_head = self._named.at(head.idx, head.idx + len(head))
        if at_head is not None:
            return at_head
        inside = [(start, entity) for start, end, entity in self._named.overlapping(phrase.start_char, phrase.end_char)
                  if start >= phrase.start_char and end <= phrase.end_char]
        return min(inside, key=lambda s: s[0])[1] if inside else None
