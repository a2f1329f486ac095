"""Amounts: the numbers a text gives, normalised so "$60 billion" is 6e10 USD.

A regex over the text finds the numbers, not spaCy's MONEY/CARDINAL entities: the small
model misses "1.5bn", "€40m" and "₹1,150 crore", cuts "$5m" to "5" and calls "between 10
and 20" a date. spaCy's parse and entities then say what each number is:

- a currency sign or name ("$", "Rs", "US$", "euros", "yuan"; `data/amount_words.txt`)
  makes unit "currency" with `currency` its ISO 4217 code ("$" and "dollars" are USD);
  "%", "percent", "per cent" make unit "percent" ("percentage points", "basis points" are
  units of their own);
- otherwise the unit is the lemma of the noun the number counts: "two million people" ->
  "people", "three soldiers" -> "soldier", "20,000 tonnes" -> "tonne", "45 of the 60
  drones" -> "drone";
- `object` says what a sum or share is of: the noun it modifies ("a $60 billion Ukraine aid
  package" -> "Ukraine aid package") or its "in"/"of" phrase ("$2 million in bribes" ->
  "bribes", "14% of voters" -> "voters"); a phrase hanging on the verb is not read ("spent
  $5m on roads" has none). For a count it is the counted words ("displaced people"), for
  a measure what it measures ("20,000 tonnes of grain" -> "grain");
- a range ("between 10 and 20 tanks", "$10-20 billion", "5 to 7 percent") gives one amount
  per number, each lending the other the scale, currency, percent and noun it lacks;
- not amounts: years (a bare four-digit integer from 1000 to 2099: "2022", "the 2024
  election"; AP style writes counts of thousands with a comma), dates, times and
  durations (a number in a DATE/TIME entity or counting a time noun: "March 3", "2 p.m.",
  "three days"), ordinals ("21st"), fractions ("two thirds"), numbers in names
  ("COVID-19", "G7", "Boeing 737", "Article 5", "Flight 17": a number after the noun it
  labels), digit chains ("555-123-4567", "3/4", "10:30");
- a number with no noun is kept with unit None when written in figures ("the toll rose to
  45") and dropped when written in words ("one of them", "no one");
- "m" against the digits with no currency is a million before a plural noun ("5m people")
  and metres otherwise ("a 5m wall").
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .record import Amount

ONES = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {
    "zero": 0,
    **{word: value for value, word in enumerate(ONES + TEENS, start=1)},
    **dict(zip(TENS, range(20, 100, 10))),
}
DIGITS = r"(?!0\d)(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?"  # 1,150 | 1,00,000 (Indian) | 2.5
PERCENT_WORDS = r"per\s?cent|percent|pct|percentage\s+points?|basis\s+points?"
RANGE = r"\s*[-–]\s*|\s+(?:to|and|or)\s+"
NOT_BEFORE = r"(?<![\w.,/:#№+\-−$£€¥₹])"  # "G7", "COVID-19", "3/4", "No.5", an unknown sign
NOT_AFTER = r"(?![\w%]|[.,/:]\d|[-–−]\w)"  # "21st", "1990s", "555-123-4567", "5-year"
SPACE = r"[^\S\n]"  # what the patterns' \s stands for: an amount never runs across a line break
GROUPS = ("sign", "before", "quantity", "short", "percent", "per", "after")  # of one number, in text order
QUANTITY_WORDS = re.compile(r"[\d.,]+|[^\W\d_]+")

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "FAC", "GPE", "LOC", "NORP", "LANGUAGE"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
MEASURE_LABEL = "QUANTITY"
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "quantmod"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
FIRST_YEAR, LAST_YEAR = 1000, 2099
MILLION = 1e6


@dataclass(frozen=True)
class AmountWords:
    """The currency names and signs, scale words and time nouns of `data/amount_words.txt`."""

    before: tuple[str, ...]  # signs and codes written before the number, as the file writes them
    after: tuple[str, ...]  # names and codes written after it
    currencies: dict[str, str]  # key() of a sign or name -> ISO 4217 code
    scales: dict[str, float]
    short: dict[str, float]  # abbreviated scales: "bn", "m"
    time_nouns: frozenset[str]
    fractions: frozenset[str]  # "two thirds" is no count of thirds

    @classmethod
    def read(cls, text: str) -> AmountWords:
        kinds = ("before", "after", "scale", "short", "time", "fraction")
        tables: dict[str, dict[str, str]] = {kind: {} for kind in kinds}
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, colon, entries = line.partition(":")
            kind, _, value = head.strip().partition(" ")
            if not colon or kind not in tables:
                raise ValueError(f"amount_words.txt line {number}: expected 'KIND VALUE: word | word', got {line!r}")
            for entry in entries.split("|"):
                tables[kind][" ".join(entry.split())] = value
        return cls(
            before=tuple(tables["before"]),
            after=tuple(tables["after"]),
            currencies={key(form): code for kind in ("before", "after") for form, code in tables[kind].items()},
            scales={form.lower(): float(value) for form, value in tables["scale"].items()},
            short={form.lower(): float(value) for form, value in tables["short"].items()},
            time_nouns=frozenset(form.lower() for form in tables["time"]),
            fractions=frozenset(form.lower() for form in tables["fraction"]),
        )


def key(words: str) -> str:
    return " ".join(words.lower().split())


@functools.cache
def amount_words() -> AmountWords:
    text = resources.files("newsgraph").joinpath("data", "amount_words.txt").read_text(encoding="utf-8")
    return AmountWords.read(text)


def alternatives(forms: Iterable[str]) -> str:
    """A regex alternation of `forms`, longest first; forms in capitals ("USD") match only so."""
    ordered = sorted(forms, key=len, reverse=True)
    escaped = (r"\s+".join(map(re.escape, form.split())) for form in ordered)
    return "|".join(f"(?-i:{form})" if original.isupper() else form for original, form in zip(ordered, escaped))


def number_pattern(part: str, words: AmountWords) -> str:
    """One number with its sign, currency, scale and percent; groups are suffixed with `part`."""
    small = rf"(?:(?:{'|'.join(TENS)})(?:(?:-|\s)(?:{'|'.join(ONES)}))?|{alternatives(NUMBER_WORDS)})"
    in_words = rf"{small}(?:\s+hundred(?:\s+and)?\s+{small})?"  # "one hundred and fifty"
    scale = rf"(?:{alternatives(words.scales)})(?!\w)"
    letters = [form for form in words.short if len(form) == 1]  # "40m" but never "40 m"
    abbreviation = rf"(?:{alternatives(letters)}|\s?(?:{alternatives(set(words.short) - set(letters))}))(?!\w)"
    return rf"""
        (?P<sign_{part}>[-−]|(?<!plus\sor\s)minus\s+)?
        (?:(?P<before_{part}>{alternatives(words.before)})\s?)?
        (?P<quantity_{part}>
            (?:half\s+a|a(?:\s+half)?)\s+{scale}(?:\s+{scale})*
          | (?:{DIGITS}|{in_words})(?:\s+and\s+a\s+half)?(?:(?:\s+|-){scale})*
        )
        (?P<short_{part}>{abbreviation})?
        (?:\s?(?P<percent_{part}>%|pc(?!\w))
          | \s+(?P<per_{part}>{PERCENT_WORDS})(?!\w)
          | \s+(?P<after_{part}>{alternatives(words.after)})(?!\w)
        )?"""


@functools.cache
def amount_pattern() -> re.Pattern[str]:
    """A number, or a range of two ("between 10 and 20", "$10-20 billion"), not glued to a name."""
    words = amount_words()
    pattern = rf"{NOT_BEFORE}{number_pattern('a', words)}(?:(?:{RANGE}){number_pattern('b', words)})?{NOT_AFTER}"
    return re.compile(pattern.replace(r"\s", SPACE), re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True)
class Reading:
    """One number as written, before the parse says what it counts."""

    start: int
    end: int
    text: str
    number: float  # signed, before its scale
    scale: float | None
    currency: str | None
    unit: str | None  # "currency", "percent", "percentage point", "basis point" or None
    figures: bool  # written in digits, not words
    short_m: bool  # "m" against the digits: a million, or metres

    @property
    def value(self) -> float:
        return self.number * (self.scale or 1)

    @property
    def is_year(self) -> bool:
        bare = self.scale is None and self.unit is None
        return bare and self.figures and self.text.isdigit() and FIRST_YEAR <= self.number <= LAST_YEAR

    def amount(self, value: float | None = None, unit: str | None = None, object: str | None = None) -> Amount:
        return Amount(
            start=self.start,
            end=self.end,
            text=self.text,
            value=self.value if value is None else value,
            unit=self.unit or unit,
            currency=self.currency,
            object=object,
        )


def read_number(match: re.Match[str], part: str) -> Reading | None:
    """The `part` ("a" or "b") of a match, or None when the match has no such part."""
    if match.group(f"quantity_{part}") is None:
        return None
    words = amount_words()
    number, scale = read_quantity(match.group(f"quantity_{part}"), words.scales)
    short = key(match.group(f"short_{part}") or "")
    if short:
        scale = (scale or 1) * words.short[short]
    currency_words = match.group(f"before_{part}") or match.group(f"after_{part}")
    currency = words.currencies[key(currency_words)] if currency_words else None
    if match.group(f"sign_{part}"):
        number = -number
    written = [f"{group}_{part}" for group in GROUPS if match.group(f"{group}_{part}") is not None]
    start, end = match.start(written[0]), match.end(written[-1])
    return Reading(
        start=start,
        end=end,
        text=match.string[start:end],
        number=number,
        scale=scale,
        currency=currency,
        unit="currency" if currency else percent_unit(match.group(f"percent_{part}") or match.group(f"per_{part}")),
        figures=any(char.isdigit() for char in match.group(f"quantity_{part}")),
        short_m=short == "m" and currency is None,
    )


def read_quantity(text: str, scales: dict[str, float]) -> tuple[float, float | None]:
    """(number, scale) of "1,150 crore", "three and a half million", "half a dozen"."""
    number, counted, scale = 0.0, False, None
    for word in QUANTITY_WORDS.findall(text.lower()):
        if word[0].isdigit():
            number += float(word.replace(",", ""))
        elif word in NUMBER_WORDS:
            number += NUMBER_WORDS[word]
        elif word == "half":
            number += 0.5
        elif word == "hundred" and scale is None:  # part of the number: "one hundred and fifty thousand"
            number = (number if counted else 1) * 100
        elif word in scales:
            scale = (scale or 1) * scales[word]
            continue
        else:  # "a", "and"
            continue
        counted = True
    return (number if counted else 1.0), scale


def percent_unit(words: str | None) -> str | None:
    if words is None:
        return None
    words = key(words)
    if words.startswith("percentage"):
        return "percentage point"
    if words.startswith("basis"):
        return "basis point"
    return "percent"


def share(first: Reading, second: Reading) -> tuple[Reading, Reading]:
    """Lend each end of a range what the text wrote once: "$10-20 billion", "5 to 7 percent"."""
    return (
        dataclasses.replace(first, scale=first.scale or second.scale, currency=first.currency or second.currency,
                            unit=first.unit or second.unit),
        dataclasses.replace(second, currency=second.currency or first.currency, unit=second.unit or first.unit),
    )


def find_amounts(doc: Doc) -> list[Amount]:
    """The amounts `doc`'s text gives, in text order."""
    amounts = []
    for match in amount_pattern().finditer(doc.text):
        readings = [reading for reading in (read_number(match, "a"), read_number(match, "b")) if reading]
        if len(readings) == 2:
            readings = list(share(*readings))
        if readings[0].is_year:  # "2019-20", "between 2014 and 2022": both ends are dates
            continue
        whole = doc.char_span(match.start(), match.end(), alignment_mode="expand")  # both ends of a range
        for reading in readings:
            span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
            amount = interpret(reading, span, whole)
            if amount is not None and math.isfinite(amount.value):
                amounts.append(amount)
    return amounts


