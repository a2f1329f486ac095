"""Themes: what an article is about, sentence by sentence, with the words that say so.

`find_themes(doc)` matches the triggers of a taxonomy (`data/themes.txt`, whose header
documents the format) against the parsed body: a trigger word matches a token whose
lemma or lower-case form is the word ("peace talk" matches "peace talks", "strike"
matches "struck"), or the word's plural ("Peace Talks" in a headline, where spaCy tags
"Talks" a proper noun and keeps it as its lemma). At each token the longest trigger of a
theme wins, a theme's matches never overlap, and a theme's exceptions ("!trade war")
cancel the triggers they overlap. A theme is in the result when at least one trigger
matched; themes come most-matched first, each with its matches in text order and the
sentence each is in (offsets without the whitespace around the sentence, as the tone
stage's sentences).

Users add themes, or triggers to the shipped themes, in a file of the same format named
by `find_themes(doc, extra=path)` or the environment variable `NEWSGRAPH_THEMES`.
"""
from __future__ import annotations

import functools
import os
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc

from .record import Theme, ThemeMatch

__all__ = ["THEMES_ENV", "Taxonomy", "ThemeFileError", "find_themes", "load_taxonomy"]

THEMES_ENV = "NEWSGRAPH_THEMES"
HEADER = re.compile(r"(?P<name>[A-Z][A-Z0-9_]*)\s*:\s*(?P<label>.*)")
WORD = re.compile(r"\w")
EXCEPTION = "!"

Span = tuple[int, int]  # token indexes, end exclusive


class ThemeFileError(ValueError):
    """A themes file that cannot be read as a taxonomy; the message names the file and line."""


@dataclass
class ThemeEntry:
    """A theme as a file states it, before the shipped and the user's files are merged."""

    label: str | None
    line: int  # where the theme is first named, for error messages
    triggers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Trigger:
    theme: str
    forms: tuple[frozenset[int], ...]  # per word: the hashes of the forms that match it
    exception: bool


@dataclass(frozen=True)
class Taxonomy:
    """The themes' labels, and their triggers indexed by the forms of their first word."""

    labels: dict[str, str]  # name -> label, in the files' order
    first_forms: numpy.ndarray
    by_first_form: dict[int, list[Trigger]]


def error(source: str, number: int, reason: str, line: str) -> ThemeFileError:
    return ThemeFileError(f"{source}, line {number}: {reason}: {line.strip()!r}")


def split_triggers(line: str, source: str, number: int) -> list[str]:
    triggers = [trigger.strip() for trigger in line.split("|")]
    if not all(WORD.search(trigger) for trigger in triggers):
        raise error(source, number, "a trigger between '|' has no word", line)
    return triggers


def parse_themes(text: str, source: str) -> dict[str, ThemeEntry]:
    """Read `NAME: label` headers and their indented `trigger | trigger` lines."""
    entries: dict[str, ThemeEntry] = {}
    current: ThemeEntry | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0].isspace():
            if current is None:
                raise error(source, number, "triggers before any 'NAME: label' header", line)
            current.triggers.extend(split_triggers(stripped, source, number))
            continue
        header = HEADER.fullmatch(stripped)
        if header is None:
            reason = "expected a 'NAME: label' header (NAME in capitals) or an indented line of triggers"
            raise error(source, number, reason, line)
        if "|" in header["label"]:
            raise error(source, number, "a label cannot hold '|': triggers go on the indented lines below", line)
        current = entries.setdefault(header["name"], ThemeEntry(None, number))
        current.label = header["label"].strip() or current.label
    return entries


def merge(themes: dict[str, ThemeEntry], added: dict[str, ThemeEntry], source: str) -> dict[str, ThemeEntry]:
    """The shipped themes with a user's file on top: new themes, more triggers, new labels."""
    merged = {name: ThemeEntry(entry.label, entry.line, list(entry.triggers)) for name, entry in themes.items()}
    for name, entry in added.items():
        if name in merged:
            merged[name].label = entry.label or merged[name].label
            merged[name].triggers.extend(entry.triggers)
        elif not entry.label:
            raise error(source, entry.line, f"the new theme {name} needs a label", f"{name}:")
        elif not entry.triggers:
            raise error(source, entry.line, f"the new theme {name} has no triggers", f"{name}: {entry.label}")
        else:
            merged[name] = entry
    return merged


def plural(word: str) -> str:
    """English's regular plural: enough for title-case nouns spaCy leaves unlemmatised.

    Written here because no inflection library is a dependency, and irregular plurals
    only matter for the few proper-noun-tagged words the lemmatiser skips.
    """
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def word_forms(word: str) -> frozenset[int]:
    forms = {word, plural(word)} if word.isalpha() else {word}
    return frozenset(hash_string(form) for form in forms)


@functools.cache
def trigger_tokenizer():
    """spaCy's English tokenizer, so a trigger splits into words exactly as a text does ("cease-fire")."""
    return spacy.blank("en").tokenizer


def compile_taxonomy(themes: dict[str, ThemeEntry]) -> Taxonomy:
    pairs = [(name, trigger) for name, entry in themes.items() for trigger in dict.fromkeys(entry.triggers)]
    texts = (trigger.removeprefix(EXCEPTION).strip() for _, trigger in pairs)
    by_first_form: dict[int, list[Trigger]] = defaultdict(list)
    for (name, trigger), words in zip(pairs, trigger_tokenizer().pipe(texts)):
        forms = tuple(word_forms(word.lower_) for word in words if not word.is_space)
        compiled = Trigger(name, forms, trigger.startswith(EXCEPTION))
        for form in forms[0]:
            by_first_form[form].append(compiled)
    return Taxonomy(
        labels={name: entry.label or name for name, entry in themes.items()},
        first_forms=numpy.array(sorted(by_first_form), dtype=numpy.uint64),
        by_first_form=dict(by_first_form),
    )


