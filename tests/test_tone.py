import re

import numpy
import pytest

from newsgraph.nlp import parse
from newsgraph.record import Entity, Mention, Quote
from newsgraph.tone import LEXICON_ENV, find_tone, hashes, load_lexicon

ATTACK = (
    "Rebels shelled a crowded market in the border town on Tuesday, killing twelve civilians "
    "and wounding dozens more. Terrified residents fled the burning ruins while officials "
    "condemned the brutal attack as a horrific crime. Hospitals said they were overwhelmed "
    "and desperately short of blood."
)
TREATY = (
    "The two neighbours signed a historic peace agreement on Friday, and jubilant crowds "
    "celebrated in the streets of both capitals. Leaders praised the generous support of "
    "their partners and promised a bright future of friendship and trade."
)
RIVALS = (
    "Mayor Helen Ward won warm praise on Monday for her brilliant and generous leadership "
    "during the floods. The council met for three hours. Councillor Brian Cole was condemned "
    "as a corrupt, dishonest failure who abandoned his town. "
    '"He is a disgrace and a liar," one resident said. "She saved our homes, and we love her," said another. '
    "Ward thanked the volunteers."
)


def analyse(nlp, text, **kwargs):
    return find_tone(next(parse(nlp, [text])), **kwargs)


def mentions(text, name):
    return [Mention(m.start(), m.end(), name) for m in re.finditer(re.escape(name), text)]


def quote(text, content):
    start = text.index(content)
    return Quote(start, start + len(content), content, "direct", [(start, start + len(content))])


def test_negative_and_positive_wording(nlp):
    attack, attack_sentences = analyse(nlp, ATTACK)
    treaty, _ = analyse(nlp, TREATY)
    assert attack.tone < 0 < treaty.tone
    assert attack.negative > attack.positive
    assert attack.vader < 0 < treaty.vader
    assert len(attack_sentences) == 3
    assert all(sentence.vader < 0 for sentence in attack_sentences)


def test_values_are_consistent(nlp):
    for text in (ATTACK, TREATY, RIVALS):
        tone, sentences = analyse(nlp, text)
        assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=1e-3)
        assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=1e-3)
        for value in (tone.positive, tone.negative, tone.activity, tone.self_group):
            assert 0 <= value <= 100
        assert tone.vader == pytest.approx(sum(s.vader for s in sentences) / len(sentences), abs=1e-3)


def test_word_count_counts_words_not_numbers_or_punctuation(nlp):
    text = "The ministry said 14 people died and 230 were hurt in the storm, which struck at 3:40 on Sunday!"
    tone, _ = analyse(nlp, text)
    assert tone.word_count == len(re.findall(r"\b[A-Za-z]+\b", text))


def test_activity_is_the_share_of_verbs(nlp):
    busy, _ = analyse(nlp, "Troops crossed the river, seized the bridge and shelled the town.")
    still, _ = analyse(nlp, "The old stone bridge over the quiet river near the town.")
    assert busy.activity == pytest.approx(100 * 3 / 11, abs=1e-3)
    assert still.activity == 0


def test_self_group_counts_first_person_pronouns_not_the_us(nlp):
    ours, _ = analyse(nlp, "We will defend our country, and I know they will never break us.")
    country, _ = analyse(nlp, "US troops arrived in Poland, and the US embassy confirmed it.")
    assert ours.self_group == pytest.approx(100 * 4 / 13, abs=1e-3)
    assert country.self_group == 0


def test_names_and_function_words_carry_no_tone(nlp):
    assert numpy.isin(hashes(["united", "like"]), load_lexicon().positive).all()
    tone, _ = analyse(nlp, "Envoys like Smith met the United Nations and the United States in Geneva.")
    assert tone.positive == tone.negative == 0