def interpret(reading: Reading, span: Span, whole: Span) -> Amount | None:
    """The amount a number gives, with its unit and object; None for dates, years and names.

    `span` is the number's tokens, `whole` those of its range, whose noun and object both ends share.
    """
    if reading.unit is not None:
        return reading.amount(object=object_of(whole))
    if reading.is_year or is_name(span) or is_label(span):
        return None
    noun = counted_noun(whole)
    if noun is not None and (is_time(noun) or noun.lemma_.lower() in amount_words().fractions):
        return None
    if noun is None and any(token.ent_type_ in TIME_LABELS for token in span):
        return None
    if reading.short_m and (noun is None or noun.tag_ not in PLURAL_TAGS):
        metres = reading.value / MILLION
        return reading.amount(value=metres, unit="m", object=noun_words(noun, whole.end) if noun else None)
    if noun is None:
        return reading.amount() if reading.figures else None
    return reading.amount(unit=noun.lemma_.lower(), object=counted_words(noun, whole.end))


def is_name(span: Span) -> bool:
    return any(token.ent_type_ in NAME_LABELS for token in span)


def is_label(span: Span) -> bool:
    """A number after the noun it labels: "Article 5", "Flight 17", "Resolution 2334"."""
    first = span[0]
    return first.i > 0 and first.head.i == first.i - 1 and first.head.pos_ in ("NOUN", "PROPN")


