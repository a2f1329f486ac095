"""One sentence in, its events out: predicates, the classifier's verdict, actors coded.

* A known actor's statement ("Ukraine's foreign minister said ...") is an event (CAMEO 01).
* The classifier says whether the sentence reports an action and of which group of roots;
  the predicate carrying it is the shallowest one whose lexicon code is in that group,
  else the main action (under any verb of saying): with its own code if the classifier
  gives that group a fair chance, with the group's commonest root if no word codes it,
  and not at all if the words and the classifier disagree.
* Further coded predicates become events when the classifier gives their group a fair
  chance, or when they join two different countries or organisations.
* An action needs someone doing it, except a passive act of force ("two journalists were
  abducted"). A negated act of cooperation ("will not engage in peace talks") is a refusal,
  coded 12 (see `predicates.refused`); a negated act of conflict keeps its code and is
  marked `negated`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is loaded by the pipeline; the store reads actor codes without it
    from spacy.tokens import Span

from ..record import Event, EventActor
from .actors import ActorDictionary, actors, sectors
from .codes import plover_of, root_of
from .dates import day_named
from .lexicon import EventLexicon, lexicon
from .model import EventModel
from .predicates import Predicate, names_actor, predicates

# The root a group falls back to when no predicate's code is in it: its commonest in news.
GROUP_DEFAULT = {"0": "010", "1": "040", "2": "070", "3": "111", "4": "190"}
SAYING_ROOT = "01"
CLAUSES = ("ccomp", "xcomp", "conj")  # where a verb of saying carries what it reports
FORCE_ROOTS = ("17", "18", "19", "20")  # coerce, assault, fight, mass violence
PLACE_PREPOSITIONS = {"to", "in", "at"}
REPORTED_PRONOUNS = {"it", "they", "he", "she", "we"}
GUESS = 0.6  # the chance a group needs before its default root is coded on a predicate no word codes
ALSO = 0.3  # the chance a further coded predicate with both actors needs to be an event of its own
OWN_CODE = 0.25  # the chance the main action's own group needs for its code to beat the group default
NO_EVENT = 0.4  # the chance of no event above which a sentence is left uncoded


@dataclass
class Sentence:
    """What the coder reads of one sentence: its predicates and the main one."""

    span: Span
    predicates: list[Predicate]
    main: Predicate | None
    reporter: Predicate | None  # the verb of saying the main action is reported under

    @classmethod
    def read(cls, span: Span, words: EventLexicon) -> Sentence:
        found = predicates(span, words)
        main = found[0] if found else None
        reporter = None
        while main is not None and main.code is not None and main.code.startswith(SAYING_ROOT):
            clause = next((p for p in found if p.anchor.head == main.anchor and p.anchor.dep_ in CLAUSES), None)
            if clause is None:
                break
            reporter, main = main, clause
        if reporter is not None and reporter.source is not None:
            for predicate in found:  # "the rebels said they will release ...": they are the rebels
                if predicate.source is not None and predicate.source.root.lower_ in REPORTED_PRONOUNS:
                    predicate.source = reporter.source
        return cls(span, found, main, reporter)

    def features(self) -> list[str]:
        """What the classifier sees: the main action most of all, then every predicate and word."""
        features = []
        if self.main is not None:
            main = self.main
            code = main.code or "-"
            features += [f"main={main.lemma}", f"mainkey={main.key}", f"maincode={code}", f"mainroot={code[:2]}",
                         f"mainpos={main.head.pos_}"]
            if main.negated:
                features += ["mainneg", f"mainneg={code[:2]}"]
            if main.hypothetical:
                features += ["mainhyp", f"mainhyp={code[:2]}"]
            if main.source is not None:
                features.append("mainsource")
            if main.target is not None:
                features.append("maintarget")
        if self.reporter is not None:
            features.append(f"reporter={self.reporter.lemma}")
        for predicate in self.predicates:
            features.append(f"pred={predicate.lemma}")
            if predicate.code:
                features += [f"code={predicate.code}", f"root={predicate.code[:2]}", f"key={predicate.key}"]
        for token in self.span:
            if token.pos_ in ("NOUN", "VERB", "ADJ", "ADV") and not token.is_stop:
                features.append(f"word={token.lemma_.lower()}")
            if token.ent_type_ and token.ent_iob_ == "B":
                features.append(f"ent={token.ent_type_}")
        return features


def _named_in(sentence: Span) -> list[Span]:
    """The sentence's named entities; `Span.ents` would scan the whole document each time."""
    names, start = [], None
    for token in sentence:
        if token.ent_iob_ != "I" and start is not None:
            names.append(sentence.doc[start : token.i])
            start = None
        if token.ent_iob_ == "B":
            start = token.i
    if start is not None:
        names.append(sentence.doc[start : sentence.end])
    for name in names:
        name.label_ = name[0].ent_type_
    return names


