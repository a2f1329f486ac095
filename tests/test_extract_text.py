"""The scraped-text cleaner: article lines kept as they are, furniture removed with reasons."""
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from newsgraph.extract import ExtractionError, clean_text, extract_text, features, linemodel, rules
from newsgraph.extract.features import REASONS
from newsgraph.extract.text import INSIDE, OUTSIDE, REPEATS_TITLE, TEASER

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def reasons(extracted) -> dict[str, str]:
    return {r.text: r.reason for r in extracted.removed}


def test_extract_text_is_clean_text():
    assert extract_text is clean_text


def test_seed_page(seed_text):
    """The seed: title line 1, body lines 2-20, six teasers and a cookie notice after it."""
    lines = [line.strip() for line in seed_text.split("\n")]
    result = clean_text(seed_text)
    assert result.title == lines[0]
    assert result.text == "\n".join(lines[1:20])
    why = reasons(result)
    assert [why[line] for line in lines[20:26]] == [TEASER] * 6
    assert why[lines[26]] == "cookie notice"
    assert len(result.removed) == 7
    intro = lines[17]  # ends in a list intro whose list the scraper lost: kept, and flagged
    assert intro.endswith(":") and intro in result.text.split("\n")
    assert len(result.flags) == 1
    assert result.flags[0].startswith('list intro without its list: "…') and intro.endswith(result.flags[0][len('list intro without its list: "…') : -1])


def test_seed_page_with_its_title_given(seed_text):
    lines = [line.strip() for line in seed_text.split("\n")]
    result = clean_text(seed_text, title=lines[0])
    assert result.title == lines[0]
    assert result.text == "\n".join(lines[1:20])
    assert reasons(result)[lines[0]] == REPEATS_TITLE


@pytest.fixture(scope="module")
def news():
    text = (FIXTURES / "scraped_news.txt").read_text(encoding="utf-8")
    return text.strip().split("\n"), clean_text(text)


def test_invented_page_keeps_every_article_line(news):
    lines, result = news
    first = lines.index(next(ln for ln in lines if ln.startswith("Coastal councils")))
    last = lines.index(next(ln for ln in lines if ln.startswith('"The sea does not')))
    article = [ln for ln in lines[first : last + 1] if ln != "Advertisement"]
    assert result.text.split("\n") == article
    assert result.title == "Harbour Towns Brace for Record Spring Tides"
    assert result.author == "Maria Okafor"


def test_invented_page_says_why_lines_went(news):
    lines, result = news
    why = reasons(result)
    assert why["Skip to content"] == "navigation"
    assert why["Advertisement"] == "advertisement"
    assert why["Tweet"] == "share prompt"
    assert why["Share this article"] == "share prompt"
    assert why["By Maria Okafor"] == "byline"  # both bylines, the one above and the repeat below
    assert sum(r.text == "By Maria Okafor" for r in result.removed) == 2
    assert why["March 14, 2025"] == "date line"
    assert why["Read more"] == "read-more link"
    assert why[lines[-2]] == "cookie notice"
    assert why[lines[-1]] == "copyright notice"
    teasers = [ln for ln in lines if ln.endswith("…")]
    assert len(teasers) == 3 and all(why[t] == TEASER for t in teasers)
    assert set(why.values()) <= set(REASONS) | {TEASER, OUTSIDE, INSIDE, REPEATS_TITLE}
    kept_or_removed = result.text.split("\n") + [r.text for r in result.removed] + [result.title]
    assert sorted(kept_or_removed) == sorted(lines)  # every line accounted for exactly once


def test_dangling_list_intro_is_flagged_but_a_real_list_is_not(news):
    _, result = news
    assert result.flags == ['list intro without its list: "…the harbour association is focusing on:"']


def test_empty_and_blank_text_raise():
    for text in ("", "   \n\t\n  "):
        with pytest.raises(ExtractionError, match="empty"):
            clean_text(text)


def test_page_of_navigation_only_raises():
    menu = "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "Privacy policy", "Sign in"] * 3)
    with pytest.raises(ExtractionError, match="no article text"):
        clean_text(menu)


PARAGRAPHS = [
    "The river authority opened the new footbridge on Saturday morning, three months later than "
    "planned because of a shortage of steel during the winter.",
    "Hundreds of people crossed it in the first hour, and the authority said it expected the bridge "
    "to carry about four thousand walkers and cyclists on a normal weekday.",
    "The old ferry that it replaces will keep running on summer weekends for visitors, the operator "
    "said, although its two full-time crew members have moved to other routes.",
]


def test_text_without_a_headline_has_no_title_and_loses_nothing():
    result = clean_text("\n".join(PARAGRAPHS))
    assert result.title is None
    assert result.text == "\n".join(PARAGRAPHS)
    assert result.removed == []


