import re

import spacy
import pytest

from newsgraph.nlp import parse
from newsgraph.themes import THEMES_ENV, ThemeFileError, find_themes, load_taxonomy

WAR = (
    "Russian forces launched a wave of missile strikes on Kharkiv overnight, regional officials said. "
    "Heavy fighting continued near Pokrovsk, where Ukrainian troops have held the front line for months. "
    "The governor said the city's water supply had been cut."
)
TALKS = (
    "Peace Talks Resume In Istanbul\n"
    "Negotiators from Kyiv and Moscow sat down on Tuesday for a second round of talks. "
    "The envoys negotiated for six hours before a Turkish mediator announced a pause. "
    "Both sides said the peace process would continue next week."
)
HEART = (
    "The former mayor of Leeds died of a heart attack at his home on Sunday, his family said. "
    "He had suffered a milder heart attack in 2019 and underwent surgery at St James's hospital. "
    "Doctors say the risk of a second attack is highest in the first year."
)
TRADE_WAR = (
    "Shares in carmakers fell on Monday as the trade war between Washington and Beijing deepened. "
    "Analysts said new tariffs on electric vehicles could also push up the price of olive oil and wine."
)


@pytest.fixture(scope="module")
def themes_of(nlp):
    def themes_of(text: str, extra=None) -> dict:
        return {theme.name: theme for theme in find_themes(next(parse(nlp, [text])), extra)}

    return themes_of


def words(theme) -> list[str]:
    return [match.text for match in theme.matches]


def sentence_of(text: str, phrase: str) -> tuple[int, int]:
    """The (start, end) of the sentence of `text` holding `phrase`: its text ends at a full stop."""
    at = text.index(phrase)
    start = max((stop.end() for stop in re.finditer(r"\. |\n", text[:at])), default=0)
    return start, text.index(".", at) + 1


def test_a_war_report_is_armed_conflict_with_its_words_and_sentences(themes_of):
    conflict = themes_of(WAR)["ARMEDCONFLICT"]
    assert conflict.label == "armed conflict"
    assert words(conflict) == ["missile strikes", "Heavy fighting", "front line"]
    strikes, fighting, _ = conflict.matches
    assert WAR[strikes.start : strikes.end] == "missile strikes"
    assert (strikes.sentence_start, strikes.sentence_end) == sentence_of(WAR, "missile strikes")
    assert (fighting.sentence_start, fighting.sentence_end) == sentence_of(WAR, "Heavy fighting")


def test_themes_come_most_matched_first(themes_of):
    found = list(themes_of(WAR).values())
    counts = [len(theme.matches) for theme in found]
    assert counts == sorted(counts, reverse=True)
    assert found[0].name == "ARMEDCONFLICT"


def test_negotiations_match_inflected_and_title_case_forms(themes_of):
    talks = themes_of(TALKS)["NEGOTIATIONS"]
    assert words(talks) == ["Peace Talks", "Negotiators", "round of talks", "negotiated", "mediator", "peace process"]
    headline = talks.matches[0]
    assert TALKS[headline.sentence_start : headline.sentence_end].startswith("Peace Talks Resume")


def test_the_longest_trigger_wins_and_matches_do_not_overlap(themes_of):
    talks = themes_of("Diplomats expect the peace talks to resume soon.")["NEGOTIATIONS"]
    assert words(talks) == ["peace talks"]


def test_a_heart_attack_is_health_not_armed_conflict(themes_of):
    found = themes_of(HEART)
    assert "ARMEDCONFLICT" not in found
    assert {"heart attack", "surgery", "hospital"} <= set(words(found["GENERAL_HEALTH"]))


def test_exceptions_cancel_the_triggers_inside_them(themes_of):
    found = themes_of(TRADE_WAR)
    assert "ARMEDCONFLICT" not in found
    assert "ENV_OIL" not in found
    assert words(found["ECON_TRADE_DISPUTE"]) == ["trade war", "tariffs"]


def test_military_aid_is_its_own_theme(themes_of):
    text = "Congress approved a new package of military aid to Taiwan, including air defence systems."
    aid = themes_of(text)["MILITARY_AID"]
    assert words(aid) == ["military aid"]
    assert "MILITARY" in themes_of(text)


@pytest.mark.parametrize("text", ["", "   \n ", "—…“”", "12 34 %%"])
def test_text_without_themes_gives_none(themes_of, text):
    assert themes_of(text) == {}


