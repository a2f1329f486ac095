"""Quotes end to end over one parsed text: speakers, cues, content, kinds and spans."""
from newsgraph.entities import find_entities
from newsgraph.quotes import find_quotes


def quotes(nlp, text):
    doc = nlp(text)
    return find_quotes(doc, find_entities(doc))


def pieces(text, quote):
    return [text[start:end] for start, end in quote.spans]


def test_a_quote_split_by_its_cue_is_one_quote_with_two_spans(nlp):
    text = (
        "A clinic that turns nobody away\n\n"
        "Maria Lopez runs the clinic in Tucson.\n\n"
        "“We treat everyone who walks through that door,” Lopez said. “Nobody is turned away here.”"
    )
    [quote] = quotes(nlp, text)
    assert quote.kind == "direct" and quote.cue == "said"
    assert pieces(text, quote) == ["We treat everyone who walks through that door,", "Nobody is turned away here."]
    assert quote.speaker == "Maria Lopez" and text[quote.speaker_start : quote.speaker_end] == "Lopez"


def test_a_speaker_after_the_cue_and_not_the_words_inside_the_marks(nlp):
    text = "“The harbour is full. Every berth is taken,” said Tom Baker, a spokesman for the port authority."
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Tom Baker" and quote.kind == "direct"


def test_reported_speech_is_an_indirect_quote_with_its_clause(nlp):
    text = "The finance minister, Anna Berg, said on Tuesday that the budget deficit would shrink next year."
    [quote] = quotes(nlp, text)
    assert quote.kind == "indirect" and quote.cue == "said"
    assert quote.text == "that the budget deficit would shrink next year"
    assert quote.speaker == "Anna Berg"


def test_according_to_gives_its_object_as_the_speaker(nlp):
    text = "The factory will close in March, according to union officials."
    [quote] = quotes(nlp, text)
    assert quote.cue == "according to" and quote.text == "The factory will close in March"
    assert quote.speaker == "union officials"


def test_a_pronoun_speaker_and_a_cue_less_quote_paragraph_take_the_previous_speaker(nlp):
    text = (
        "Drought relief promised\n\n"
        "Governor Ellen Park spoke to farmers in Salina on Friday.\n\n"
        "“Who pays for the drought?” she asked. “Not the people who caused it.”\n\n"
        "“We will not leave the farms of this state to dry out and blow away in the wind.”"
    )
    found = quotes(nlp, text)
    assert [q.speaker for q in found] == ["Ellen Park"] * len(found)
    last = found[-1]
    assert text[last.spans[-1][0] : last.spans[-1][1]].startswith("We will not leave the farms")


def test_a_mixed_quote_keeps_the_reported_words_around_the_marks(nlp):
    text = "Senator Ruth Adler called the new tariff plan “a gift to smugglers” in a speech."
    [quote] = quotes(nlp, text)
    assert quote.kind == "mixed" and quote.speaker == "Ruth Adler"
    assert quote.text.startswith("the new tariff plan") and "a gift to smugglers" in quote.text


def test_a_colon_introduces_the_next_paragraph(nlp):
    text = "Rovers beaten at home\n\nThe coach, Sam Ortiz, said:\n\n“We lost to a better team tonight, and we know it.”"
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Sam Ortiz" and quote.kind == "direct"
    assert quote.text == "We lost to a better team tonight, and we know it."


def test_signed_quotations_and_transcript_lines(nlp):
    text = (
        "Readers wrote in after the debate.\n"
        "“The candidates never once talked about rent, and rent is all we talk about.” ― Dana Whitfield\n"
        "HOST: What did you make of the debate tonight?\n"
        "ORTEGA: It was a long night for both of them, and neither one won it."
    )
    found = quotes(nlp, text)
    assert [(q.speaker, q.cue) for q in found] == [("Dana Whitfield", "―"), ("HOST", ":"), ("ORTEGA", ":")]
    assert found[2].text == "It was a long night for both of them, and neither one won it."


def test_a_title_in_quotation_marks_is_not_a_quote(nlp):
    text = "The band played “Blue Moon” twice at the county fair on Saturday night."
    assert quotes(nlp, text) == []


def test_offsets_index_the_text(nlp):
    text = "“Prices will fall,” the bank’s chief economist, Ravi Menon, told reporters in Mumbai."
    for quote in quotes(nlp, text):
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert quote.speaker_start is not None and text[quote.speaker_start : quote.speaker_end]


