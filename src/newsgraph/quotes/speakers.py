"""Speakers: from the words that stood for the speaker to the entity they name.

A name or a pronoun the entities stage resolved is looked up among the entities'
mentions. A name in apposition names the speaker ("the minister, Anna Berg,"), and what
a person owns speaks for them ("Zelenskyy's statements"). A role ("the former
president", "the Ukrainian leader") is the latest person before it whose title holds
that word. A pronoun the entities stage left alone is the speaker named last before it
when that speaker can be called so ("he" for a person, "they" or "it" for an
organisation, a group, or words with no entity such as "the operators' association").
Anything else stays as written, with no entity.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..entities.index import MentionIndex
from ..record import Entity
from .claims import RELATIVE_PRONOUNS, Claim
from .page import Page

PERSONAL = {"he", "him", "his", "she", "her", "hers"}
PLURAL = {"they", "them", "their"}
NEUTER = {"it", "its"}


@dataclass(frozen=True)
class Speaker:
    name: str | None = None
    entity: str | None = None
    start: int | None = None
    end: int | None = None
    type: str | None = None  # the entity's type; None for words with no entity ("the operators")


class Speakers:
    """Resolves claims' speakers in text order, remembering the last one resolved."""

    def __init__(self, page: Page, entities: list[Entity]):
        self.doc = page.doc
        self.text = page.text
        self.last: Speaker | None = None
        self._named = MentionIndex(entities)
        # each titled person's mention starts, looked up by bisection
        self._titled = [
            (entity, {word for title in entity.titles for word in title.lower().split()}, sorted(m.start for m in entity.mentions))
            for entity in entities
            if entity.type == "PERSON" and entity.titles
        ]

    def resolve(self, claim: Claim) -> Speaker:
        if claim.speaker is None or claim.speaker_head is None:
            return Speaker()
        start, end = claim.speaker
        head = self.doc[claim.speaker_head]
        entity = self._named.at(head.idx, head.idx + len(head.text))
        related = [c for c in head.children if c.dep_ in ("appos", "poss")] + ([head.head] if head.dep_ == "appos" else [])
        for other in related:
            if entity is None:  # "The minister, Anna Berg, said", "Zelenskyy's statements", "Ana Ruiz, a nurse who said"
                entity = self._named.at(other.idx, other.idx + len(other.text))
        if entity is None and head.pos_ == "PRON":
            previous = self._previous_speaker(head.lower_)
            if previous is not None:
                return Speaker(previous.name, previous.entity, start, end, previous.type)
        elif entity is None and head.pos_ == "NOUN":
            entity = self._role_holder(head.lemma_.lower(), start)
        if entity is None:
            words = self.text[start:end]
            if words.lower() in RELATIVE_PRONOUNS:  # "officials, who worry that": the officials
                words = self.text[head.left_edge.idx : head.idx + len(head.text)]
            speaker = Speaker(words, None, start, end)
        else:
            speaker = Speaker(entity.name, entity.id, start, end, entity.type)
        if head.pos_ != "PRON":
            self.last = speaker
        return speaker

    def _previous_speaker(self, pronoun: str) -> Speaker | None:
        """The last speaker named before, if the pronoun can stand for it."""
        last = self.last
        if last is None:
            return None
        if pronoun in PERSONAL:
            return last if last.type == "PERSON" else None
        if pronoun in PLURAL:
            return last if last.type in ("ORG", "GROUP", None) else None
        if pronoun in NEUTER:
            return last if last.type in ("ORG", "PLACE", None) else None
        return None

    def _role_holder(self, role: str, before: int) -> Entity | None:
        """The person mentioned last before `before` whose titles hold `role`."""
        best, best_at = None, -1
        for entity, title_words, starts in self._titled:
            k = bisect_left(starts, before)
            if role in title_words and k and starts[k - 1] > best_at:
                best, best_at = entity, starts[k - 1]
        return best
