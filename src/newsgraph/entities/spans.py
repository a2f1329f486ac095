"""Candidate name mentions: spaCy's entity spans with the boundary errors that matter repaired.

spaCy's small model marks names well enough but cuts them badly for a graph: it keeps
"the" and a possessive "'s" inside ("the Church of Scientology's"), swallows titles
("President Trump"), runs across a line break ("Election Results\\nEddie Chu"), a bracket
("World Health Organisation (WHO") or two names ("Rathbun the Scientology"), stops inside
a hyphenated name ("Wong Kwok" of "Wong Kwok-hing"), cuts one name in two ("the Andy
Warhol Foundation" + "the Visual Arts") and takes a capitalised common word at a
sentence start for a name ("Iodine deficiency is ..."). Each span is cut down to the name
itself; the title in front of a person's name (inside the span or just before it) is kept
as their title.
"""
from __future__ import annotations

import re

from . import cues, names, titles
from .document import HYPHENS, Document
from .mention import Candidate

# spaCy label -> newsgraph type
SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "GROUP"}
# Labels spaCy also puts on names of organisations and places ("the Sydney Morning Herald"
# as EVENT): such spans are kept with no type and survive only if a word rule types them.
UNTYPED_LABELS = {"EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
POSSESSIVES = {"'s", "’s", "'", "’"}
# Letters after a name and its comma that are honours, not names: "Mark Smith, QC".
POST_NOMINALS = {"QC", "KC", "SC", "MP", "MEP", "MD", "PHD", "JR", "SR", "OBE", "MBE", "CBE", "KBE", "ESQ"}
# The word a photo credit starts with: "... Ahmed Mohamed Image: Twitter".
CREDIT_WORDS = {"image", "photo", "picture", "video", "credit", "source", "file"}
# Small words that may sit inside a name before "the": "Bank of the West".
JOINERS = {"of", "for", "and", "&", "on", "in", "at", "to", "de", "upon"}
# What may stand between two halves of one organisation's name.
NAME_JOINS = {" of ", " of the ", " for ", " for the "}
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z.&]{1,9})\)")  # " (OSCE)" after a name
SEPARATORS = {"(", ")", "[", "]", ":", ";"}  # no name runs across these
GIVEN_NAMES = 2  # at most this many left-out given names are taken back
ADJECTIVE_TAGS = {"JJ", "JJR", "JJS"}
# Tags of words that are no name on their own ("Iodine", "disco club").
COMMON_TAGS = {"NN", "JJ", "JJR", "JJS", "VBG", "VBN", "VBD", "VB", "VBZ", "VBP", "RB", "IN", "DT"}


def candidates(document: Document) -> list[Candidate]:
    """Repaired name mentions from the doc's entity spans, in document order."""
    found = []
    for ent in document.doc.ents:
        if ent.label_ in SPACY_TYPES:
            label = SPACY_TYPES[ent.label_]
        elif ent.label_ in UNTYPED_LABELS:
            label = None
        else:
            continue
        if label in {"PLACE", "ORG"} and all(t.tag_ in ADJECTIVE_TAGS for t in ent):
            label = "GROUP"  # "Polish", "Ukrainian" labelled as places: nationalities
        for start, end in _pieces(document, ent.start, ent.end):
            candidate = repair(document, start, end, label)
            if candidate is not None:
                found.append(candidate)
    found = _outside_titles(_join_split_names(document, found))
    cues.mark_towns(document, found)
    for candidate in found:
        cues.mark(document, candidate)
    return found