def test_seed_page_quotes_are_all_zelenskyys_and_trumps_claims_are_reported(nlp, seed_text):
    from newsgraph.extract.text import clean_text

    body = clean_text(seed_text).text
    found = quotes(nlp, body)
    quoted = [q for q in found if q.kind == "direct"]
    marked = sum(len(q.spans) for q in quoted)
    assert marked == 8 and {q.speaker for q in quoted} == {"Volodymyr Zelenskyy"}
    assert any(q.cue is None for q in quoted)  # the paragraph with no cue at all
    assert any(q.cue == "questioned" for q in quoted)
    reported = {(q.speaker, q.cue) for q in found if q.kind == "indirect"}
    assert ("Donald Trump", "claimed") in reported
    assert ("some Republican lawmakers", "advocating") in reported
    assert ("Ukrainian officials", "worry") in reported  # "Ukrainian officials, who worry that ..."


def test_a_quotation_after_a_name_and_a_colon_even_in_a_headline(nlp):
    text = (
        "Okafor on the budget: “Every ministry will have to cut”\n\n"
        "Finance Minister Grace Okafor presented the budget to parliament on Tuesday."
    )
    [quote] = quotes(nlp, text)
    assert quote.cue == ":" and quote.kind == "direct"
    assert quote.text == "Every ministry will have to cut" and quote.speaker == "Grace Okafor"


def test_an_interview_in_questions_and_answers(nlp):
    text = (
        "An interview with the harbour master\n\n"
        "Q: How long will the port stay closed?\n"
        "A: At least until the wreck is lifted, which could take a month."
    )
    assert [(q.speaker, q.text) for q in quotes(nlp, text)] == [
        ("Q", "How long will the port stay closed?"),
        ("A", "At least until the wreck is lifted, which could take a month."),
    ]


def test_a_role_names_the_person_who_holds_it(nlp):
    text = (
        "Brazil signs the forest pact\n\n"
        "Brazilian President Marina Duarte signed the forest pact in Belém on Monday.\n\n"
        "The president said that logging would fall by half within five years."
    )
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Marina Duarte" and text[quote.speaker_start : quote.speaker_end] == "The president"
    assert quote.speaker_entity is not None


def test_a_statement_without_a_speaker_is_kept_with_none(nlp):
    text = "The Harlow mine was losing money. It was reported on Friday that the mine would close in June."
    [quote] = quotes(nlp, text)
    assert quote.speaker is None and quote.speaker_start is None and quote.cue == "reported"
    assert quote.text == "that the mine would close in June"


def test_a_participle_glossing_the_statement_is_not_part_of_it(nlp):
    text = "The mayor said the budget was “balanced for the first time in a decade,” citing higher tax receipts."
    [quote] = [q for q in quotes(nlp, text) if q.cue == "said"]
    assert quote.kind == "mixed" and quote.text.endswith("in a decade,")


def test_who_in_a_relative_clause_points_at_the_speaker_it_stands_for(nlp):
    text = (
        "A nurse loses her job.\n\n"
        "Sarah Collins, a senior nurse who said that the ward was understaffed, was dismissed on Monday by the hospital in Leeds."
    )
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Sarah Collins" and text[quote.speaker_start : quote.speaker_end] == "who"
    assert quote.text == "that the ward was understaffed"


def test_as_someone_noted_reports_the_clause_it_hangs_from(nlp):
    text = "Bank results\n\nAs the Financial Times noted, the bank raised more than $2 billion from investors in Asia last year."
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Financial Times" and quote.cue == "noted"
    assert quote.text == "the bank raised more than $2 billion from investors in Asia last year"


def test_two_entities_on_one_span_do_not_break_the_speaker_lookup(nlp):
    from newsgraph.record import Entity, Mention

    text = "Harbour news\n\nThe Port Authority said that the quay would reopen on Monday."
    doc = nlp(text)
    at = text.index("Port Authority")
    mention = Mention(at, at + 14, "Port Authority", "name")
    twins = [Entity("e1", "Port Authority", "ORG", [], [mention]), Entity("e2", "Port Authority", "ORG", [], [mention])]
    [quote] = find_quotes(doc, twins)
    assert quote.speaker == "Port Authority" and quote.speaker_entity in ("e1", "e2")
