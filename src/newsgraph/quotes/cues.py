"""Cues: the words that attribute a statement to someone.

A cue is a verb of saying, thinking or claiming in any tense ("said", "has argued",
"believes"), a noun that carries a statement ("in a statement", "his remarks"), or the
phrase "according to". The lexicons are plain files (`data/cue_verbs.txt`,
`data/cue_nouns.txt`) that users can extend; the parse decides the part of speech, so
"the report" is a nominal cue and "reported" a verbal one. A noun entry may be two words
("news conference").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from ..entities.lexicon import words

CueKind = Literal["verb", "noun", "according to", "dash", "colon"]


@dataclass(frozen=True)
class Cue:
    start: int  # character offsets into the Doc's text
    end: int
    text: str
    kind: CueKind
    token: int  # index of the cue's head token


def find_cues(doc: Doc, text: str | None = None) -> list[Cue]:
    """Every cue in `doc`, in text order (`text` is `doc.text`, if the caller has it)."""
    text = doc.text if text is None else text
    verbs, nouns = words("cue_verbs"), words("cue_nouns")
    cues = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cues.append(_cue(text, tok, doc[tok.i + 1], "according to"))
        elif tok.pos_ == "VERB" and (lemma in verbs or _base_form(tok.lower_, verbs) or _reports_a_clause(tok)):
            cues.append(_cue(text, tok, tok, "verb"))
        elif tok.pos_ in ("NOUN", "PROPN"):
            before = doc[tok.i - 1] if tok.i else None
            if before is not None and f"{before.lower_} {lemma}" in nouns:  # "news conference"
                cues.append(_cue(text, before, tok, "noun"))
            elif lemma in nouns:
                cues.append(_cue(text, tok, tok, "noun"))
    return cues


def _base_form(word: str, verbs: frozenset[str]) -> bool:
    """Whether an inflected form of a listed verb was lemmatised to something else
    ("hopes" to "hop"): the regular endings taken off, with and without a final "e"."""
    for ending in ("s", "es", "d", "ed", "ing"):
        stem = word.removesuffix(ending)
        if stem != word and (stem in verbs or stem + "e" in verbs):
            return True
    return False


def _reports_a_clause(verb: Token) -> bool:
    """A verb outside the lists that someone uses to put a "that" or "whether" clause:
    "she was convinced that", "he signalled that". Verbs of being, causing and meaning
    take such clauses without attributing them."""
    if verb.lemma_.lower() in words("not_cue_verbs"):
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return has_subject and any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") for g in c.children)
        for c in verb.children
    )


def _cue(text: str, first: Token, last: Token, kind: CueKind) -> Cue:
    start, end = first.idx, last.idx + len(last.text)
    return Cue(start, end, text[start:end], kind, first.i)
