"""Speakers: from the words that stood for the speaker to the entity they name.

A name or a pronoun the entities stage resolved is looked up among the entities'
mentions. A name in apposition names the speaker ("the minister, Anna Berg,"), and what a person
owns speaks for them ("Zelenskyy's statements"). A role ("the former
president", "the Ukrainian leader") is the latest person
before it whose title holds that word. A pronoun the entities stage left alone is the
speaker of the previous quote when that speaker can be called so ("he" for a person,
"they" for a group or an organisation). Anything else stays as written, with no entity.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..record import Entity
from .claims import Claim
from .page import Page

PERSONAL = {"he", "him", "his", "she", "her", "hers"}
PLURAL = {"they", "them", "their"}


@dataclass(frozen=True)
class Speaker:
    name: str | None = None
    entity: str | None = None
    start: int | None = None
    end: int | None = None


class Speakers:
    """Resolves claims' speakers in text order, remembering the last one resolved."""

    def __init__(self, page: Page, entities: list[Entity]):
        self.doc = page.doc
        self.text = page.text
        self.entities = entities
        self.last: Speaker | None = None

    def resolve(self, claim: Claim) -> Speaker:
        if claim.speaker is None or claim.speaker_head is None:
            return Speaker()
        start, end = claim.speaker
        head = self.doc[claim.speaker_head]
        entity = self._entity_at(head.idx, head.idx + len(head.text))
        for related in (c for c in head.children if c.dep_ in ("appos", "poss")):
            if entity is None:  # "The minister, Anna Berg, said", "Zelenskyy's statements reinforce"
                entity = self._entity_at(related.idx, related.idx + len(related.text))
        if entity is None and head.pos_ == "PRON":
            entity = self._previous_speaker(head.lower_)
        elif entity is None and head.pos_ == "NOUN":
            entity = self._role_holder(head.lemma_.lower(), start)
        if entity is None:
            return Speaker(self.text[start:end], None, start, end)
        speaker = Speaker(entity.name, entity.id, start, end)
        self.last = speaker
        return speaker

    def _entity_at(self, start: int, end: int) -> Entity | None:
        for entity in self.entities:
            if any(m.start < end and start < m.end for m in entity.mentions):
                return entity
        return None

    def _previous_speaker(self, pronoun: str) -> Entity | None:
        if self.last is None or self.last.entity is None:
            return None
        entity = next(e for e in self.entities if e.id == self.last.entity)
        if pronoun in PERSONAL and entity.type == "PERSON":
            return entity
        if pronoun in PLURAL and entity.type in ("ORG", "GROUP"):
            return entity
        return None

    def _role_holder(self, role: str, before: int) -> Entity | None:
        """The person mentioned last before `before` whose titles hold `role`."""
        best, best_at = None, -1
        for entity in self.entities:
            if entity.type != "PERSON" or not any(role in title.lower().split() for title in entity.titles):
                continue
            seen = [m.start for m in entity.mentions if m.start < before]
            if seen and max(seen) > best_at:
                best, best_at = entity, max(seen)
        return best
