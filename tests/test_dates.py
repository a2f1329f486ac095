"""Dates and durations in news text, resolved against the publication date."""
from datetime import date

import pytest

from newsgraph.dates import find_dates, read
from newsgraph.events.dates import day_named

FRIDAY = "2024-05-10"  # a Friday: "Thursday" is the day before, "last week" ran 29 April to 5 May


def dates(nlp, text, published=FRIDAY):
    doc = nlp(text)
    found = find_dates(doc, published)
    for mention in found:
        assert doc.text[mention.start : mention.end] == mention.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    return {m.text: (m.value, m.resolution, m.relative) for m in found}


def test_absolute_days_months_and_years(nlp):
    found = dates(nlp, "The regulator approved the merger on March 3, 2024, and the deal closed on 3 April 2024. "
                       "Shares were listed on 2024-05-02. Sales had slumped in March 2023, and the firm was founded "
                       "in 1998.")
    assert found["March 3, 2024"] == ("2024-03-03", "day", False)
    assert found["3 April 2024"] == ("2024-04-03", "day", False)
    assert found["2024-05-02"] == ("2024-05-02", "day", False)
    assert found["March 2023"] == ("2023-03", "month", False)
    assert found["1998"] == ("1998", "year", False)


def test_relative_words_are_resolved_against_the_publication_day(nlp):
    found = dates(nlp, "Rebels shelled the town last week and again yesterday. The governor resigned on Thursday. "
                       "Prices rose in December and earlier this month. The ceasefire collapsed two days ago. "
                       "Exports fell last year but grew this year, and talks resume next month.")
    assert found["last week"] == ("2024-04-29/2024-05-05", "range", True)
    assert found["yesterday"] == ("2024-05-09", "day", True)
    assert found["Thursday"] == ("2024-05-09", "day", True)
    assert found["December"] == ("2023-12", "month", True)
    assert found["earlier this month"] == ("2024-05", "month", True)
    assert found["two days ago"] == ("2024-05-08", "day", True)
    assert found["last year"] == ("2023", "year", True)
    assert found["this year"] == ("2024", "year", True)
    assert found["next month"] == ("2024-06", "month", True)


def test_the_publication_weekday_is_that_day_and_the_future_tense_looks_ahead(nlp):
    found = dates(nlp, "The minister said on Friday that parliament will vote on Tuesday. The court will rule in "
                       "December. The strike began on Monday.")
    assert found["Friday"] == ("2024-05-10", "day", True)
    assert found["Tuesday"] == ("2024-05-14", "day", True)
    assert found["December"] == ("2024-12", "month", True)
    assert found["Monday"] == ("2024-05-06", "day", True)


def test_a_day_without_a_year_is_the_nearest_one(nlp):
    found = dates(nlp, "The walkout began on April 22, and the union must answer by June 30.")
    assert found["April 22"] == ("2024-04-22", "day", True)
    assert found["June 30"] == ("2024-06-30", "day", True)


def test_without_a_publication_date_relative_words_get_no_value(nlp):
    found = dates(nlp, "The army withdrew last week, two years after the invasion of 2022, and on Thursday it "
                       "said it would return in June.", published=None)
    assert found["last week"] == (None, "range", True)
    assert found["Thursday"] == (None, "day", True)
    assert found["June"] == (None, "month", True)
    assert found["2022"] == ("2022", "year", False)
    assert found["two years"] == ("P2Y", "duration", False)


def test_durations(nlp):
    found = dates(nlp, "After a three-year-long investigation, the mayor was suspended for two weeks. The drought "
                       "has lasted a decade, and the siege of the city lasted 18 months.")
    assert found["three-year-long"] == ("P3Y", "duration", False)
    assert found["two weeks"] == ("P2W", "duration", False)
    assert found["a decade"] == ("P10Y", "duration", False)
    assert found["18 months"] == ("P18M", "duration", False)


def test_decades_and_ranges_of_years(nlp):
    found = dates(nlp, "The port boomed in the 1990s. From 2014 to 2022 the region was occupied, and the "
                       "2014-2022 occupation left thousands homeless.")
    assert found["the 1990s"] == ("1990/1999", "range", False)
    assert found["2014 to 2022"] == ("2014/2022", "range", False)  # spaCy splits it: a DATE, then a number
    assert found["2014-2022"] == ("2014/2022", "range", False)


def test_times_ages_laws_and_money_are_not_dates(nlp):
    text = ("The 62-year-old senator spoke at 2 p.m. on Wednesday. Under Article 5, allies pledged $60 billion "
            "to 300 villages.")
    found = dates(nlp, text)
    assert found == {"Wednesday": ("2024-05-08", "day", True)}


@pytest.mark.parametrize("words, value, resolution", [
    ("the past five years", "2019-05-10/2024-05-10", "range"),
    ("the next two weeks", "2024-05-10/2024-05-24", "range"),
    ("May 18-19", "2024-05-18/2024-05-19", "range"),
    ("from March 3 to May 5, 2024", "2024-03-03/2024-05-05", "range"),
    ("November to February", "2023-11/2024-02", "range"),
    ("April–November 2025", "2025-04/2025-11", "range"),
    ("2022-23", "2022/2023", "range"),
    ("the weekend", "2024-05-04/2024-05-05", "range"),
    ("the early 1920s", "1920/1929", "range"),
    ("the 19th century", "1800/1899", "range"),
    ("mid-March", "2024-03", "month"),
    ("the end of 2025", "2025", "year"),
    ("last Friday", "2024-05-03", "day"),
    ("a week ago", "2024-05-03", "day"),
    ("Wednesday night", "2024-05-08", "day"),
    ("the 3rd of March", "2024-03-03", "day"),
    ("Sept. 30, 2021", "2021-09-30", "day"),
    ("nine-hour", "PT9H", "duration"),
])
def test_words_read_alone(words, value, resolution):
    (reading,) = read(words, date(2024, 5, 10))
    assert (words[reading.start : reading.end], reading.value, reading.resolution) == (words, value, resolution)


def test_a_named_weekday_picks_the_year_of_a_day_without_one():
    (reading,) = read("Monday, May 6", date(2024, 5, 10), True)  # the future tense alone would say 2025
    assert reading.value == "2024-05-06"


def test_bad_input_gives_nothing_and_never_crashes(nlp):
    assert find_dates(nlp(""), FRIDAY) == []
    assert read("February 30, 2024") == ()
    assert read("next week", date(9999, 12, 31)) == ()
    odd = dates(nlp, "\u200b–– 2024-13-45 ’90s ??? Thursday\x00", published="not a date")
    assert odd == {"’90s": ("1990/1999", "range", False)}  # month 13 is no date


def test_a_publication_timestamp_counts_by_its_date(nlp):
    found = dates(nlp, "The talks collapsed yesterday.", published="2024-05-10T23:30:00+02:00")
    assert found["yesterday"] == ("2024-05-09", "day", True)


def test_the_day_of_an_event_is_a_single_day_on_or_before_publication():
    friday = date(2024, 5, 10)
    assert day_named("Thursday", friday) == date(2024, 5, 9)
    assert day_named("on March 3, 2024", None) == date(2024, 3, 3)
    assert day_named("last week", friday) is None
    assert day_named("June 12", friday) is None  # after publication: not a day the event happened
    assert day_named("Thursday", None) is None
