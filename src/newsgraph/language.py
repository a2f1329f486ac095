"""Language identification (py3langid), so English-only stages pass over other languages."""
from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_CONFIDENCE = 0.6  # below this (short or mixed text) the language is left undetermined
SAMPLE_CHARS = 20_000


@functools.lru_cache(maxsize=1)
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when the evidence is too thin."""
    code, confidence = identifier().classify(text[:SAMPLE_CHARS])
    return code if confidence >= MIN_CONFIDENCE else None
