"""The records every stage reads and writes: the one contract of newsgraph.

A document travels as a `RawDocument` (what a source read), becomes an `Extracted`
body (what the extractor kept and threw away), and ends as a `Record` (the JSON object
`newsgraph analyze` prints and `newsgraph build` stores) or as a `Failure` (an input
that could not be read or analysed, with a readable reason). Offsets in a record index
its `text`. Later stages add fields; none is renamed.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

ContentKind = Literal["html", "text"]


@dataclass
class Source:
    """Where a document came from, precise enough to find it again."""

    path: str | None
    format: str
    url: str | None = None
    line: int | None = None  # 1-based line of a .jsonl file
    record: int | None = None  # byte offset of a WARC record

    def key(self) -> str:
        """A stable name for this input, used to keep one error row per failing input."""
        parts = [self.path or "-"]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.record is not None:
            parts.append(f"record {self.record}")
        return ":".join(parts)


@dataclass
class RawDocument:
    """One document as a source read it, before extraction."""

    source: Source
    content: str
    kind: ContentKind
    id: str | None = None  # an id the input gave explicitly
    title: str | None = None
    published: str | None = None
    flags: list[str] = field(default_factory=list)


@dataclass
class Removed:
    """A line the extractor threw away, and why."""

    text: str
    reason: str


@dataclass
class Extracted:
    """An article body with what was removed around it and the damage noticed in it."""

    text: str
    title: str | None = None
    removed: list[Removed] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    author: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | nominal | pronoun


@dataclass
class Entity:
    id: str
    name: str
    type: str  # PERSON | ORG | PLACE | GROUP
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    tone: float | None = None  # mean VADER score of the sentences that mention it


@dataclass
class Quote:
    """A statement attributed to someone: quoted words, reported speech, or both.

    `start`/`end` run from the first piece of content to the last; `spans` are the pieces
    ("A," he said. "B." is one quote of two spans). `speaker` is the canonical name of the
    speaker's entity where one is known, else the words that stood for the speaker, else
    None; `speaker_start`/`speaker_end` point at the mention in the text ("he", "officials").
    """

    start: int
    end: int
    text: str
    kind: str  # direct | mixed | indirect
    spans: list[tuple[int, int]]
    speaker: str | None = None
    speaker_entity: str | None = None  # the id of the speaker's entity
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    tone: float | None = None  # VADER's compound score of the quoted words


@dataclass
class EventActor:
    """One side of an event: the words that named it and what they stand for.

    `code` is a CAMEO-style actor code ("UKRGOV", "RUSMIL", "NATO") or None when the
    words name no known actor; `entity` is the id of the entity the words belong to.
    """

    name: str
    code: str | None = None
    entity: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    """Who did what to whom, coded in CAMEO and PLOVER, with the sentence that says so.

    `start`/`end` are the evidence sentence in `text`, `cue` the word(s) carrying the
    action. `code` is a CAMEO code ("190"), `root` its root ("19"); `plover` is None for
    roots 01 and 02, which PLOVER has no type for. `negated` events are kept (a refusal
    is coded as one; "did not attack" is stored, marked). `hypothetical` marks threats,
    conditions, plans and questions: what the text says may happen. `date` is the day the
    text gives for the event, else the publication date, else None.
    """

    code: str
    root: str
    plover: str | None
    quad_class: int
    goldstein: float
    source: EventActor | None
    target: EventActor | None
    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.0
    date: str | None = None
    place: Place | None = None  # where the text says it happened


@dataclass
class Place:
    """A place the text names, resolved to a gazetteer entry.

    `kind` is continent | region | water | country | admin1 | admin2 | capital | city, or
    unknown for a name the gazetteer does not have (kept, with no coordinates);
    `country` the ISO 3166-1 alpha-2 code, `admin1` the first-level region's name;
    `geonames_id` is None for entries GeoNames has no id for here (continents, regions
    newsgraph's own facts describe). `metonym` marks a place standing for its government
    ("Kyiv rejected the offer"); it is still resolved to the place. A demonym that stands
    for its country ("Ukrainian cities") is a place mention of that country.
    """

    start: int
    end: int
    text: str
    name: str
    kind: str
    geonames_id: int | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    metonym: bool = False
    confidence: float = 0.0


@dataclass
class DateMention:
    """A date or duration the text gives, resolved against the publication date when relative.

    `value` is ISO 8601: "2024-03-03" (day), "2024-03" (month), "2022" (year),
    "2024-03-01/2024-03-07" (range), "P3Y" (duration). `relative` says the text's words
    needed the publication date ("last week", "in December").
    """

    start: int
    end: int
    text: str
    value: str | None
    resolution: str  # day | month | year | range | duration
    relative: bool = False


@dataclass
class Amount:
    """A number the text gives, normalised: "$60 billion" is 6e10 USD, "14%" 14 percent.

    `unit` is "currency", "percent", or the counted noun's lemma ("people", "km");
    `currency` an ISO 4217 code; `object` the words saying what the amount is of ("aid package").
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    currency: str | None = None
    object: str | None = None


@dataclass
class Tone:
    """GDELT's seven tone values over a text, plus VADER's compound score.

    `tone` = positive - negative, both percentages of the words that carry tone in the
    lexicon; `polarity` = positive + negative; `activity` the percentage of words that are
    verbs (GDELT's activity reference density); `self_group` the percentage of first-person
    pronouns; `word_count` the words counted; `vader` VADER's compound score (-1 to 1).
    """

    tone: float
    positive: float
    negative: float
    polarity: float
    activity: float
    self_group: float
    word_count: int
    vader: float | None = None


@dataclass
class SentenceTone:
    start: int
    end: int
    vader: float  # VADER's compound score, -1 to 1


@dataclass
class ThemeMatch:
    """Words that triggered a theme, and the sentence they are in."""

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int


@dataclass
class Theme:
    """A theme of the taxonomy (`data/themes.txt`) the article is about, with its evidence.

    `name` is the GDELT name where GDELT has the theme ("ARMEDCONFLICT"), else newsgraph's;
    `label` says it in words; `matches` are the triggering words, sentence by sentence.
    """

    name: str
    label: str
    matches: list[ThemeMatch] = field(default_factory=list)


@dataclass
class Record:
    """One analysed document."""

    id: str
    source: Source
    title: str | None
    published: str | None
    language: str | None
    text: str
    removed: list[Removed] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    tone: Tone | None = None
    sentence_tones: list[SentenceTone] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    author: str | None = None
    site: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Failure:
    """An input that did not become a record: `error` says why, `source` says where."""

    id: str | None
    source: Source
    error: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

