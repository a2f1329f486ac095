"""HTML pages: trafilatura's body and metadata, refined by newsgraph's line rules.

trafilatura (with `favor_recall`, which measured best here and runs faster) finds the
article and its title, author, date, site name and URL. The refinements then remove what
it keeps too often: the headline repeated as the body's first line, boilerplate lines
(share prompts, "Read more", bare date lines, ...) and paragraphs repeated by page
templates. When trafilatura finds nothing, or only a sliver of what the scraped-text
cleaner finds in the page's visible text, the cleaner's body is taken instead, with the
flag `fallback: visible text`.

The page is parsed once (as trafilatura parses it); its visible text is read from the
tree before trafilatura, which prunes the tree as it goes, runs on it.
"""
from __future__ import annotations

import re

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from newsgraph.extract import ExtractionError, rules
from newsgraph.extract.text import REPEATS_TITLE, clean_text
from newsgraph.record import Extracted, Removed

SLIVER = 0.25  # trafilatura's body under this share of the cleaner's body is a sliver of the article
MIN_WORDS = 10  # a body shorter than this is a menu or a notice, not an article
REPEAT_MIN_WORDS = 8  # a repeated short line may be a refrain; a repeated paragraph is a template
FALLBACK_FLAG = "fallback: visible text"  # trafilatura missed most of the article

INVISIBLE = frozenset(
    "script style noscript template head svg math iframe object embed canvas audio video "
    "select option input textarea".split()
)
BLOCKS = frozenset(
    "p div section article main header footer nav aside li ul ol h1 h2 h3 h4 h5 h6 table tr td th "
    "blockquote pre figure figcaption dd dt dl form address br hr details summary".split()
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SPACES = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
TABLE_ROW = "|"  # trafilatura writes table rows as "| cell | cell |"


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """The article in `html`, with its title, author, date, site name and URL.

    Raises ExtractionError when the page is empty, is not HTML, or holds no article text.
    """
    if not html.strip():
        raise ExtractionError("the HTML is empty")
    try:
        tree = load_html(html)
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise ExtractionError(f"unparsable HTML: {exc}") from exc
    if tree is None:
        raise ExtractionError("not an HTML document")
    visible = visible_text(tree)
    found = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, favor_recall=True, with_metadata=True
    )
    title = found.title if found is not None else None
    kept, removed = refine((found.text or "").split("\n") if found is not None else [], title)

    words = sum(map(rules.words, kept))
    if _too_little(words, rules.words(visible)):  # the whole visible text first: a cheap upper bound
        fallback = _cleaned(visible, title)
        if fallback is not None and _too_little(words, rules.words(fallback.text)):
            fallback.flags.append(FALLBACK_FLAG)
            return _with_metadata(fallback, found, url)
    if words < MIN_WORDS:
        raise ExtractionError("no article text found in the HTML")
    return _with_metadata(Extracted(text="\n".join(kept), title=title, removed=removed), found, url)


def _too_little(words: int, cleaned_words: int) -> bool:
    """Is a body of `words` a sliver of an article of `cleaned_words`, or no article at all?"""
    return words < MIN_WORDS or words < SLIVER * cleaned_words


def _cleaned(visible: str, title: str | None) -> Extracted | None:
    """The text cleaner's body of the visible text, if it has at least MIN_WORDS."""
    try:
        cleaned = clean_text(visible, title=title)
    except ExtractionError:
        return None
    return cleaned if rules.words(cleaned.text) >= MIN_WORDS else None


def _with_metadata(extracted: Extracted, found, url: str | None) -> Extracted:
    if found is not None:
        extracted.title = extracted.title or found.title
        extracted.author = found.author or extracted.author
        extracted.published = found.date
        extracted.site = found.sitename
        extracted.url = found.url or url
    else:
        extracted.url = url
    return extracted


def refine(lines: list[str], title: str | None) -> tuple[list[str], list[Removed]]:
    """Drop the lines trafilatura keeps that are not article text, saying why."""
    kept: list[str] = []
    removed: list[Removed] = []
    seen: set[str] = set()
    title_key = rules.word_key(title)
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if not kept and title_key and rules.word_key(text) == title_key:
            reason = REPEATS_TITLE
        elif text in seen and rules.words(text) >= REPEAT_MIN_WORDS:
            reason = "repeated paragraph"
        elif text.startswith(TABLE_ROW):
            reason = None
        else:
            reason = rules.boilerplate_reason(text)
        seen.add(text)
        if reason:
            removed.append(Removed(text, reason))
        else:
            kept.append(text)
    return kept, removed


def visible_text(tree) -> str:
    """The page's visible text, one block per line, as a simple scraper would leave it.

    Only <body> is read; invisible elements (scripts, forms' inputs, `hidden`, inline
    `display:none`) are skipped; each block element and <br> starts a new line.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = SPACES.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    # an explicit stack: scraped pages can nest deeper than Python's recursion limit
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if element.tag in BLOCKS:
                flush()
            if element is not root and element.tail:
                current.append(element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None or _hidden(element, tag):
            if element is not root and element.tail:
                current.append(element.tail)
            continue
        if tag in BLOCKS:
            flush()
        if element.text:
            current.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return "\n".join(lines)


def _hidden(element, tag: str) -> bool:
    if tag in INVISIBLE or element.get("hidden") is not None or element.get("type") == "hidden":
        return True
    style = element.get("style")
    return bool(style and HIDDEN_STYLE.search(style))
