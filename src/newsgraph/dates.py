"""Dates and durations the text gives, as ISO 8601, resolved against the publication date.

spaCy's DATE entities (and TIME ones, for "Wednesday night" and "four hours") say where
dates are; a small grammar of patterns over each entity's words says what it is and reads
it: a day ("March 3, 2024", "yesterday", "on Thursday"), a month ("March 2024", "next
month"), a year ("2022", "last year"), a range ("last week", "the 1990s", "from 2014 to
2022") or a duration ("three-year-long" is P3Y). Ages ("62-year-old") and times of day
("2 p.m.") are not dates. Where two readings overlap, the one starting first, then the
longest, wins ("two days ago" is a day, not a two-day duration). The patterns' groups hold
the numbers, so the reading is plain date arithmetic (dateparser, at about a millisecond a
call, reads only numbered dates like "12/03/2024"); `read` caches it by words and day.

Relative words need the publication date: without one their value is None, never guessed
from today's clock. Words that leave the direction open are read as news uses them:
"on Thursday" and "in December" are the latest such day or month on or before the
publication date, "June 12" the nearest June 12 to it; or the next one on or after it when
their clause speaks of the future ("will meet on Tuesday", "is due in June"). A modifier
keeps the period it modifies: "mid-March" is that March, "the end of 2025" is 2025. spaCy's
span is kept: "in 2022" gives "2022", "between 2019 and 2023" all four words.
"""
from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from .record import DateMention

if TYPE_CHECKING:  # spaCy is loaded by the pipeline
    from spacy.tokens import Doc, Span

# English names written out: `calendar.month_name` follows the process locale.
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
# A unit word's first three letters: its ISO 8601 designator and how many of that designator it is.
UNITS = {"hou": ("H", 1), "day": ("D", 1), "wee": ("W", 1), "mon": ("M", 1), "yea": ("Y", 1),
         "dec": ("Y", 10), "cen": ("Y", 100)}
STEPS = {"H": timedelta(hours=1), "D": timedelta(days=1), "W": timedelta(weeks=1)}
DATE_LABELS = ("DATE", "TIME")
RANGE_WORDS = {"to", "until", "till", "through", "-", "–", "—"}  # what joins "2014" to "2022" across two entities
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo"}  # spaCy splits "won't" into "wo" and "n't"
FUTURE_VERBS = {"plan", "schedule", "due", "set", "expect", "intend", "go"}  # "is due to", "is going to"

MONTH = r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" \
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
WEEKDAY = rf"\b(?:{'|'.join(WEEKDAYS)})\b"
NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER = rf"(?<![\d.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|\b(?:{NUMBER_WORD})\b)"
UNIT = r"\b(?:hour|day|week|month|year|decade|centur(?:y|ie))s?\b"
MODIFIER = r"(?:(?:\bearly|\bmid|\blate|\bthe\s+(?:end|beginning|start|middle)\s+of)[\s-]*)?"
ORDINAL = r"(?:st|nd|rd|th)?"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
YEAR_AFTER = r"(?:,?\s+(?P<year>\d{4})\b)?"
WEEKDAY_BEFORE = rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?"  # "Monday, May 6"
DAY = rf"(?P<day>\d{{1,2}}){ORDINAL}(?!\d)"
TWO_DAYS = r"(?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})"  # "18-19 May"
MONTH_DAY = rf"{WEEKDAY_BEFORE}(?P<month>{MONTH})\s+(?:the\s+)?{DAY}{YEAR_AFTER}"
DAY_MONTH = rf"{WEEKDAY_BEFORE}(?:\bthe\s+)?\b{DAY}\s+(?:of\s+)?(?P<month>{MONTH}){YEAR_AFTER}"
MONTH_YEAR = rf"(?P<month>{MONTH})(?:(?:,|\s+of)?\s+(?P<year>\d{{4}})\b)?"


