"""Cues: verbs of saying, thinking and claiming in any tense, nominal cues, "according to"."""
from newsgraph.quotes.cues import find_cues


def cues(nlp, text):
    return [(c.text, c.kind) for c in find_cues(nlp(text))]


def test_verbs_of_saying_and_thinking_in_any_tense(nlp):
    found = cues(nlp, "The mayor has argued that the bridge is safe, and she believes the council agrees.")
    assert ("argued", "verb") in found and ("believes", "verb") in found


def test_according_to_is_one_cue(nlp):
    found = cues(nlp, "The talks stalled, according to two diplomats in Geneva.")
    assert found == [("according to", "according to")]


def test_nominal_cue_and_a_verb_that_is_not_a_cue(nlp):
    found = cues(nlp, "In a statement, the ministry built a new road to the port.")
    assert ("statement", "noun") in found
    assert all(text != "built" for text, _ in found)


def test_offsets_point_into_the_text(nlp):
    text = "Officials said on Monday that the port would reopen."
    [cue] = find_cues(nlp(text))
    assert text[cue.start : cue.end] == "said" and cue.kind == "verb"


def test_a_two_word_nominal_cue_is_one_cue(nlp):
    found = cues(nlp, "The minister spoke at a news conference in Lisbon on Friday.")
    assert ("news conference", "noun") in found