def _between_countries(event: Event) -> bool:
    """Both sides coded to different countries or organisations: an interaction on its own."""
    source, target = event.source, event.target
    return bool(source and target and source.code and target.code and source.code[:3] != target.code[:3])


def group_of(code: str) -> str:
    return str(root_of(code).penta)


class Coder:
    """Codes sentences with one lexicon, classifier and actor dictionary."""

    def __init__(self, model: EventModel, words: EventLexicon | None = None, dictionary: ActorDictionary | None = None):
        self.model = model
        self.words = words or lexicon()
        self.dictionary = dictionary or actors()

    def code(self, span: Span, day: date | None = None, entity_at=None) -> list[Event]:
        sentence = Sentence.read(span, self.words)
        if sentence.main is None:
            return []
        chances = self.model.probabilities(sentence.features())
        said = self.statement(sentence, chances, day, entity_at)
        events = [said] if said is not None else []
        if chances["none"] < NO_EVENT:
            actions = self.actions(sentence, chances, day, entity_at)
            events += [e for e in actions if said is None or e.cue_start != said.cue_start]
        return events

    def statement(self, sentence: Sentence, chances: dict[str, float], day, entity_at) -> Event | None:
        """A known actor's statement ("Ukraine's foreign minister said ...") is an event of its
        own (CAMEO 01), whatever the statement reports."""
        saying = sentence.reporter
        if saying is None or saying.source is None:
            return None
        said = self.event(sentence.span, saying, saying.code, 1 - chances["none"], day, entity_at)
        return said if said.source.code or said.source.entity else None

    def actions(self, sentence: Sentence, chances: dict[str, float], day, entity_at) -> list[Event]:
        """The sentence's main event of the group the model favours, and further coded actions
        between two actors."""
        group = max((g for g in chances if g != "none"), key=chances.get)
        predicate, code = self.choose(sentence, group, chances)
        if code is None or (predicate.code is None and chances[group] < GUESS):
            return []
        # A passive act of force names its victims even when not its authors: still an event.
        unnamed_force = (predicate.source is None and predicate.passive and code[:2] in FORCE_ROOTS
                         and predicate.target is not None and names_actor(predicate.target.root))
        if not unnamed_force and (predicate.source is None or not names_actor(predicate.source.root)):
            return []  # no one does it ("a car struck two pedestrians", "the virus killed six")
        events = [self.event(sentence.span, predicate, code, chances[group], day, entity_at)]
        for other in sentence.predicates:
            if other is predicate or other is sentence.reporter or other.code is None or other.source is None:
                continue
            chance = chances[group_of(other.code)]
            event = self.event(sentence.span, other, other.code, chance, day, entity_at)
            if event.target is None:
                continue
            parsed_pair = chance >= ALSO and other.target is not None
            # Two countries (or organisations) the parse or an event noun's own words name: an
            # interaction of its own, however unlikely the classifier finds its group here.
            country_pair = ((other.head.pos_ == "NOUN" or other.target is not None) and not other.lent_source
                            and not (event.hypothetical or event.negated) and _between_countries(event))
            if parsed_pair or country_pair:
                events.append(event)
        return events

    def choose(self, sentence: Sentence, group: str, chances: dict[str, float]) -> tuple[Predicate, str | None]:
        """The predicate carrying the event of this group, and its code (None: no event)."""
        for predicate in sentence.predicates:
            if predicate.code and predicate is not sentence.reporter and group_of(predicate.code) == group:
                return predicate, predicate.code
        main = sentence.main
        if group == "0" and sentence.reporter is not None:
            return sentence.reporter, sentence.reporter.code
        if main.code is not None and chances[group_of(main.code)] >= OWN_CODE:
            return main, main.code  # the model hesitated; the main action's own words decide
        if main.code is not None:
            return main, None  # the words and the model disagree: no event ("ordered a recount" is no assault)
        return main, GROUP_DEFAULT[group]

    def event(self, sentence: Span, predicate: Predicate, code: str, confidence: float, day: date | None,
              entity_at) -> Event:
        root = root_of(code)
        words, offset = sentence.text, sentence.start_char  # not Doc.text: that joins the whole document
        cue_start, cue_end = predicate.cue[0] - offset, predicate.cue[1] - offset
        negated = predicate.negated and not code.startswith("12")
        # A parse can run a sentence over a line break (a headline into its body): the evidence stops there.
        evidence_start = words.rfind("\n", 0, cue_start) + 1
        line_end = words.find("\n", cue_end)
        evidence_end = line_end if line_end != -1 else len(words)
        happened = (day_named(predicate.when, day) if predicate.when else None) or day
        source = self.actor(predicate.source, happened, entity_at)
        target = self.actor(predicate.target, happened, entity_at)
        if target is None and source is not None and source.code:
            target = self.other_actor(sentence, predicate, source, happened, entity_at)
        return Event(
            code=code,
            root=root.code,
            plover=plover_of(code),
            quad_class=root.quad_class,
            goldstein=root.goldstein,
            source=source,
            target=target,
            start=offset + evidence_start,
            end=offset + evidence_end,
            cue=words[cue_start:cue_end],
            cue_start=predicate.cue[0],
            cue_end=predicate.cue[1],
            negated=negated,
            hypothetical=predicate.hypothetical,
            confidence=round(confidence, 3),
            date=happened.isoformat() if happened else None,
        )

    def other_actor(self, sentence: Span, predicate: Predicate, source: EventActor, day,
                    entity_at) -> EventActor | None:
        """When the parse gives no target, the first country or organisation the sentence names
        after the cue other than the source's ("a key supporter of Ukraine, committing aid")."""
        for entity in sorted(_named_in(sentence), key=lambda e: (e.start < predicate.head.i, e.start)):
            if entity.label_ not in ("GPE", "NORP", "ORG") or source.start <= entity.start_char < source.end:
                continue
            candidate = self.actor(entity, day, entity_at)
            if candidate.code and candidate.code[:3] != source.code[:3]:
                return candidate
        return None

    def actor(self, span: Span | None, day: date | None, entity_at) -> EventActor | None:
        if span is None:
            return None
        entity = entity_at(span) if entity_at else None
        name = span.text
        if entity is not None and span.root.pos_ == "PRON":
            name = entity.name
        titles = entity.titles if entity is not None else []
        code = actor_code(span, entity.name if entity is not None else None, day, self.dictionary, titles)
        return EventActor(name=name, code=code, entity=entity.id if entity is not None else None,
                          start=span.start_char, end=span.end_char)


