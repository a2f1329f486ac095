"""Tone: GDELT's seven tone values over the article, and VADER's score per sentence,
per quote and per entity.

`find_tone(doc, quotes, entities)` reads the parsed body once:

- GDELT's values (GKG codebook V2.1, field V1.5TONE) are counted over the words of the
  text, i.e. its alphabetic spaCy tokens: `positive` and `negative` are the percentages
  of all words the tone lexicon marks positive or negative, `tone` = positive - negative,
  `polarity` = positive + negative (the share of emotionally charged words), `activity`
  the percentage of verbs, `self_group` the percentage of first-person pronouns
  ("I", "we", "our"), `word_count` the words counted.
- VADER scores each sentence; the article's `vader` is the mean of its sentences, because
  VADER's compound normalises a sum of valences and saturates near -1 or 1 on a whole
  article. A quote gets the score of its own words, an entity the mean score of the
  sentences that mention it.

The tone lexicon. A word is looked up lowercased, by its lemma when the surface form is
not listed ("condemned" -> "condemn"), and counts only as a noun, verb, adjective, adverb
or interjection: "like" as a preposition, "no" as a determiner and the "United" of
"United States" carry no tone. By default the lexicon is VADER's own (`vader_lexicon.txt`,
read from the installed vaderSentiment package); there a word is positive if its valence
is at least 0.5, negative if at most -0.5: weaker ratings are near-neutral words raters
disagreed on ("authority" 0.3, "backing" 0.1). `data/tone_news.txt` adjusts VADER's
lexicon for news: words that name topics there ("peace talks", "security guarantees",
"military support") carry no tone, and words for harm VADER lacks ("invasion") do.

Another lexicon can replace it, with `find_tone(..., lexicon=path)` or the environment
variable `NEWSGRAPH_TONE_LEXICON`. The file is UTF-8 text, one word per line:
`word<TAB>score`, further tab-separated columns ignored, `#` starting a comment line,
blank lines skipped. A positive score makes the word positive, a negative one negative,
0 neutral; a word listed twice takes its last score. Entries that are not single
alphabetic words (phrases, emoticons) never match. VADER's own scores always use VADER's
lexicon and rules.
"""
from __future__ import annotations

import functools
import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy
from spacy.attrs import IS_ALPHA, LEMMA, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import ADJ, ADV, INTJ, NOUN, PRON, VERB
from spacy.tokens import Doc
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .record import Entity, Quote, SentenceTone, Tone

__all__ = ["LEXICON_ENV", "find_tone", "load_lexicon"]

LEXICON_ENV = "NEWSGRAPH_TONE_LEXICON"
NEWS_ADJUSTMENTS = "tone_news.txt"  # read after VADER's lexicon: topic words of news carry no tone
VADER_MIN_VALENCE = 0.5
TONE_POS = [NOUN, VERB, ADJ, ADV, INTJ]
LETTER = re.compile(r"[^\W\d_]")
DIGITS = 4


@dataclass(frozen=True)
class Lexicon:
    """A tone lexicon as spaCy string hashes, so a whole Doc is matched in a few array operations."""

    listed: numpy.ndarray  # every word of the file: a listed word is never looked up by lemma
    positive: numpy.ndarray
    negative: numpy.ndarray


def hashes(words: Iterable[str]) -> numpy.ndarray:
    return numpy.array([hash_string(word) for word in words], dtype=numpy.uint64)


FIRST_PERSON = hashes(["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"])


def parse_lexicon(text: str, min_valence: float, name: str) -> Lexicon:
    """Read `word<TAB>score` lines; a word is tonal when |score| >= min_valence and not 0."""
    scores: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, _, rest = line.partition("\t")
        try:
            scores[word.strip().lower()] = float(rest.split("\t", 1)[0])
        except ValueError:
            raise ValueError(f"{name}, line {number}: expected word<TAB>score, got {line!r}") from None
    tonal = {word: score for word, score in scores.items() if score and abs(score) >= min_valence}
    return Lexicon(
        listed=hashes(scores),
        positive=hashes(word for word, score in tonal.items() if score > 0),
        negative=hashes(word for word, score in tonal.items() if score < 0),
    )