def unnamed(pattern: str) -> str:
    """`pattern` with its named groups made plain, to nest it in another pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


POINT = rf"(?:{unnamed(MONTH_DAY)}|{unnamed(DAY_MONTH)}|{unnamed(MONTH_YEAR)}|\b\d{{4}}\b)"


class Anchor(NamedTuple):
    """What relative words are read against: the publication day, and the clause's tense."""

    day: date | None
    future: bool = False


class Reading(NamedTuple):
    """One date in some words: where it is (offsets in the words) and what it means."""

    start: int
    end: int
    value: str | None
    resolution: str | None  # None: words that block a reading ("62-year-old")
    relative: bool


Meaning = tuple[str | None, str | None, bool]  # value, resolution, relative


# The readers: each takes a match and the anchor, and gives its meaning or None.

def not_a_date(match: re.Match, anchor: Anchor) -> Meaning:
    return None, None, False


def duration(match: re.Match, anchor: Anchor) -> Meaning:
    designator, size = unit_of(match["unit"])
    count = number(match["n"]) * size
    amount = int(count) if count.is_integer() else count
    return (f"PT{amount}H" if designator == "H" else f"P{amount}{designator}"), "duration", False


def ago(match: re.Match, anchor: Anchor) -> Meaning:
    designator, size = unit_of(match["unit"])
    count = number(match["n"]) * size
    resolution = {"H": "day", "D": "day", "W": "day", "M": "month", "Y": "year"}[designator]
    if anchor.day is None:
        return None, resolution, True
    back = shift(anchor.day, -count, designator)
    return iso(back, resolution), resolution, True


def window(match: re.Match, anchor: Anchor) -> Meaning | None:
    """ "The past two years", "the coming week", "the last decade": a span ending or starting now."""
    direction, unit = match["dir"].lower(), match["unit"].lower()
    if match["n"] is None:
        if unit.endswith("s"):
            return None  # "the coming weeks" has no length
        if direction not in ("past", "coming") and unit[:3] not in ("dec", "cen"):
            return None  # "last week" is a calendar week (`calendar_period`)
    if anchor.day is None:
        return None, "range", True
    designator, size = unit_of(unit)
    count = (number(match["n"]) if match["n"] else 1) * size
    if direction in ("coming", "next"):
        return f"{anchor.day}/{shift(anchor.day, count, designator)}", "range", True
    return f"{shift(anchor.day, -count, designator)}/{anchor.day}", "range", True


def calendar_period(match: re.Match, anchor: Anchor) -> Meaning | None:
    """ "Last week", "this month", "earlier this year", "over the weekend"."""
    which, unit = match["which"].lower(), match["unit"].lower()
    if which == "the" and unit != "weekend":
        return None
    resolution = {"week": "range", "weekend": "range", "month": "month", "year": "year"}[unit]
    if anchor.day is None:
        return None, resolution, True
    step = {"last": -1, "previous": -1, "this": 0, "the": 0, "next": 1}[which]
    day = anchor.day
    if unit == "year":
        return str(day.year + step), resolution, True
    if unit == "month":
        return iso(shift(day, step, "M"), "month"), resolution, True
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
    if unit == "week":
        return f"{monday}/{monday + timedelta(days=6)}", resolution, True
    if which == "the" and not anchor.future and day.weekday() < 5:
        monday -= timedelta(weeks=1)  # "over the weekend" in Monday's paper: the one just gone
    return f"{monday + timedelta(days=5)}/{monday + timedelta(days=6)}", resolution, True


def weekday(match: re.Match, anchor: Anchor) -> Meaning:
    """ "Thursday" is the latest Thursday on or before the publication day (that day itself in
    Thursday's paper), or the next one on or after it when the clause speaks of the future."""
    if anchor.day is None:
        return None, "day", True
    which = (match["which"] or "").lower()
    named = WEEKDAYS.index(match["weekday"].lower())
    back = (anchor.day.weekday() - named) % 7
    ahead = (named - anchor.day.weekday()) % 7
    if which in ("last", "past"):
        offset = -(back or 7)
    elif which == "next":
        offset = ahead or 7
    else:
        offset = ahead if anchor.future else -back
    return (anchor.day + timedelta(days=offset)).isoformat(), "day", True