def test_lines_are_stripped_but_their_inner_text_is_unchanged():
    odd = "Officials  said  the   count would   take two days; results are due on Friday evening at six."
    result = clean_text("\n".join(["  " + PARAGRAPHS[0] + "\t", odd, PARAGRAPHS[1]]))
    assert result.text.split("\n") == [PARAGRAPHS[0], odd, PARAGRAPHS[1]]


def test_a_very_long_line_is_kept_whole():
    long_line = " ".join([PARAGRAPHS[0]] * 400)  # about 9,000 words on one line
    result = clean_text("Home\nNews\n" + long_line + "\nShare\n")
    assert result.text == long_line


def test_body_cut_mid_sentence_is_flagged():
    result = clean_text("\n".join([*PARAGRAPHS, "Speaking after the opening, the mayor said that the next project would"]))
    assert result.flags == ['body cut short: "…mayor said that the next project would"']


def test_given_title_is_not_taken_from_the_first_line():
    text = "\n".join(["A Bridge at Last", *PARAGRAPHS])
    assert clean_text(text).title == "A Bridge at Last"
    given = clean_text(text, title="Footbridge opens")
    assert given.title == "Footbridge opens"
    assert given.text.split("\n")[-3:] == PARAGRAPHS


def test_rules_leave_sentences_about_the_same_topics_alone():
    assert rules.boilerplate_reason("This website uses cookies.") == "cookie notice"
    assert rules.boilerplate_reason("Subscribe to our newsletter") == "subscribe prompt"
    assert rules.boilerplate_reason("Advertisement") == "advertisement"
    article = (
        "Regulators said websites that use cookies to track readers must now ask before they do, "
        "and newsletters sent without consent will be fined."
    )
    assert rules.boilerplate_reason(article) is None
    assert rules.byline_name("By Jane Roe | March 3, 2025") == "Jane Roe"


def test_decode_keeps_one_article_stretch():
    p = np.log(
        np.array(
            [
                [0.9, 0.05, 0.0, 0.05],  # menu
                [0.1, 0.8, 0.05, 0.05],  # paragraph
                [0.1, 0.3, 0.55, 0.05],  # caption inside the article
                [0.1, 0.8, 0.05, 0.05],  # paragraph
                [0.05, 0.1, 0.05, 0.8],  # teaser
                [0.05, 0.7, 0.05, 0.2],  # a prose-like line after it cannot reopen the article
            ]
        )
        + 1e-12
    )
    flat = np.zeros(len(p) + 1)
    states = linemodel.decode(p, flat, flat, 1.0)
    B, A, I, E = linemodel.BEFORE, linemodel.ARTICLE, linemodel.INSIDE, linemodel.AFTER
    assert states == [B, A, I, A, E, E]


def test_article_goes_on_after_a_share_bar_and_keeps_its_closing_sentence():
    closing = "The ferry will run every hour until the end of September."
    page = "\n".join(
        ["Home", "Local", "Travel", "Footbridge Opens Over the River Ash", *PARAGRAPHS[:2],
         "Share this article", "Facebook", "Twitter", "Email", PARAGRAPHS[2], closing,
         "Related stories", "Council Delays Vote on Market Square Parking Until the Spring…",
         "We use cookies to improve your experience."]
    )  # fmt: skip
    result = clean_text(page)
    assert result.text.split("\n") == [*PARAGRAPHS, closing]
    assert reasons(result)["Facebook"] == "share prompt"


def test_a_long_page_whose_article_has_no_sentence_raises():
    """Whatever the line model picks, menus alone are no article."""
    shipped = linemodel.load()
    everything_is_article = dataclasses.replace(shipped, forest=linemodel.Forest.from_dict({
        "feature": [0], "threshold": [0.0], "left": [-1], "right": [-1], "value": [50.0],
        "roots": [0], "classes": [linemodel.ARTICLE], "baseline": [0.0] * 4, "depth": 1,
    }))
    services = ["Payroll Services", "Tax Filing Help", "Bookkeeping for Startups", "Audit Support", "Company Formation"]
    page = "\n".join(["Home", "About us", *services, "Blog", *services])
    with pytest.raises(ExtractionError, match="no line of running prose"):
        clean_text(page, model=everything_is_article)
    # A footer menu run together into one line has the words and stop words of prose,
    # but it is no sentence.
    run_together = "Payroll and Tax Services for the Self-Employed and Small Firms of the North Careers Terms of Use"
    assert features.split_lines(run_together)[0].prose
    with pytest.raises(ExtractionError, match="no line of running prose"):
        clean_text(page + "\n" + run_together, model=everything_is_article)
    story = "The harbour board said on Monday that the new pier would open in the spring, a year late."
    assert story in clean_text(page + "\n" + story, model=everything_is_article).text


def test_a_teaser_ending_the_page_is_not_taken_for_a_cut_off_body():
    teaser = "Flood warnings: what the new river gauges will tell residents of the valley and when to…"
    result = clean_text("\n".join([*PARAGRAPHS, teaser]))
    assert result.text == "\n".join(PARAGRAPHS)
    assert reasons(result)[teaser] == TEASER
    assert result.flags == []
