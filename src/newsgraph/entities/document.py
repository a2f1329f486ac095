"""A spaCy `Doc` with what the entity rules look up in it again and again.

`Doc.text` is rebuilt on every access and spans are objects; the rules ask for the text,
token words and capitalisation thousands of times per article, so they are read once here.
"""
from __future__ import annotations

from spacy.tokens import Doc

HEADLINE_TOKENS = 25  # a first line longer than this is a paragraph, not a headline
HYPHENS = {"-", "–"}


class Document:
    """The doc, its text and words, and where its capitals say nothing.

    Capitals say nothing at sentence and line starts and in the headline. A word
    capitalised only there, and written in lower case elsewhere in the document, is a
    common word, not a name ("Iodine deficiency ..." beside "iodine").
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.texts: list[str] = []
        self.lowers: list[str] = []
        self.spaces: list[str] = []
        self.initial: set[int] = set()  # first words of sentences and lines
        line_break_at = None
        sentence_pending = line_pending = True
        for token in doc:
            self.texts.append(token.text)
            self.lowers.append(token.lower_)
            self.spaces.append(token.whitespace_)
            sentence_pending = sentence_pending or token.is_sent_start
            breaks_line = "\n" in token.text or "\n" in token.whitespace_
            if not (token.is_punct or token.is_space):
                if sentence_pending or line_pending:
                    self.initial.add(token.i)
                sentence_pending = line_pending = False
            if breaks_line:
                line_pending = True
                if line_break_at is None:
                    line_break_at = token.i
        self.size = len(self.lowers)
        self.headline_end = self._headline_end(line_break_at)
        self.initial.update(range(self.headline_end))
        self.lower_words = {lower for lower, text in zip(self.lowers, self.texts) if text.islower()}
        self.capitalised = {
            self.lowers[i] for i, text in enumerate(self.texts) if text[:1].isupper() and i not in self.initial
        }

    def _headline_end(self, line_break_at: int | None) -> int:
        """The token after the headline: a short first line; else 0."""
        if line_break_at is None or line_break_at + 1 > HEADLINE_TOKENS:
            return 0
        return line_break_at + 1

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as written."""
        return _joined(self.texts, self.spaces, start, end)

    def lower_text(self, start: int, end: int) -> str:
        """The lower-cased text of tokens [start, end), as written."""
        return _joined(self.lowers, self.spaces, start, end)

    def starts_capitalised(self, i: int) -> bool:
        return self.texts[i][:1].isupper()

    def is_common_word(self, i: int) -> bool:
        """Is token i a common word capitalised only because of where it stands?

        In the headline, where every word may be capitalised, that is any word the body
        never capitalises inside a sentence ("Wealthy Voters Abandon Republican Party").
        """
        word = self.lowers[i]
        if i < self.headline_end:
            return word not in self.capitalised
        return i in self.initial and word in self.lower_words and word not in self.capitalised

    def is_proper_word(self, i: int) -> bool:
        """Is token i a name on its own: never written in lower case, or tagged a proper noun
        away from a sentence start?"""
        return self.lowers[i] not in self.lower_words or (self.doc[i].tag_ in {"NNP", "NNPS"} and i not in self.initial)

    def glued(self, first: int, last: int) -> bool:
        """Are tokens first..last written with no space between them?"""
        return not any(self.spaces[i] for i in range(first, last))

    def hyphenated(self, start: int, end: int) -> bool:
        """Is tokens [start, end) part of a longer hyphenated word ("Scientology-owned")?"""
        before = start > 0 and self.lowers[start - 1] in HYPHENS and self.glued(start - 1, start)
        after = end < self.size and self.lowers[end] in HYPHENS and self.glued(end - 1, end)
        return before or after


def _joined(words: list[str], spaces: list[str], start: int, end: int) -> str:
    if end <= start:
        return ""
    return "".join(words[i] + spaces[i] for i in range(start, end - 1)) + words[end - 1]