def day_word(match: re.Match, anchor: Anchor) -> Meaning:
    if anchor.day is None:
        return None, "day", True
    words = " ".join(match[0].lower().split())
    offset = -1 if words in ("yesterday", "last night") else 1 if words == "tomorrow" else 0
    return (anchor.day + timedelta(days=offset)).isoformat(), "day", True


def calendar_day(match: re.Match, anchor: Anchor) -> Meaning:
    """ "March 3, 2024", "the 3rd of March", "2024-03-03". Without a year it is the nearest such
    day to the publication date (news leaves out the current year: "the meeting on June 12" in
    May's paper is next month's), or the next one when the clause speaks of the future, or
    the one on the weekday the words name ("Monday, May 6")."""
    named = match["month"]
    month_of_year = int(named) if named.isdigit() else month_number(named)
    day_of_month = int(match["day"])
    if match["year"]:
        found = valid_date(int(match["year"]), month_of_year, day_of_month)
        return (found.isoformat(), "day", False) if found else (None, None, False)  # "February 30" is no date
    if anchor.day is None:
        return None, "day", True
    options = [d for step in (-1, 0, 1) if (d := valid_date(anchor.day.year + step, month_of_year, day_of_month))]
    if match["weekday"]:
        options = [d for d in options if WEEKDAYS[d.weekday()] == match["weekday"].lower()] or options
    elif anchor.future:
        options = [d for d in options if d >= anchor.day]
    if not options:
        return None, None, False
    nearest = min(options, key=lambda d: (abs(d - anchor.day), d > anchor.day))
    return nearest.isoformat(), "day", True