def test_a_doc_without_lemmas_or_sentences_still_matches_forms():
    doc = spacy.blank("en")("Artillery shelling hit the town. Residents fled.")
    (conflict,) = [theme for theme in find_themes(doc) if theme.name == "ARMEDCONFLICT"]
    assert words(conflict) == ["shelling"]
    assert (conflict.matches[0].sentence_start, conflict.matches[0].sentence_end) == (0, len(doc.text))


def test_the_shipped_taxonomy_covers_the_issue_themes():
    labels = load_taxonomy().labels
    assert len(labels) >= 60
    required = {
        "ARMEDCONFLICT", "NEGOTIATIONS", "MILITARY_AID", "SANCTIONS", "ELECTION", "PROTEST",
        "ECON_INFLATION", "ENV_OIL", "TERROR", "KILL", "ARREST", "CORRUPTION", "REFUGEES",
        "HUMAN_RIGHTS", "HEALTH_PANDEMIC", "NATURAL_DISASTER", "ENV_CLIMATECHANGE", "EDUCATION",
        "LEGISLATION", "ECON_TAXATION", "UNEMPLOYMENT", "CEASEFIRE", "PEACEKEEPING", "WMD",
        "CYBER_ATTACK", "IMMIGRATION", "POVERTY", "FOOD_SECURITY", "FREESPEECH", "SOVEREIGNTY",
        "DIPLOMACY", "SECURITY_SERVICES", "MILITARY", "TRADE", "ECON_DEBT", "HUMANITARIAN_AID",
        "TAX_FNCACT", "LEADER", "GENERAL_GOVERNMENT", "EPU_POLICY", "MEDIA_MSM",
    }
    assert required <= labels.keys()
    assert all(labels.values())


@pytest.fixture
def user_file(tmp_path):
    def user_file(text: str):
        path = tmp_path / "my_themes.txt"
        path.write_text(text, encoding="utf-8")
        return path

    return user_file


POACHING = "Rangers arrested two poachers carrying ivory near the park. Hundreds of students held a flash mob outside."


def test_a_user_file_adds_themes_and_triggers(themes_of, user_file):
    path = user_file("# mine\nWILDLIFE: wildlife crime\n    poacher | ivory\n\nPROTEST:\n    flash mob\n")
    found = themes_of(POACHING, path)
    assert found["WILDLIFE"].label == "wildlife crime"
    assert words(found["WILDLIFE"]) == ["poachers", "ivory"]
    assert found["PROTEST"].label == "protests"
    assert words(found["PROTEST"]) == ["flash mob"]
    assert "WILDLIFE" not in themes_of(POACHING)


def test_the_environment_names_a_user_file(themes_of, user_file, monkeypatch):
    monkeypatch.setenv(THEMES_ENV, str(user_file("WILDLIFE: wildlife crime\n    poacher\n")))
    assert words(themes_of(POACHING)["WILDLIFE"]) == ["poachers"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("WILDLIFE: wildlife crime\npoacher | ivory\n", "line 2: expected a 'NAME: label' header"),
        ("    poacher | ivory\n", "line 1: triggers before any 'NAME: label' header"),
        ("WILDLIFE:\n    poacher\n", "line 1: the new theme WILDLIFE needs a label"),
        ("WILDLIFE: wildlife\n    poacher | | ivory\n", "line 2: a trigger between '|' has no word"),
        ("WILDLIFE: wildlife | poacher\n", "line 1: a label cannot hold '|'"),
    ],
)
def test_a_malformed_user_file_names_its_file_and_line(nlp, user_file, text, message):
    path = user_file(text)
    doc = next(parse(nlp, [POACHING]))
    with pytest.raises(ThemeFileError, match=message) as raised:
        find_themes(doc, path)
    assert str(path) in str(raised.value)


def test_an_unreadable_user_file_is_a_clear_error(nlp, tmp_path):
    doc = next(parse(nlp, [POACHING]))
    with pytest.raises(ThemeFileError, match="cannot read themes file"):
        find_themes(doc, tmp_path / "missing.txt")


def test_the_seed_article_is_about_conflict_negotiations_and_military_aid(nlp, seed_text):
    names = [theme.name for theme in find_themes(next(parse(nlp, [seed_text])))]
    assert {"ARMEDCONFLICT", "NEGOTIATIONS", "MILITARY_AID"} <= set(names)
    assert names.index("ARMEDCONFLICT") < 3 and names.index("NEGOTIATIONS") < 3
