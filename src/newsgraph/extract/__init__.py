"""Extraction: the article body of a web page or of already-scraped page text.

`extract_text` cleans scraped text (one block per line) with newsgraph's own line model
and boilerplate rules; `extract_html` runs trafilatura on HTML and falls back to the text
cleaner on the page's visible text when trafilatura misses most of the article. Both
return an `Extracted` and raise `ExtractionError` when there is nothing to extract.
"""


class ExtractionError(ValueError):
    """The input holds no article text (empty, unparsable, or all boilerplate)."""


from newsgraph.extract.html import extract_html  # noqa: E402  (needs ExtractionError)
from newsgraph.extract.text import clean_text  # noqa: E402

extract_text = clean_text

__all__ = ["ExtractionError", "clean_text", "extract_html", "extract_text"]
