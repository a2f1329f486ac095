"""Person titles: "former U.S. President" before "Donald Trump", "Mr" before "Key".

Titles come from `data/person_titles.txt` (roles, matched case-insensitively, several
words allowed) and honorifics from `data/honorifics.txt` (courtesy titles: evidence of a
person, never reported as a title). A title may be qualified in front by modifiers
("former", "acting") and by the words of a nationality, place or organisation name
("Ukrainian President", "Google CEO"), and name its domain ("Minister of Education",
"CEO of the Refugee Council").
"""
from __future__ import annotations

import functools

from . import lexicon
from .document import Document

LONGEST_TITLE = 5  # tokens ("editor-in-chief" is five)
LONGEST_DOMAIN = 4  # capitalised words after "of" in a title ("Minister of Foreign Affairs")
# Words that may stand before a title and belong to it: "former U.S. President".
TITLE_MODIFIERS = {
    "former", "then", "acting", "interim", "deputy", "vice", "assistant", "associate", "senior",
    "junior", "late", "incoming", "outgoing", "current", "ex", "-", "newly", "elected",
    "chief", "top", "fellow", "shadow", "special",
}
# Entity labels whose words may qualify a title: "Ukrainian President", "Google CEO".
QUALIFIER_LABELS = {"NORP", "GPE", "ORG", "LOC"}


@functools.cache
def _title_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of titles, to skip most tokens at a glance."""
    titles = lexicon.words("person_titles")
    firsts = {t.split()[0] for t in titles} | {t.split()[0].split("-")[0] for t in titles}
    lasts = {t.split()[-1] for t in titles} | {t.split()[-1].split("-")[-1] for t in titles}
    return frozenset(firsts), frozenset(lasts)


def _is_title(document: Document, first: int, last: int) -> bool:
    firsts, lasts = _title_edges()
    if document.lowers[first] not in firsts or document.lowers[last] not in lasts:
        return False
    return document.lower_text(first, last + 1) in lexicon.words("person_titles")


def length_ending_at(document: Document, last: int, lowest: int = 0) -> int:
    """Tokens in the longest title ending at token `last` and starting at or after `lowest`."""
    for first in range(max(lowest, last - LONGEST_TITLE + 1), last + 1):
        if _is_title(document, first, last):
            return last + 1 - first
    return 0


def length_starting_at(document: Document, first: int, highest: int) -> int:
    """Tokens in the longest title starting at token `first` and ending at or before `highest`."""
    for last in range(min(highest, first + LONGEST_TITLE - 1), first - 1, -1):
        if _is_title(document, first, last):
            return last + 1 - first
    return 0


def is_honorific(document: Document, i: int) -> bool:
    return document.lowers[i] in lexicon.words("honorifics")


def strip_leading(document: Document, start: int, end: int, strip_titles: bool) -> tuple[int, bool]:
    """Move the start of a span past honorifics (always) and titles (if `strip_titles`).

    Returns the new start and whether a title or honorific was passed.
    """
    passed = False
    while start < end - 1:
        if is_honorific(document, start):
            start += 1
            passed = True
        elif strip_titles and (length := length_starting_at(document, start, end - 1)):
            start += length
            passed = True
        elif strip_titles and document.lowers[start] in TITLE_MODIFIERS and length_starting_at(document, start + 1, end - 1):
            start += 1
        else:
            break
    return start, passed


def before(document: Document, name_start: int) -> tuple[int, int, int | None] | None:
    """The title written before the name at `name_start`: its tokens [start, end) and
    where its bare domain starts, if it names one ("Minister of Education Jane Doe").

    A title may be followed by an honorific ("Undersecretary for Education Mr. Toccafondi").
    A domain with "the" ("CEO of the Refugee Council") is a name of its own.
    """
    end = name_start - 1 if name_start > 0 and is_honorific(document, name_start - 1) else name_start
    i = end - 1
    domain = _domain_start(document, i)
    if domain is not None and length_ending_at(document, domain - 1):
        i = domain - 1
    else:
        domain = None
    first = None
    while i >= 0:
        length = length_ending_at(document, i)
        if length:
            i -= length
            first = i + 1
        elif first is not None and _qualifies(document, i):
            first = i
            i -= 1
        else:
            break
    if first is None:
        return None
    bare_domain = domain + 1 if domain is not None and document.lowers[domain + 1] != "the" else None
    return first, end, bare_domain


def _domain_start(document: Document, last: int) -> int | None:
    """The "of"/"for" starting a title's domain, a name the model found, that ends at token
    `last` ("of Education")."""
    i = last
    while i >= 0 and last - i < LONGEST_DOMAIN and document.starts_capitalised(i) and document.doc[i].ent_type_:
        i -= 1
    if i == last:
        return None
    if i >= 0 and document.lowers[i] == "the":
        i -= 1
    return i if i > 0 and document.lowers[i] in {"of", "for"} else None


def _qualifies(document: Document, i: int) -> bool:
    """May token i stand before a title as part of it ("former", "Ukrainian", "U.S.")?"""
    if document.lowers[i] in TITLE_MODIFIERS:
        return True
    token = document.doc[i]
    return token.ent_type_ in QUALIFIER_LABELS and token.text[:1].isupper()


def inside(document: Document, start: int, end: int) -> bool:
    """Is tokens [start, end) a part of a longer title ("State" in "Secretary of State")?"""
    for first in range(max(0, end - LONGEST_TITLE), start + 1):
        for last in range(end, min(document.size, first + LONGEST_TITLE) + 1):
            if (first, last) != (start, end) and _is_title(document, first, last - 1):
                return True
    return False


def is_bare(document: Document, start: int, end: int) -> bool:
    """Is tokens [start, end) a title or honorific alone, with no name ("President")?"""
    return length_ending_at(document, end - 1, start) == end - start or is_honorific(document, end - 1)