def repair(document: Document, start: int, end: int, label: str | None) -> Candidate | None:
    """Cut tokens [start, end) down to the name they hold, or None when they hold none."""
    start, end = _whole_words(document, start, end, label)
    start, end = _outside_score(document, start, end)
    while start < end and (
        document.lowers[start] == "the" or _is_punct(document, start) or document.is_common_word(start)
    ):
        start += 1
    end = _headline_name_end(document, start, end)
    while end > start and _is_tail(document, end - 1):
        end -= 1
    if start >= end or _is_stray(document, start, end, label):
        return None
    if label != "PERSON" and (person_start := _person_after_title(document, start, end)) is not None:
        start, label = person_start, "PERSON"
    name_start, person_cue = titles.strip_leading(document, start, end, strip_titles=label == "PERSON")
    if label == "PERSON":
        name_start = _given_names_before(document, name_start)
    if not _looks_like_name(document, name_start, end):
        return None
    title = titles.before(document, name_start)
    if title is not None or (name_start > 0 and titles.is_honorific(document, name_start - 1)):
        person_cue = True
    return Candidate.of(
        document, name_start, end, label,
        title=document.span_text(title[0], title[1]) if title else None,
        title_domain=(title[2], title[1]) if title and title[2] is not None else None,
        person_cue=person_cue,
    )


def _person_after_title(document: Document, start: int, end: int) -> int | None:
    """Where a person's name starts in a span that swallowed their title with the name of
    what they serve ("United Nations Special Envoy Amara Okonkwo"), or None."""
    for i in range(start + 1, end - 1):
        length = titles.length_starting_at(document, i, end - 2)
        if length and all(document.starts_capitalised(j) for j in range(i + length, end)):
            return i + length
    return None


