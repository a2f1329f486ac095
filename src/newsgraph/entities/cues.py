"""What the words around a name say about what it names.

* "Paris, an Australian woman, ..." - an apposition headed by a person noun: a person.
* "Sweden 1 – 0 Korea Republic" - a place name beside a match score: a team.
* "Irving, Texas." - two names written as a town and its region: places.
"""
from __future__ import annotations

import re

from . import lexicon
from .document import Document
from .mention import Candidate

# A match score right after or right before a name: "Sweden 1 – 0", "3-2 England".
SCORE_AFTER = re.compile(r"\s*\d{1,2}\s*[–-]\s*\d{1,2}\b")
SCORE_BEFORE = re.compile(r"\b\d{1,2}\s*[–-]\s*\d{1,2}\s*$")
SCORE_REACH = 12  # characters before a name searched for a score
LIST_GOES_ON = re.compile(r",\s*(and|or)\b")
LIST_REACH = 8  # characters after a name searched for a list going on
APPOSITION_WORDS = 6  # how far after the comma an apposition's head noun is looked for
# Words that end an apposition before its head noun is reached.
APPOSITION_STOPS = {"VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ"}


def mark(document: Document, candidate: Candidate) -> None:
    """Note what the words around one mention say about its type."""
    candidate.person_cue = candidate.person_cue or _person_apposition(document, candidate.end)
    candidate.team_cue = candidate.label in {"PLACE", None} and _beside_score(document, candidate)


def mark_towns(document: Document, found: list[Candidate]) -> None:
    """Mark both names of "X, Y." as places when the model takes one for a place: that is how
    towns are written ("Irving, Texas"; "Livorno, Tuscany"). Not in a list ("Poland,
    Hungary, and ...") nor for nationalities ("Polish, Ukrainian").
    """
    for town, region in zip(found, found[1:]):
        after = document.text[region.end_char : region.end_char + LIST_REACH].lstrip()
        if (
            "PLACE" in {town.label, region.label}
            and "GROUP" not in {town.label, region.label}
            and document.text[town.end_char : region.start_char] == ", "
            and (not after or (after[0] in ".,;:)!?" and not LIST_GOES_ON.match(after)))
            and not (town.person_cue or region.person_cue)
        ):
            town.place_cue = region.place_cue = True


def score_starts_at(document: Document, char: int) -> bool:
    return SCORE_AFTER.match(document.text, char) is not None


def score_ends_at(document: Document, char: int) -> bool:
    return SCORE_BEFORE.search(document.text[max(0, char - SCORE_REACH) : char]) is not None


def _person_apposition(document: Document, end: int) -> bool:
    """Does an apposition headed by a person noun follow ("Paris, an Australian woman, ...")?"""
    if end >= document.size or document.lowers[end] != ",":
        return False
    for token in document.doc[end + 1 : end + 1 + APPOSITION_WORDS]:
        if token.lower_ in lexicon.words("person_nouns"):
            return True
        if token.is_punct or token.pos_ in APPOSITION_STOPS:
            return False
    return False


def _beside_score(document: Document, candidate: Candidate) -> bool:
    return score_starts_at(document, candidate.end_char) or score_ends_at(document, candidate.start_char)