def shipped_themes() -> dict[str, ThemeEntry]:
    text = resources.files("newsgraph").joinpath("data", "themes.txt").read_text(encoding="utf-8")
    return parse_themes(text, "themes.txt")


@functools.cache
def read_taxonomy(path: str | None) -> Taxonomy:
    themes = shipped_themes()
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ThemeFileError(f"cannot read themes file {path}: {exc}") from None
        themes = merge(themes, parse_themes(text, path), path)
    return compile_taxonomy(themes)


def load_taxonomy(extra: str | os.PathLike[str] | None = None) -> Taxonomy:
    """The shipped themes plus those of `extra`, else of $NEWSGRAPH_THEMES; read once per process."""
    path = extra or os.environ.get(THEMES_ENV) or None
    return read_taxonomy(os.fspath(path) if path else None)


def matched_spans(keys: numpy.ndarray, taxonomy: Taxonomy) -> dict[tuple[str, bool], dict[int, int]]:
    """For each (theme, is exception): the end of its longest trigger at each token that starts one.

    Whole arrays pick the tokens that can start a trigger; Python only looks at those.
    """
    lemmas, lowers = keys[:, 0].tolist(), keys[:, 1].tolist()
    candidates = numpy.flatnonzero(numpy.isin(keys, taxonomy.first_forms).any(axis=1)).tolist()
    ends: dict[tuple[str, bool], dict[int, int]] = defaultdict(dict)
    for start in candidates:
        for trigger in starting_triggers(taxonomy, lemmas[start], lowers[start]):
            end = start + len(trigger.forms)
            if end <= len(lemmas) and all(
                lemmas[i] in forms or lowers[i] in forms for i, forms in enumerate(trigger.forms[1:], start + 1)
            ):
                found = ends[trigger.theme, trigger.exception]
                found[start] = max(found.get(start, 0), end)
    return ends


def starting_triggers(taxonomy: Taxonomy, lemma: int, lower: int) -> list[Trigger]:
    triggers = taxonomy.by_first_form.get(lemma, [])
    if lower != lemma:
        triggers = triggers + taxonomy.by_first_form.get(lower, [])
    return triggers


def kept_spans(triggers: dict[int, int], exceptions: dict[int, int]) -> list[Span]:
    """Trigger spans, left to right, that overlap neither an exception nor an earlier span."""
    kept: list[Span] = []
    for start, end in sorted(triggers.items()):
        if kept and start < kept[-1][1]:
            continue
        if any(e_start < end and start < e_end for e_start, e_end in exceptions.items()):
            continue
        kept.append((start, end))
    return kept


@dataclass(frozen=True)
class Offsets:
    """Where tokens and sentences are in the text, read from whole arrays: the Token objects
    that `doc.sents`, `doc.text` and `doc[i]` create cost as much as all the matching."""

    starts: list[int]  # each token's first character
    ends: list[int]  # each token's end character
    sentences: list[int]  # each sentence's first token
    words: list[int]  # the tokens that are not whitespace

    @classmethod
    def of(cls, doc: Doc) -> Offsets:
        idx, length, sent_start, is_space = doc.to_array([IDX, LENGTH, SENT_START, IS_SPACE]).astype(numpy.int64).T
        sentences = numpy.flatnonzero(sent_start == 1)  # none in a Doc without sentence boundaries
        return cls(
            starts=idx.tolist(),
            ends=(idx + length).tolist(),
            sentences=[0, *sentences[sentences > 0].tolist()],
            words=numpy.flatnonzero(is_space == 0).tolist(),
        )

    def sentence(self, token: int) -> tuple[int, int]:
        """The start and end character of the sentence of `token` (not whitespace), without
        the whitespace around it."""
        number = bisect_right(self.sentences, token) - 1
        end = self.sentences[number + 1] if number + 1 < len(self.sentences) else len(self.starts)
        first = self.words[bisect_left(self.words, self.sentences[number])]
        last = self.words[bisect_left(self.words, end) - 1]
        return self.starts[first], self.ends[last]

    def match(self, doc: Doc, start: int, end: int) -> ThemeMatch:
        return ThemeMatch(self.starts[start], self.ends[end - 1], doc[start:end].text, *self.sentence(start))


def find_themes(doc: Doc, extra: str | os.PathLike[str] | None = None) -> list[Theme]:
    """The themes of the parsed text, most-matched first, each with its triggering words.

    `extra` is a themes file adding to the shipped taxonomy; None means $NEWSGRAPH_THEMES.
    """
    if not len(doc):
        return []
    taxonomy = load_taxonomy(extra)
    ends = matched_spans(doc.to_array([LEMMA, LOWER]), taxonomy)
    spans = {
        theme: kept
        for (theme, exception), triggers in ends.items()
        if not exception and (kept := kept_spans(triggers, ends.get((theme, True), {})))
    }
    if not spans:
        return []
    offsets = Offsets.of(doc)
    themes = [
        Theme(name, taxonomy.labels[name], [offsets.match(doc, start, end) for start, end in theme_spans])
        for name, theme_spans in spans.items()
    ]
    return sorted(themes, key=lambda theme: (-len(theme.matches), theme.matches[0].start))
