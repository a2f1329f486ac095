"""Who said what: quotations, reported statements, their speakers and cues (issue 3).

`find_quotes(doc, entities)` reads the parsed body and its entities:

1. `marks`: the quoted stretches of the text;
2. `cues`: the words that attribute a statement (verbs, nouns, "according to");
3. `claims`: each cue's speaker and content from the dependency parse;
4. `assemble`: quotations joined to their cues, split quotes joined, cue-less quote
   paragraphs given to the last speaker;
5. `speakers`: each speaker mention resolved to its entity.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..record import Entity, Quote
from .assemble import find_claims
from .page import Page
from .speakers import Speakers

__all__ = ["find_quotes"]


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Every attributed statement of `doc`, in text order."""
    page = Page(doc)
    text = page.text
    claims = find_claims(page)
    speakers = Speakers(page, entities)
    quotes = []
    for claim in claims:
        speaker = speakers.resolve(claim)
        cue = claim.cue
        quotes.append(
            Quote(
                start=claim.start,
                end=claim.end,
                text=text[claim.start : claim.end],
                kind=page.kind(claim.pieces),
                spans=list(claim.pieces),
                speaker=speaker.name,
                speaker_entity=speaker.entity,
                speaker_start=speaker.start,
                speaker_end=speaker.end,
                cue=cue.text if cue else None,
                cue_start=cue.start if cue else None,
                cue_end=cue.end if cue else None,
            )
        )
    return quotes
