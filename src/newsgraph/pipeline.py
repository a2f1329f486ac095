"""Document in, record out: extraction, language, spaCy and the analysis stages.

`process` is a plain function over a batch of source items, so any engine (this process,
a pool of worker processes, Dask) maps it over a corpus. A document that fails at any
stage becomes a `Failure` with the stage and the reason; the rest of its batch goes on.
"""
from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import language, nlp
from .amounts import find_amounts
from .dates import find_dates
from .entities import find_entities
from .events import find_events
from .places import find_places, place_events
from .quotes import find_quotes
from .themes import find_themes
from .tone import find_tone
from .extract import ExtractionError
from .extract.html import extract_html
from .extract.text import clean_text
from .record import Extracted, Failure, RawDocument, Record, Source
from .timing import timed

ENGLISH_ONLY_STAGES = "entities, quotes, places, events, dates, amounts, tone and themes"


@dataclass(frozen=True)
class Options:
    as_is: bool = False  # texts are clean bodies: no title split, no cleaning, offsets match the input
    model: str | None = None
    batch_size: int = 32


@dataclass
class Known:
    """A document whose id the database already holds: not analysed again."""

    id: str
    source: Source


Outcome = Record | Failure | Known


def normalize_url(url: str) -> str:
    """One spelling per article URL: no fragment, tracking parameters, `www.` or trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), query, ""))


def article_url(url: str | None) -> str | None:
    """A page's own URL (canonical link) if it names an article, not a site's home page."""
    if url and urlsplit(url).path.strip("/"):
        return url
    return None


def document_id(explicit: str | None, url: str | None, content: str) -> str:
    """The input's own id, else one from its URL, else one from its content."""
    if explicit:
        return explicit
    key = "url:" + normalize_url(url) if url else "text:" + "\n".join(content.strip().splitlines())
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def extract(raw: RawDocument, as_is: bool) -> Extracted:
    if raw.kind == "html":
        return extract_html(raw.content, url=raw.source.url)
    if as_is:
        return Extracted(text=raw.content, title=raw.title)
    return clean_text(raw.content, title=raw.title)


def prepare(raw: RawDocument, as_is: bool = False) -> Record | Failure:
    """Everything before spaCy: the body, its title and metadata, its id and its language."""
    try:
        with timed("extract"):
            body = extract(raw, as_is)
    except ExtractionError as exc:
        return Failure(raw.id, raw.source, f"no article: {exc}")
    if not body.text.strip():
        return Failure(raw.id, raw.source, "no article: nothing is left once boilerplate is removed")
    url = raw.source.url or article_url(body.url)
    source = replace(raw.source, url=url)
    flags = [*raw.flags, *body.flags]
    with timed("language"):
        code = language.detect(body.text)
    if code is None:
        flags.append("language undetermined")
    elif code != "en":
        flags.append(f"not English ({code}): {ENGLISH_ONLY_STAGES} skipped")
    return Record(
        id=document_id(raw.id, url, raw.content),
        source=source,
        title=raw.title or body.title,
        published=raw.published or body.published,
        language=code,
        text=body.text,
        removed=body.removed,
        flags=flags,
        author=body.author,
        site=body.site,
    )


def is_english(record: Record) -> bool:
    return record.language in ("en", None)


def parse_each(pipeline, texts: list[str]) -> list:
    """Parse a batch; if the batch fails, parse one by one so only the bad text fails."""
    try:
        return list(nlp.parse(pipeline, texts))
    except Exception:  # noqa: BLE001 - isolate the document that breaks the batch
        docs = []
        for text in texts:
            try:
                docs.append(next(nlp.parse(pipeline, [text])))
            except Exception as exc:  # noqa: BLE001
                docs.append(exc)
        return docs


def process(items: Iterable[RawDocument | Failure], options: Options = Options(),
            known: Callable[[str], bool] | None = None) -> list[Outcome]:
    """Analyse one batch of source items, in order, one outcome per item."""
    outcomes: list[Outcome] = []
    for item in items:
        if isinstance(item, Failure):
            outcomes.append(item)
            continue
        try:
            outcome = prepare(item, options.as_is)
        except Exception as exc:  # noqa: BLE001 - one broken page never stops a batch
            outcome = Failure(item.id, item.source, f"extraction failed: {type(exc).__name__}: {exc}")
        if isinstance(outcome, Record) and known is not None and known(outcome.id):
            outcome = Known(outcome.id, outcome.source)
        outcomes.append(outcome)
    english = [i for i, o in enumerate(outcomes) if isinstance(o, Record) and is_english(o)]
    if english:
        pipeline = nlp.load(options.model)
        with timed("spacy"):
            docs = parse_each(pipeline, [outcomes[i].text for i in english])
        for i, doc in zip(english, docs):
            outcomes[i] = analyse(outcomes[i], doc)
    return outcomes


def _entities(record: Record, doc) -> None:
    record.entities = find_entities(doc)


def _quotes(record: Record, doc) -> None:
    record.quotes = find_quotes(doc, record.entities)


def _places(record: Record, doc) -> None:
    record.places = find_places(doc, record.entities, record.source.url)


def _events(record: Record, doc) -> None:
    record.events = find_events(doc, record.entities, record.published, quotes=record.quotes)
    place_events(doc, record.events, record.places)


def _dates(record: Record, doc) -> None:
    record.dates = find_dates(doc, record.published)


def _amounts(record: Record, doc) -> None:
    record.amounts = find_amounts(doc)


def _tone(record: Record, doc) -> None:
    record.tone, record.sentence_tones = find_tone(doc, record.quotes, record.entities)


def _themes(record: Record, doc) -> None:
    record.themes = find_themes(doc)


# In order: each stage may read what the ones before it wrote.
STAGES: tuple[tuple[str, Callable[[Record, object], None]], ...] = (
    ("entities", _entities), ("quotes", _quotes), ("places", _places), ("events", _events),
    ("dates", _dates), ("amounts", _amounts), ("tone", _tone), ("themes", _themes),
)


def analyse(record: Record, doc) -> Record | Failure:
    """The stages over the parsed body; the first that fails makes the document an error row."""
    if isinstance(doc, Exception):
        return Failure(record.id, record.source, f"spaCy failed: {type(doc).__name__}: {doc}")
    for name, stage in STAGES:
        try:
            with timed(name):
                stage(record, doc)
        except Exception as exc:  # noqa: BLE001 - one broken document never stops a batch
            return Failure(record.id, record.source, f"{name} failed: {type(exc).__name__}: {exc}")
    return record


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run(items: Iterable[RawDocument | Failure], options: Options = Options(),
        known: Callable[[str], bool] | None = None) -> Iterator[Outcome]:
    """Analyse a stream of source items in this process, batch by batch."""
    for chunk in batched(items, options.batch_size):
        yield from process(chunk, options, known)
