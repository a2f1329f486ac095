"""The entities stage: people, organisations, places and groups named in a document.

`find_entities(doc)` reads the spaCy `Doc` the pipeline already made (no second model
pass, plain Python over its entity spans and tokens, a few milliseconds an article):

1. `spans`: the model's name spans, repaired, with the titles before people's names;
   `recall.headed_names` adds names it missed that an organisation or place word heads;
2. `group`: mentions of one entity become one group (same name, part of a person's
   name, acronym, short form, misspelling, another name of one known place);
   `recall` adds the repeats and nested names the model missed;
3. `types`: one type per entity, decided over all its mentions;
4. `pronouns`: third-person pronouns join the entity they refer to, when the rules are
   confident.

Offsets index `doc.text`. A `Group` holds mentions of any kind: the pronoun resolver adds
`Candidate(kind="pronoun")` mentions to the groups `assemble` returns before
`entities_of` turns them into records; names, types and titles come from name mentions only.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from ..record import Entity, Mention
from . import recall
from .document import Document
from .group import (
    Group,
    Grouping,
    merge_acronyms,
    merge_misspellings,
    merge_name_parts,
    merge_place_variants,
    merge_short_forms,
)
from .mention import Candidate
from .pronouns import resolve_pronouns
from .spans import candidates

__all__ = ["find_entities", "assemble", "entities_of"]


def find_entities(doc: Doc) -> list[Entity]:
    """The named entities of `doc`, in order of first mention, ids e1, e2, ..."""
    document = Document(doc)
    grouping = assemble(document)
    resolve_pronouns(document, grouping)
    return entities_of(grouping)


def assemble(document: Document) -> Grouping:
    """Find the document's name mentions and group them into entities."""
    mentions = candidates(document)
    mentions = sorted(mentions + recall.headed_names(document, mentions), key=lambda m: m.start)
    grouping = Grouping(mentions)
    merge_name_parts(grouping)
    merge_misspellings(grouping)
    merge_acronyms(grouping, mentions, document.text)
    merge_short_forms(grouping)
    recall.add_missed_mentions(document, grouping)
    recall.add_nested_mentions(document, grouping)
    merge_place_variants(grouping)
    return grouping


def entities_of(grouping: Grouping) -> list[Entity]:
    """The typed groups as entities, in order of first mention; untyped ones are dropped."""
    entities = []
    for group in grouping.live():
        if group.type is not None:
            entities.append(_entity(f"e{len(entities) + 1}", group))
    return entities


def _entity(entity_id: str, group: Group) -> Entity:
    mentions = sorted(group.mentions, key=lambda m: (m.start_char, m.end_char))
    return Entity(
        id=entity_id,
        name=group.name,
        type=group.type,
        titles=_titles(mentions),
        mentions=[Mention(m.start_char, m.end_char, m.text, m.kind) for m in mentions],
    )


def _titles(mentions: Iterable[Candidate]) -> list[str]:
    """The titles the mentions carry, each once (first spelling), in order of first appearance."""
    seen: dict[str, str] = {}
    for mention in mentions:
        if mention.title:
            seen.setdefault(mention.title.casefold(), mention.title)
    return list(seen.values())