def test_user_lexicon_swaps_the_result(nlp, tmp_path):
    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text("# peace is bad news for arms makers\n\npeace\t-2\ncrowd\t-1.5\textra column\n", encoding="utf-8")
    default, _ = analyse(nlp, TREATY)
    swapped, _ = analyse(nlp, TREATY, lexicon=lexicon)
    assert default.tone > 0 > swapped.tone
    assert swapped.positive == 0
    assert swapped.negative == pytest.approx(100 * 2 / default.word_count, abs=1e-3)  # "peace", "crowds"
    assert swapped.vader == default.vader  # VADER keeps its own lexicon


def test_lexicon_from_the_environment(nlp, tmp_path, monkeypatch):
    lexicon = tmp_path / "env.tsv"
    lexicon.write_text("shell\t-3\n", encoding="utf-8")
    monkeypatch.setenv(LEXICON_ENV, str(lexicon))
    tone, _ = analyse(nlp, "Rebels shelled the market.")
    assert tone.negative == 25 and tone.positive == 0


def test_surface_form_before_lemma(nlp, tmp_path):
    lexicon = tmp_path / "lemmas.tsv"
    lexicon.write_text("condemn\t-2\nwelcome\t2\nwelcomed\t0\n", encoding="utf-8")
    tone, _ = analyse(nlp, "Officials condemned the raid but welcomed the talks.", lexicon=lexicon)
    assert tone.negative > 0  # "condemned" found by its lemma
    assert tone.positive == 0  # "welcomed" is listed as neutral, so its lemma is not looked up


def test_bad_lexicon_line_is_named(nlp, tmp_path):
    lexicon = tmp_path / "bad.tsv"
    lexicon.write_text("good\t1\nbad -1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        analyse(nlp, TREATY, lexicon=lexicon)


def test_quote_and_entity_tone(nlp):
    attack = quote(RIVALS, "He is a disgrace and a liar,")
    praise = quote(RIVALS, "She saved our homes, and we love her,")
    ward = Entity("e1", "Helen Ward", "PERSON", mentions=mentions(RIVALS, "Ward"))
    cole = Entity("e2", "Brian Cole", "PERSON", mentions=mentions(RIVALS, "Cole"))
    absent = Entity("e3", "Anna Lee", "PERSON")
    _, sentences = analyse(nlp, RIVALS, quotes=[attack, praise], entities=[ward, cole, absent])
    assert attack.tone < 0 < praise.tone
    assert cole.tone < 0 < ward.tone
    assert absent.tone is None
    (cole_sentence,) = [s for s in sentences if s.start <= cole.mentions[0].start < s.end]
    assert cole.tone == cole_sentence.vader
    ward_sentences = [s.vader for s in sentences if any(s.start <= m.start < s.end for m in ward.mentions)]
    assert len(ward_sentences) == 2
    assert ward.tone == pytest.approx(sum(ward_sentences) / 2, abs=1e-4)


def test_quote_in_pieces_is_scored_on_its_own_words(nlp):
    text = '"The vote tonight," the senator said, "is a shameful betrayal of the region."'
    first, second = text.index("The vote"), text.index("is a")
    pieces = Quote(first, len(text) - 1, "", "direct", [(first, text.index(",")), (second, len(text) - 2)])
    neutral = quote(text, "the senator said")
    analyse(nlp, text, quotes=[pieces, neutral])
    assert pieces.tone < 0
    assert neutral.tone == 0


def test_sentence_offsets_are_trimmed(nlp):
    text = "\n  Fighting resumed at dawn.\n\n\nThe ceasefire collapsed.  \n"
    _, sentences = analyse(nlp, text)
    assert [text[s.start : s.end] for s in sentences] == ["Fighting resumed at dawn.", "The ceasefire collapsed."]


@pytest.mark.parametrize("text", ["", "   \n\n ", "— … ***", "2024 — 17:30"])
def test_empty_text_gives_zeros(nlp, text):
    who = Entity("e1", "Nobody", "PERSON", mentions=[Mention(0, 0, "")])
    tone, sentences = analyse(nlp, text, entities=[who])
    assert sentences == []
    assert (tone.tone, tone.positive, tone.negative, tone.polarity) == (0, 0, 0, 0)
    assert (tone.activity, tone.self_group, tone.word_count, tone.vader) == (0, 0, 0, 0)
    assert who.tone is None