@functools.cache
def read_lexicon(path: str | None) -> Lexicon:
    if path is None:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
        news = resources.files("newsgraph").joinpath("data", NEWS_ADJUSTMENTS).read_text(encoding="utf-8")
        return parse_lexicon(text + "\n" + news, VADER_MIN_VALENCE, f"vader_lexicon.txt + {NEWS_ADJUSTMENTS}")
    return parse_lexicon(Path(path).read_text(encoding="utf-8"), 0.0, path)


def load_lexicon(path: str | os.PathLike[str] | None = None) -> Lexicon:
    """The tone lexicon at `path`, else at $NEWSGRAPH_TONE_LEXICON, else VADER's; read once per process."""
    path = path or os.environ.get(LEXICON_ENV) or None
    return read_lexicon(os.fspath(path) if path else None)


@functools.cache
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def vader(text: str) -> float:
    return analyzer().polarity_scores(text)["compound"]


def percent(count: int, total: int) -> float:
    return round(100 * int(count) / total, DIGITS) if total else 0.0


def mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), DIGITS) if values else None


def count_tone(doc: Doc, lexicon: Lexicon) -> Tone:
    """GDELT's values over the alphabetic tokens, on whole arrays: no Python work per token."""
    array = doc.to_array([IS_ALPHA, LOWER, LEMMA, POS])
    words = array[array[:, 0] == 1]
    lower, lemma, pos = words[:, 1], words[:, 2], words[:, 3]
    key = numpy.where(numpy.isin(lower, lexicon.listed), lower, lemma)
    content = numpy.isin(pos, TONE_POS)
    total = len(words)
    positive = percent(numpy.count_nonzero(content & numpy.isin(key, lexicon.positive)), total)
    negative = percent(numpy.count_nonzero(content & numpy.isin(key, lexicon.negative)), total)
    first_person = (pos == PRON) & numpy.isin(lower, FIRST_PERSON)
    return Tone(
        tone=round(positive - negative, DIGITS),
        positive=positive,
        negative=negative,
        polarity=round(positive + negative, DIGITS),
        activity=percent(numpy.count_nonzero(pos == VERB), total),
        self_group=percent(numpy.count_nonzero(first_person), total),
        word_count=total,
    )


def sentence_tones(doc: Doc, text: str) -> list[SentenceTone]:
    """VADER's score of each sentence that has a letter; offsets leave out the whitespace around it.

    Blank or punctuation-only "sentences" are skipped: their 0 would pull the article's mean to neutral.
    """
    tones = []
    for sent in doc.sents:
        words = text[sent.start_char : sent.end_char]
        if LETTER.search(words):
            start = sent.start_char + len(words) - len(words.lstrip())
            tones.append(SentenceTone(start, start + len(words.strip()), vader(words)))
    return tones


def quote_tone(text: str, quote: Quote) -> float:
    return vader(" ".join(text[start:end] for start, end in quote.spans))


def sentence_at(offset: int, sentences: list[SentenceTone], starts: list[int]) -> int | None:
    index = bisect_right(starts, offset) - 1
    return index if index >= 0 and offset < sentences[index].end else None


def entity_tone(entity: Entity, sentences: list[SentenceTone], starts: list[int]) -> float | None:
    """The mean score of the sentences mentioning `entity`, each sentence counted once."""
    indexes = {sentence_at(mention.start, sentences, starts) for mention in entity.mentions}
    return mean([sentences[index].vader for index in sorted(indexes - {None})])


def find_tone(
    doc: Doc,
    quotes: Iterable[Quote] = (),
    entities: Iterable[Entity] = (),
    lexicon: str | os.PathLike[str] | None = None,
) -> tuple[Tone, list[SentenceTone]]:
    """The article's tone and its sentences' scores; fills `quote.tone` and `entity.tone` in place.

    An entity no sentence mentions keeps tone None. `lexicon` is a tone lexicon file (see
    the module docstring); None means $NEWSGRAPH_TONE_LEXICON, else VADER's lexicon.
    """
    text = doc.text  # spaCy joins the tokens again at each `doc.text`: read it once
    tone = count_tone(doc, load_lexicon(lexicon))
    sentences = sentence_tones(doc, text)
    tone.vader = mean([sentence.vader for sentence in sentences]) if sentences else 0.0
    for quote in quotes:
        quote.tone = quote_tone(text, quote)
    starts = [sentence.start for sentence in sentences]
    for entity in entities:
        entity.tone = entity_tone(entity, sentences, starts)
    return tone, sentences