def actor_code(span: Span, entity_name: str | None, day: date | None, dictionary: ActorDictionary,
               titles: list[str] = ()) -> str | None:
    """A CAMEO-style code for an actor phrase: its country or organisation, then its sector.

    The titles the text gives the entity elsewhere count as much as the phrase's own words:
    "Vos" is NLDGOV after "Dutch Prime Minister Hendrik Vos", and "former" ("former U.S.
    President Donald Trump ... Trump said") makes a person the elite, not the government.
    """
    title_words = [w for title in titles for w in title.split()]
    former = any(w.lower() in ("former", "ex") for w in [t.text for t in span] + title_words)
    found = _by_name(entity_name, day, dictionary, former) if entity_name else None
    if found is None:
        found = _first_named([t.text for t in span], day, dictionary, former)
    if found is None and title_words:
        found = _first_named(title_words, day, dictionary, former)
    if found is None:
        return None
    if len(found) == 3:
        sector = "ELI" if former else _sector(span) or _sector_of_words(title_words)
        return found + (sector or "")
    return found


def _by_name(name: str, day: date | None, dictionary: ActorDictionary, former: bool) -> str | None:
    found = dictionary.lookup(name, day)
    if not found:
        return None
    if day is None and len(found) > 1:
        # No date to tell terms apart: the text's own words decide ("former" president).
        found = [a for a in found if (a.sector == "ELI") == former] or found
    return found[0].code


def _first_named(words: list[str], day: date | None, dictionary: ActorDictionary, former: bool) -> str | None:
    """The first country, capital or organisation the words name; a place after "to", "in"
    or "at" says where the actor serves or sits, not whom it stands for ("ambassador to
    Bahrain", "forecasters in Nairobi")."""
    for i in range(len(words)):
        if i > 0 and words[i - 1].lower() in PLACE_PREPOSITIONS:
            continue
        for n in range(min(4, len(words) - i), 0, -1):
            found = _by_name(" ".join(words[i : i + n]), day, dictionary, former)
            if found is not None:
                return found
    return None


def _sector(span: Span) -> str | None:
    """The sector of the phrase's head, else of any word in it."""
    return _sector_of_words([key for token in [span.root, *span] for key in (token.lower_, token.lemma_.lower())])


def _sector_of_words(words: list[str]) -> str | None:
    table = sectors()
    for word in words:
        found = table.lookup(word.lower())
        if found and found[0].code != "ELI":
            return found[0].code
    return None
