"""The HTML extractor: trafilatura's body and metadata, refined; clear errors on junk."""
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from newsgraph.extract import ExtractionError, extract_html
from newsgraph.extract.html import refine, visible_text

FIXTURES = Path(__file__).parent / "fixtures" / "extract"

PARAGRAPH = (
    "The ferry company said on Monday that it would add two evening crossings from June, after a "
    "summer in which queues at the harbour often stretched past the old customs house."
)


@pytest.fixture(scope="module")
def page():
    return extract_html((FIXTURES / "news_page.html").read_text(encoding="utf-8"))


def test_article_body_and_metadata(page):
    lines = page.text.split("\n")
    assert len(lines) == 6
    assert lines[0].startswith("The Carnegie library on Mill Street reopened")
    assert lines[-1].startswith("Mbeki said the library would also start lending tools")
    assert page.title == "Library Reopens After Two-Year Restoration"
    assert page.author == "Daniel Ferreira"
    assert page.published == "2025-04-02"
    assert page.site == "The Valley Courier"
    assert page.url == "https://valleycourier.example/news/library-reopens"


def test_page_furniture_stays_out(page):
    for furniture in ("Home", "Subscribe", "Most read", "Bridge repairs", "cookies", "All rights reserved"):
        assert furniture not in page.text
    assert "Advertisement" not in page.text  # hidden with display:none


def test_url_is_passed_through_when_the_page_has_none():
    html = f"<html><body><article><h1>Ferry times</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
    result = extract_html(html, url="https://example.org/ferry")
    assert result.url == "https://example.org/ferry"
    assert PARAGRAPH in result.text


@pytest.mark.parametrize("html", ["", "   \n  "])
def test_empty_html_raises(html):
    with pytest.raises(ExtractionError, match="empty"):
        extract_html(html)


@pytest.mark.parametrize(
    "html",
    [
        "\x00\x01\x02\x03 binary junk",
        "<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav></body></html>",
        "<html><body><form><label>Email</label><input type='email'><button>Log in</button></form></body></html>",
    ],
)
def test_nothing_extractable_raises_a_clear_error(html):
    with pytest.raises(ExtractionError):
        extract_html(html)


def test_malformed_html_still_gives_its_text():
    html = f"<html><body><div><p>{PARAGRAPH}<p>{PARAGRAPH.upper()}<div><span>unclosed <b>tags"
    result = extract_html(html)
    assert PARAGRAPH in result.text


def test_refine_drops_a_repeated_headline_and_furniture_but_not_table_rows():
    lines = ["Ferry Times Change", PARAGRAPH, "Share this article", "| 1/6/2025 | 18:30 |", PARAGRAPH]
    kept, removed = refine(lines, "Ferry Times Change")
    assert kept == [PARAGRAPH, "| 1/6/2025 | 18:30 |"]
    assert [r.reason for r in removed] == ["repeats the title", "share prompt", "repeated paragraph"]


def test_visible_text_skips_hidden_parts():
    html = (
        "<html><head><title>t</title></head><body><p>one<br>two</p><script>var x = 1;</script>"
        "<p hidden>secret</p><p style='display: none'>gone</p><p>three <span>and four</span></p>"
        + "<div>" * 200 + "deep" + "</div>" * 200 + "</body></html>"
    )
    assert visible_text(load_html(html)).split("\n") == ["one", "two", "three and four", "deep"]


def test_absurdly_deep_html_does_not_crash():
    html = "<html><body>" + "<div>" * 5000 + PARAGRAPH + "</div>" * 5000 + "</body></html>"
    try:
        extract_html(html)
    except ExtractionError:
        pass  # the parser may give up on the innermost levels: a clear error is fine