def _pieces(document: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at line breaks, brackets, colons, a possessive and a "the" between two
    names: no name holds them ("Warden's Memphis Street" names Warden and a street)."""
    pieces = []
    piece = start
    for i in range(start, end):
        token = document.doc[i]
        if token.is_space or token.text in SEPARATORS or _splits_at_possessive(document, i, piece, end):
            pieces.append((piece, i))
            piece = i + 1
        elif "\n" in token.whitespace_:
            pieces.append((piece, i + 1))
            piece = i + 1
        elif token.text == "the" and i > piece and document.lowers[i - 1] not in JOINERS:
            pieces.append((piece, i))
            piece = i
    pieces.append((piece, end))
    return [(s, e) for s, e in pieces if e > s]


def _splits_at_possessive(document: Document, i: int, piece: int, end: int) -> bool:
    """Is token i a possessive between two names? Not after a common word, nor before a
    last word alone: those make one name ("Korean People's Army", "New People's Party")."""
    return (
        (document.doc[i].tag_ == "POS" or document.texts[i] in POSSESSIVES) and piece < i and i + 2 < end
        and document.lowers[i - 1] not in document.lower_words
    )


def _join_split_names(document: Document, found: list[Candidate]) -> list[Candidate]:
    """Join an organisation's name the model cut in two at "of"/"for" ("the Andy Warhol
    Foundation" + "for the Visual Arts")."""
    joined: list[Candidate] = []
    for candidate in found:
        last = joined[-1] if joined else None
        if last is not None and (
            last.label == candidate.label == "ORG"
            and document.text[last.end_char : candidate.start_char].lower() in NAME_JOINS
            or last.label == "ORG" and _spelled_by_acronym_after(document, last, candidate)
        ):
            joined[-1] = Candidate.of(document, last.start, candidate.end, "ORG")
        else:
            joined.append(candidate)
    return joined


def _spelled_by_acronym_after(document: Document, first: Candidate, second: Candidate) -> bool:
    """Do two names joined by a small word make one name whose acronym follows in brackets
    ("Organization for Security and Co-operation" + "in Europe" + "(OSCE)")?"""
    if document.text[first.end_char : second.start_char].lower() not in NAME_JOINS | {" in ", " in the "}:
        return False
    bracketed = ACRONYM_AFTER.match(document.text, second.end_char)
    if bracketed is None:
        return False
    acronym = bracketed.group(1).replace(".", "")
    return acronym in names.initials(document.text[first.start_char : second.end_char]) and (
        acronym not in names.initials(first.text)
    )


def _outside_titles(found: list[Candidate]) -> list[Candidate]:
    """Drop the domain of a person's title: "Education" of "Minister of Education Jane Doe"."""
    domains = [c.title_domain for c in found if c.title_domain is not None]
    return [c for c in found if not any(first <= c.start and c.end <= last for first, last in domains)]


def _given_names_before(document: Document, start: int) -> int:
    """Take back into a person's name the given names the model left out ("Enver" of
    "Enver Solomon"): unlabelled proper nouns right before it, titles excepted."""
    first = start
    while (
        first > 0 and start - first < GIVEN_NAMES
        and document.doc[first - 1].tag_ == "NNP" and not document.doc[first - 1].ent_type_
        and document.starts_capitalised(first - 1) and not document.glued(first - 1, first)
        and not document.is_common_word(first - 1)
        and not titles.length_ending_at(document, first - 1) and not titles.is_honorific(document, first - 1)
    ):
        first -= 1
    return first


def _headline_name_end(document: Document, start: int, end: int) -> int:
    """In the headline, end a name before a capitalised word the body never capitalises
    ("Washington Post" of "Washington Post Hit Piece Exploits ...")."""
    for i in range(start + 1, min(end, document.headline_end)):
        if document.starts_capitalised(i) and document.is_common_word(i):
            return i
    return end


def _outside_score(document: Document, start: int, end: int) -> tuple[int, int]:
    """Cut a match score out of a span: "Sweden 1 –", "2 England" (of "1 – 2 England")."""
    doc = document.doc
    while start < end and doc[start].like_num and cues.score_ends_at(document, doc[start].idx + len(doc[start])):
        start += 1
    for i in range(start + 1, end):
        if doc[i].like_num and cues.score_starts_at(document, doc[i].idx):
            return start, i
    return start, end


def _whole_words(document: Document, start: int, end: int, label: str | None) -> tuple[int, int]:
    """Widen a span cut inside a hyphenated word: back always ("pro-Beijing", no name then),
    forward for a person ("Wong Kwok" -> "Wong Kwok-hing")."""
    while start >= 2 and document.lowers[start - 1] in HYPHENS and document.glued(start - 1, start):
        start -= 2
    while (
        label == "PERSON" and end + 1 < document.size
        and document.lowers[end] in HYPHENS and document.glued(end - 1, end + 1)
    ):
        end += 2
    return start, end


def _is_tail(document: Document, i: int) -> bool:
    """Is token i something a name never ends with (a possessive, punctuation, a word in
    lower case, "Image:")?"""
    token = document.doc[i]
    if token.text in POSSESSIVES or token.tag_ == "POS" or _is_punct(document, i):
        return True
    if token.text.islower() and not (i > 0 and document.glued(i - 1, i)):  # "ki" of "Ka-ki" stays
        return True
    return token.lower_ in CREDIT_WORDS and i + 1 < document.size and document.lowers[i + 1] == ":"


def _is_stray(document: Document, start: int, end: int, label: str | None) -> bool:
    """Is tokens [start, end) no name whatever its label says?

    Common words alone ("disco club": tagged so and written in lower case elsewhere),
    honours after a name ("Smith, QC"), a place name with digits (a product: "IE6"), a
    name glued into a hyphenated word ("Scientology-owned"), the inside of a title
    ("State" of "Secretary of State").
    """
    tokens = document.doc[start:end]
    if label != "GROUP" and all(t.tag_ in COMMON_TAGS and t.lower_ in document.lower_words for t in tokens):
        return True
    if start > 0 and document.lowers[start - 1] == "," and tokens.text.replace(".", "").upper() in POST_NOMINALS:
        return True
    if label == "PLACE" and any(_letters_and_digits(t.text) for t in tokens):
        return True
    if label != "PERSON" and document.hyphenated(start, end):
        return True
    return titles.inside(document, start, end)


def _letters_and_digits(word: str) -> bool:
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _is_punct(document: Document, i: int) -> bool:
    token = document.doc[i]
    return (token.is_punct or not any(c.isalnum() for c in token.text)) and token.text != "&"


def _looks_like_name(document: Document, start: int, end: int) -> bool:
    """A name starts with a capital or a digit ("501st Legion") and is not a bare title."""
    first = document.doc[start].text[:1]
    return (first.isupper() or first.isdigit()) and not titles.is_bare(document, start, end)