def numeric_day(match: re.Match, anchor: Anchor) -> Meaning:
    """ "12/03/2024", read by dateparser, which knows which order its settings put day and month in."""
    import dateparser  # here: it takes ~75 ms to import, and numbered dates are rare in news

    found = dateparser.parse(match[0], languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return (found.date().isoformat(), "day", False) if found else (None, None, False)


def month(match: re.Match, anchor: Anchor) -> Meaning:
    """ "March 2024", or "December": the latest December on or before the publication month
    (the next one on or after it when the clause speaks of the future)."""
    named = month_number(match["month"])
    if match["year"]:
        return f"{match['year']}-{named:02d}", "month", False
    if anchor.day is None:
        return None, "month", True
    which = (match["which"] or "").lower()
    now = anchor.day.month
    year = anchor.day.year
    if which == "last":
        year -= named >= now
    elif which == "next":
        year += named <= now
    elif which != "this":
        year += (named < now) if anchor.future else -(named > now)
    return f"{year}-{named:02d}", "month", True


def year(match: re.Match, anchor: Anchor) -> Meaning:
    return match["year"], "year", False


def decade(match: re.Match, anchor: Anchor) -> Meaning:
    first = int(match["decade"]) * 10 if match["decade"] else 1900 + int(match["short"]) * 10
    return f"{first:04d}/{first + 9:04d}", "range", False


def century(match: re.Match, anchor: Anchor) -> Meaning | None:
    first = (int(match["n"]) - 1) * 100
    return (f"{first:04d}/{first + 99:04d}", "range", False) if first >= 0 else None


def days_of_a_month(match: re.Match, anchor: Anchor) -> Meaning | None:
    """ "May 18-19" and "18-19 May 2024": two days of one month."""
    tail = f" {match['year']}" if match["year"] else ""
    return spanning(f"{match['month']} {match['first']}{tail}", f"{match['month']} {match['last']}{tail}", anchor)


def between(match: re.Match, anchor: Anchor) -> Meaning | None:
    """ "From 2014 to 2022", "2022-23", "between 2019 and 2023", "April–November 2025"."""
    if match["to"].lower() == "and" and (match["opening"] or "").lower() != "between":
        return None  # "in 2015 and 2022" names two years
    first, last = match["a"], match["b"]
    if len(last) == 2:  # "2022-23"
        if not first.isdigit() or len(first) != 4 or int(last) <= int(first[2:]):
            return None
        last = first[:2] + last
    return spanning(first, last, anchor)


def spanning(first: str, last: str, anchor: Anchor) -> Meaning | None:
    """The range from one point to another; the first borrows the last one's year when it names
    none ("from March 3 to May 5, 2024"), a year earlier if that would put it after the last."""
    end = point(last, anchor)
    if end is None:
        return None
    start = point(first, anchor)
    if start is None:
        return None
    if not re.search(r"\d{4}", first) and end.value and start.resolution == end.resolution:
        start = point(f"{first} {end.value[:4]}", anchor)
        if start and start.value and start.value > end.value:
            start = point(f"{first} {int(end.value[:4]) - 1}", anchor)
    if start is None or (start.value and end.value and start.value > end.value):
        return None
    value = f"{start.value}/{end.value}" if start.value and end.value else None
    return value, "range", start.relative or end.relative


# Where two readings start at the same place the longer wins, then the one listed first.
READERS: list[tuple[re.Pattern, Callable[[re.Match, Anchor], Meaning | None]]] = [
    (re.compile(pattern, re.IGNORECASE), reader) for pattern, reader in [
        (rf"{NUMBER}[\s-]+(?:year|month|week|day)s?[\s-]+old\b|\baged\s+\d+", not_a_date),
        (rf"(?:\b(?P<opening>from|between)\s+)?(?P<a>{POINT})\s*(?P<to>[-–—]|\bto\b|\buntil\b|\btill\b|\bthrough\b"
         rf"|\band\b)\s*(?P<b>{POINT}|\b\d{{2}}\b)", between),
        (rf"(?P<month>{MONTH})\s+{TWO_DAYS}(?!\d){YEAR_AFTER}", days_of_a_month),
        (rf"\b{TWO_DAYS}\s+(?P<month>{MONTH}){YEAR_AFTER}", days_of_a_month),
        (rf"(?:\bthe\s+)?{MODIFIER}(?:\b(?P<decade>[12]\d{{2}})0s|['’](?P<short>\d)0s)\b", decade),
        (rf"(?:\bthe\s+)?{MODIFIER}\b(?P<n>\d{{1,2}}){ORDINAL}[\s-]+century\b", century),
        (rf"(?P<n>{NUMBER})\s+(?P<unit>{UNIT})\s+ago\b", ago),
        (rf"(?:\bthe\s+)?\b(?P<dir>past|last|previous|coming|next)\s+(?:(?P<n>{NUMBER})\s+)?(?P<unit>{UNIT})",
         window),
        (rf"(?:\b(?:earlier|later)\s+)?\b(?P<which>last|previous|this|next|the)\s+(?P<unit>week|weekend|month|year)\b",
         calendar_period),
        (rf"(?P<n>{NUMBER})[\s-]+(?P<unit>{UNIT})(?:[\s-]+long\b)?", duration),
        (MONTH_DAY, calendar_day),
        (DAY_MONTH, calendar_day),
        (r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b", calendar_day),
        (r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b", numeric_day),
        (rf"(?:\b(?P<which>last|next|this|past|on)\s+)?(?P<weekday>{WEEKDAY}){PART_OF_DAY}", weekday),
        (r"\b(?:today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b", day_word),
        (rf"{MODIFIER}(?:\b(?P<which>last|next|this)\s+)?{MONTH_YEAR}", month),
        (rf"{MODIFIER}\b(?P<year>[12]\d{{3}})\b", year),
    ]
]


@functools.lru_cache(maxsize=4096)
def read(words: str, published: date | None = None, future: bool = False) -> tuple[Reading, ...]:
    """Every date in `words`, left to right. Cached: a corpus repeats "on Thursday" and "last
    year" endlessly."""
    anchor = Anchor(published, future)
    found = []
    for pattern, reader in READERS:
        for match in pattern.finditer(words):
            try:
                meaning = reader(match, anchor)
            except (ValueError, OverflowError):  # "February 30", a day past year 9999
                meaning = None
            if meaning is not None:
                found.append(Reading(match.start(), match.end(), *meaning))
    chosen: list[Reading] = []
    for reading in sorted(found, key=lambda r: (r.start, r.start - r.end)):  # stable: READERS order breaks ties
        if not chosen or reading.start >= chosen[-1].end:
            chosen.append(reading)
    return tuple(r for r in chosen if r.resolution is not None)


def point(words: str, anchor: Anchor) -> Reading | None:
    """The one date `words` name from end to end, or None."""
    readings = read(words, anchor.day, anchor.future)
    if len(readings) == 1 and readings[0].start == 0 and readings[0].end == len(words):
        return readings[0]
    return None


def find_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """Every date and duration in `doc`, in text order."""
    day = publication_day(published)
    text = doc.text
    mentions = []
    for start, end, future in candidates(doc, day is not None):
        words = text[start:end]
        for r in read(words, day, future):
            mentions.append(DateMention(start + r.start, start + r.end, words[r.start : r.end], r.value, r.resolution,
                                        r.relative))
    return mentions


def candidates(doc: Doc, dated: bool) -> list[tuple[int, int, bool]]:
    """The character spans spaCy calls dates or times, each with whether its clause speaks of
    the future (only worth asking with a publication date to read it against)."""
    spans = []
    for entity in doc.ents:
        if entity.label_ not in DATE_LABELS or (spans and entity.start_char < spans[-1][1]):
            continue
        start, end = with_range_end(entity)
        spans.append((start, end, dated and future_tense(entity)))
    return spans


def with_range_end(entity: Span) -> tuple[int, int]:
    """The entity's characters, stretched over the other end of a range spaCy split in two:
    "from [2014] to [2022]", "between [2019] and [2023]"."""
    doc = entity.doc
    start, end = entity.start_char, entity.end_char
    if entity.end + 1 >= len(doc):
        return start, end
    joint, other = doc[entity.end], doc[entity.end + 1]
    before = doc[entity.start - 1].lower_ if entity.start > 0 else ""
    if not (joint.lower_ in RANGE_WORDS or (joint.lower_ == "and" and before == "between")):
        return start, end
    if other.ent_type_ in ("DATE", "CARDINAL") and other.ent_iob_ == "B":
        last = other.i + 1
        while last < len(doc) and doc[last].ent_iob_ == "I":
            last += 1
        end = doc[last - 1].idx + len(doc[last - 1])
    elif other.like_num:
        end = other.idx + len(other)
    else:
        return start, end
    return (doc[entity.start - 1].idx if before == "between" else start), end


def future_tense(entity: Span) -> bool:
    """Whether the clause the date hangs on speaks of the future: "will meet on Tuesday",
    "is due to report in June", "is scheduled for May 14"."""
    verb = entity.root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    words = (verb, verb.head) if verb.dep_ == "xcomp" else (verb,)
    for word in words:
        auxiliaries = [c for c in word.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUXILIARIES for a in auxiliaries):
            return True
        past = word.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)
        if word.lemma_.lower() in FUTURE_VERBS and not past:
            return True
    return False


def publication_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # February 30, or February 29 of a common year
        return None


def shift(day: date, count: float, designator: str) -> date:
    """`day` moved by `count` hours, days, weeks, months or years (a month's last day where
    the target month is shorter)."""
    if designator in STEPS:
        return day + STEPS[designator] * count
    months = round(count * (12 if designator == "Y" else 1))
    target_year, target_month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(target_year, target_month + 1, min(day.day, calendar.monthrange(target_year, target_month + 1)[1]))


def iso(day: date, resolution: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[resolution]


def number(words: str) -> float:
    return float(NUMBER_WORDS.get(words.lower()) or words.replace(",", ""))


def unit_of(words: str) -> tuple[str, int]:
    return UNITS[words.lower()[:3]]


def month_number(words: str) -> int:
    return MONTHS.index(next(m for m in MONTHS if m.startswith(words.lower().rstrip(".")[:3]))) + 1
