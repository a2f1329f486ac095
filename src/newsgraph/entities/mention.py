"""A mention while entities are being assembled: its tokens, characters and evidence."""
from __future__ import annotations

from dataclasses import dataclass

from .document import Document


@dataclass
class Candidate:
    """One mention: tokens [start, end) of the doc, its characters, what the model and cues say."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str | None  # the type spaCy's label suggests; None when only word rules can type it
    title: str | None = None  # "former U.S. President"
    title_domain: tuple[int, int] | None = None  # tokens of a title's domain: "Education" of "Minister of Education"
    person_cue: bool = False  # a title or honorific before it, or a person apposition after it
    place_cue: bool = False  # written "X, <place>" as towns are ("Irving, Texas")
    team_cue: bool = False  # a place name beside a match score names a team ("Sweden 1 – 0 Korea")
    kind: str = "name"  # name | pronoun (a later stage)

    @classmethod
    def of(cls, document: Document, start: int, end: int, label: str | None, **evidence) -> Candidate:
        """The candidate for tokens [start, end), a stray final "." or "-" left out."""
        span = document.doc[start:end]
        text = _trim_end(span.text)
        return cls(start, end, span.start_char, span.start_char + len(text), text, label, **evidence)


def _trim_end(text: str) -> str:
    """Drop a final "-" or a sentence's full stop from a name, keeping abbreviations ("U.S.")."""
    while text and (text[-1] in "-–" or (text[-1] == "." and _full_stop(text))):
        text = text[:-1]
    return text


def _full_stop(text: str) -> bool:
    last_word = text.split()[-1]
    return last_word.count(".") == 1 and len(last_word) > 4