def counted_noun(span: Span) -> Token | None:
    """The noun a number counts: "45 [missiles]", "3,000 glide [bombs]", "two million displaced
    [people]", "45 of the 60 [drones]"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].pos_ == "NOUN":
        noun = doc[span.end]
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ == "NOUN":
            noun = noun.head
        return noun
    partitive = (noun for noun in prepositional_objects(span.root, "of") if noun.tag_ == "NNS")
    return modified_noun(span) or next(partitive, None)


def object_of(span: Span) -> str | None:
    """What a sum or share is of: the noun it modifies, else its "of" or "in" phrase."""
    root = span.root
    if root.head.lower_ == "worth":  # "$5 billion worth of weapons"
        root = root.head
    else:
        noun = modified_noun(span)
        if noun is not None:
            return None if is_time(noun) or is_unit(noun) else noun_words(noun, span.end)
    phrases = (noun_words(noun, span.end) for noun in prepositional_objects(root, "of", "in") if is_object(noun))
    return next(phrases, None)


def is_object(noun: Token) -> bool:
    """The noun of an "of" phrase, or a bare common noun of an "in" phrase ("in bribes", not "in the capital")."""
    if is_time(noun) or is_unit(noun):
        return False
    if noun.head.lower_ == "of":
        return noun.pos_ in ("NOUN", "PROPN")
    return noun.pos_ == "NOUN" and not any(left.dep_ in ("det", "poss") for left in noun.lefts)


def counted_words(noun: Token, floor: int) -> str | None:
    """The counted words ("displaced people"), or for a measure ("20,000 tonnes of grain") what it measures."""
    if noun.ent_type_ != MEASURE_LABEL:
        return noun_words(noun, floor)
    return next((noun_words(measured, floor) for measured in prepositional_objects(noun, "of")), None)


def modified_noun(span: Span) -> Token | None:
    """The noun just after a number that the number modifies: "$60 billion Ukraine aid [package]"."""
    root = span.root
    head = root.head
    if root.dep_ in MODIFIER_DEPS and head.pos_ == "NOUN" and span.end <= head.i <= span.end + 3:
        return head
    return None


def prepositional_objects(token: Token, *prepositions: str) -> Iterator[Token]:
    """The objects of `token`'s prepositions: "bribes" of "$2 million in bribes"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in prepositions:
            yield from (child for child in prep.children if child.dep_ == "pobj")


def noun_words(noun: Token, floor: int) -> str:
    """A noun with the modifiers right before it ("Ukraine aid package"), none before token `floor`."""
    doc, start = noun.doc, noun.i
    for left in reversed(list(noun.lefts)):
        if left.dep_ not in MODIFIER_DEPS or left.right_edge.i != start - 1 or left.left_edge.i < floor:
            break
        if left.dep_ == "nummod" and doc[left.i - 1].pos_ != "PROPN":
            break  # "the 60 drones" is an amount of its own; "Boeing 737" is a name
        start = left.left_edge.i
    return doc[start : noun.i + 1].text


def is_unit(token: Token) -> bool:
    """A currency or percent word, which the amount itself says: never its object."""
    return token.lower_ in ("percent", "cent", "%") or key(token.text) in amount_words().currencies


def is_time(token: Token) -> bool:
    return token.ent_type_ in TIME_LABELS or token.lemma_.lower() in amount_words().time_nouns
