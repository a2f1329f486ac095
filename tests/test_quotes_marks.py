"""Quoted stretches: curly and straight marks, lost closing marks, quotes over paragraphs."""
from newsgraph.quotes.marks import quoted_stretches


def texts(text):
    return [text[q.start : q.end] for q in quoted_stretches(text)]


def test_curly_quote_content_excludes_the_marks():
    text = "“The bridge is safe,” the engineer said on Tuesday."
    [q] = quoted_stretches(text)
    assert text[q.start : q.end] == "The bridge is safe,"
    assert q.closed and not q.continues


def test_straight_quote_split_by_its_cue_gives_two_pieces():
    text = '"We tested it twice," the engineer said. "It will hold."'
    assert texts(text) == ["We tested it twice,", "It will hold."]


def test_a_closing_straight_mark_after_a_space_still_closes():
    assert texts('She called the plan "a start " and left.') == ["a start "]


def test_lost_closing_mark_ends_at_the_paragraph_not_the_document():
    text = "“We will not move the vote, the speaker said.\nThe session resumes on Monday."
    [q] = quoted_stretches(text)
    assert text[q.start : q.end] == "We will not move the vote, the speaker said."
    assert not q.closed and not q.continues


def test_quote_over_two_paragraphs_is_continued():
    text = "“The first phase is done.\n“The second starts in May,” she said.\nAfterwards, she left."
    first, second = quoted_stretches(text)
    assert first.continues and not first.closed
    assert text[second.start : second.end] == "The second starts in May,"
    assert second.closed and not second.continues


def test_apostrophes_and_single_quotes_are_not_quotations():
    assert quoted_stretches("The mayor’s office said the ‘pause’ was over; it's final.") == []


def test_quote_in_a_headline_and_in_the_body():
    text = 'Minister: "No deal before June"\nThe minister repeated that "no deal" was near.'
    assert texts(text) == ["No deal before June", "no deal"]


def test_an_empty_pair_and_a_stray_closing_mark_give_nothing():
    assert quoted_stretches('He wrote "" and then ” nothing else.') == []
