"""Pronoun resolution: which entity a third-person "he", "its" or "their" refers to.

Rules over the parse, no model. Each pronoun looks back over the entity mentions of the
last few sentences (names, and the pronouns already resolved) and scores the entities:

* constraints: "he"/"she" refer to people whose gender is not known to be the other one
  (given names, titles, appositions and the pronouns already resolved to them tell);
  "it" to an organisation or place; "they" to an organisation or group (governments,
  companies and teams are "they" in news), less readily to a country; a plural noun
  nearer than the entity keeps "they" for itself ("officials ... they"), a singular one
  "it"; a pronoun object is not its own clause's subject ("Smith thanked him"), a
  reflexive is ("Smith thanked himself"); a pronoun inside a quotation is not its
  speaker, who would say "I" or "we";
* preferences: the nearer sentence, the subject, the same grammatical role as the
  pronoun, the entity mentioned more, the one who says ("Smith said he would ..."), the
  speaker of the quotation next to a "he said", the subject of the main clause after a
  fronted phrase ("Asked about his plans, Smith ...").

The best entity is taken when it scores above a threshold. An "it" that stands for nothing
("it is unclear whether") and pronouns with no entity near enough stay unresolved.
Pronouns outside quotations are resolved first, in text order, so the speakers of the
quotations are known when the pronouns inside them are resolved.
"""
from __future__ import annotations


import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..quotes.marks import quoted_stretches
from . import lexicon, names
from .document import Document
from .group import Group, Grouping
from .mention import Candidate

FAMILIES = {
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "she": "she", "her": "she", "hers": "she", "herself": "she",
    "it": "it", "its": "it", "itself": "it",
    "they": "they", "them": "they", "their": "they", "theirs": "they", "themselves": "they",
}
REFLEXIVES = {"himself", "herself", "itself", "themselves"}
POSSESSIVES = {"his", "her", "hers", "its", "their", "theirs"}
# The entity types each pronoun may refer to, with a cost for the less likely ones.
TYPES_OF = {
    "he": {"PERSON": 0.0}, "she": {"PERSON": 0.0},
    "it": {"ORG": 0.0, "PLACE": 0.0},
    "they": {"ORG": 0.0, "GROUP": 0.0, "PLACE": 0.8},  # a country as a team or government
}
RIVAL_TAGS = {"NNS": "they", "NN": "it"}  # the nouns that may take a pronoun from an entity
RIVAL_ROLES = {"nsubj", "nsubjpass", "dobj"}
AMOUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "dative", "iobj"}
FRONTED_PHRASES = {"advcl", "prep", "npadvmod", "advmod"}
CLAUSES = {"ccomp", "xcomp", "csubj", "advcl"}
WINDOW = {"he": 3, "she": 3, "it": 1, "they": 2}  # sentences back a pronoun looks for its entity
THRESHOLD = -1.5

# Weights of the preferences (each sentence further back costs one).
SENTENCE_DISTANCE = 1.0
SUBJECT = 0.6
OBJECT = 0.2
PARALLEL = 0.4
MENTIONED = 0.05  # per earlier mention, up to FREQUENT
FREQUENT = 5
GENDER_KNOWN = 0.3
MODIFIER = -0.3  # "Smith's office", "the Smith case": a weaker antecedent than Smith
MODIFIERS = {"poss", "compound"}
DOMINATES = 0.8  # "Hopper, famous for his role", "Sam and his wife": the pronoun is inside
GENDER_CONFLICT = 1.5  # earlier pronouns said the other gender
SAYER = 0.8  # "Smith said he ...": the subject of the verb of saying over the pronoun
SPEAKER = 0.8  # '"...," he said': the speaker of the quotation before
FRONTED = 1.0  # "Asked about his plans, Smith ...": the main clause's subject


@dataclass(order=True)
class Antecedent:
    """An entity mention a later pronoun may refer to, at token `at`."""

    at: int
    sentence: int = field(compare=False)
    head: Token = field(compare=False)
    group: Group = field(compare=False)


@dataclass
class Clues:
    """What is known about one pronoun before its candidates are scored."""

    family: str
    word: str
    ancestors: set[int]  # the tokens the pronoun depends on, directly or not
    role: str
    sentence: int
    subject: Group | None  # the entity that is its clause's subject
    subject_known: bool
    sayer: Group | None
    fronted: Group | None  # the subject after a fronted phrase that holds the pronoun
    fronted_token: Token | None
    speakers: set[Group]  # of the quotation before a '"...," he said'
    quoted_by: set[Group]  # of the quotation the pronoun stands in


def resolve_pronouns(document: Document, grouping: Grouping) -> None:
    """Add each third-person pronoun it can resolve to its entity's group, as a
    `kind="pronoun"` mention; names and types are untouched."""
    Resolver(document, grouping).run()


class Resolver:
    """One document's pronouns and what they are resolved against."""

    def __init__(self, document: Document, grouping: Grouping):
        self.document = document
        self.grouping = grouping
        self.doc = document.doc
        self.sentence_of = _sentence_numbers(document)
        self.group_at: dict[int, Group] = {}
        self.history: list[Antecedent] = []
        for group in grouping.live():
            if group.type is None:
                continue
            for mention in group.mentions:
                head = self.doc[mention.start : mention.end].root
                self.history.append(Antecedent(mention.start, self.sentence_of[mention.start], head, group))
                self.group_at.update(dict.fromkeys(range(mention.start, mention.end), group))
        self.history.sort()
        self.rivals = _rival_nouns(self.doc, self.sentence_of, self.group_at)
        people = [group for group in grouping.live() if group.type == "PERSON"]
        self.named_gender = {person: _name_gender(document, person) for person in people}
        self.pronoun_votes: dict[Group, dict[str, int]] = {}
        self.quotes = _quoted_tokens(document)
        self.quote_spans = sorted(set(self.quotes.values()))
        self.saying_subjects: dict[int, list[Token]] = {}
        for token in self.doc:
            if token.dep_ in SUBJECTS and _says(token.head):
                self.saying_subjects.setdefault(self.sentence_of[token.i], []).append(token)

    def run(self) -> None:
        words = (self.doc[i] for i, word in enumerate(self.document.lowers) if word in FAMILIES)
        pronouns = [t for t in words if _family(t) and t.i not in self.group_at and not _pleonastic(t)]
        outside = [t for t in pronouns if t.i not in self.quotes]
        inside = [t for t in pronouns if t.i in self.quotes]
        for token in outside + inside:
            group = self.best(token, _family(token))
            if group is not None:
                self.attach(token, group)

    def attach(self, token: Token, group: Group) -> None:
        self.grouping.add(Candidate.of(self.document, token.i, token.i + 1, None, kind="pronoun"), group)
        self.group_at[token.i] = group
        bisect.insort(self.history, Antecedent(token.i, self.sentence_of[token.i], token, group))
        if _family(token) in {"he", "she"}:
            self.pronoun_votes.setdefault(group, {"he": 0, "she": 0})[_family(token)] += 1

    def best(self, token: Token, family: str) -> Group | None:
        """The best-scoring entity the pronoun may refer to, if any scores above the
        threshold and above every common noun that may be what it refers to instead."""
        clues = self.clues(token, family)
        scores: dict[Group, float] = {}
        for antecedent in self.candidates(token, clues, self.history):
            if self.allowed(clues, antecedent.group):
                score = self.score(clues, antecedent)
                scores[antecedent.group] = max(score, scores.get(antecedent.group, score))
        best = max(scores, key=scores.__getitem__, default=None)
        if best is None or scores[best] <= THRESHOLD:
            return None
        rivals = [  # a noun whose phrase holds the pronoun is not what it refers to
            r for r in self.candidates(token, clues, self.rivals.get(family, [])) if r.head.i not in clues.ancestors
        ]
        if clues.word not in REFLEXIVES and any(self.position_score(clues, r) > scores[best] for r in rivals):
            return None
        return best

    def candidates(self, token: Token, clues: Clues, mentions: list[Antecedent]) -> list[Antecedent]:
        """The mentions of the window before the pronoun, and the subject of the main
        clause after a fronted phrase that holds it."""
        found = []
        for antecedent in reversed(mentions[: bisect.bisect_left(mentions, Antecedent(token.i, 0, token, None))]):
            if clues.sentence - antecedent.sentence > WINDOW[clues.family]:
                break
            found.append(antecedent)
        if clues.fronted is not None and mentions is self.history:
            found.append(Antecedent(clues.fronted_token.i, clues.sentence, clues.fronted_token, clues.fronted))
        return found

    def clues(self, token: Token, family: str) -> Clues:
        """What the parse and the quotations say about the pronoun, looked up once."""
        subject = _clause_subject(token)
        fronted = next((s for s in _fronted_subjects(token) if self.group_of(s) is not None), None)
        return Clues(
            family=family,
            word=token.lower_,
            ancestors={a.i for a in token.ancestors},
            role=_role(token),
            sentence=self.sentence_of[token.i],
            subject=self.group_of(subject) if subject is not None else None,
            subject_known=subject is not None,
            sayer=self.group_of(_sayer(token)),
            fronted=self.group_of(fronted),
            fronted_token=fronted,
            speakers=self.previous_speakers(token),
            quoted_by=self.speakers(self.quotes[token.i]) if token.i in self.quotes else set(),
        )

    def allowed(self, clues: Clues, group: Group) -> bool:
        """Do type, gender, binding and quotation let the pronoun refer to this entity?"""
        if group.type not in TYPES_OF[clues.family] or group in clues.quoted_by:
            return False
        if clues.family in {"he", "she"} and self.named_gender.get(group) not in {None, clues.family}:
            return False
        if clues.word in REFLEXIVES:
            return not clues.subject_known or clues.subject is group
        bound = clues.word not in POSSESSIVES and clues.role != "subject"
        return not (bound and clues.subject is group)

    def position_score(self, clues: Clues, antecedent: Antecedent) -> float:
        """How likely the pronoun refers back to this mention, from where it stands."""
        score = -SENTENCE_DISTANCE * (clues.sentence - antecedent.sentence)
        role = _role(antecedent.head)
        score += SUBJECT * (role == "subject") + OBJECT * (role == "object") + PARALLEL * (role == clues.role)
        score += MODIFIER * (antecedent.head.dep_ in MODIFIERS)
        return score + DOMINATES * (antecedent.head.i in clues.ancestors)

    def score(self, clues: Clues, antecedent: Antecedent) -> float:
        """The position score, with what is known of the entity."""
        group = antecedent.group
        score = self.position_score(clues, antecedent) - TYPES_OF[clues.family][group.type]
        score += MENTIONED * min(len(group.mentions), FREQUENT)
        if clues.family in {"he", "she"}:
            gender = self.gender_of(group)
            score += GENDER_KNOWN * (gender == clues.family) - GENDER_CONFLICT * (gender not in {None, clues.family})
        score += SAYER * (clues.sayer is group) + FRONTED * (clues.fronted is group)
        return score + SPEAKER * (group in clues.speakers)

    def group_of(self, token: Token | None) -> Group | None:
        """The entity a token belongs to; a relative "who" stands for the noun it follows."""
        if token is None:
            return None
        if token.dep_ in SUBJECTS and token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl":
            token = token.head.head
        if token.i not in self.group_at:  # "Malaysia's Prime Minister, Najib Razak"
            token = next((c for c in token.children if c.dep_ == "appos"), token)
        return self.group_at.get(token.i)

    def gender_of(self, group: Group) -> str | None:
        """The person's gender as their names tell it, else as the pronouns already
        resolved to them do (those may be wrong, so they only weigh)."""
        return self.named_gender.get(group) or _majority(self.pronoun_votes.get(group))

    def speakers(self, quote: tuple[int, int]) -> set[Group]:
        """The entities that say a quotation: subjects of verbs of saying in the sentences
        it touches, else in the sentence before it; the organisation in the speaker's
        phrase too ("Tunisia's coach")."""
        first, last = self.sentence_of[quote[0]], self.sentence_of[quote[1] - 1]
        found = self._speakers_in(first, last, quote)
        return found if found else self._speakers_in(first - 1, first - 1, quote)

    def _speakers_in(self, first: int, last: int, quote: tuple[int, int]) -> set[Group]:
        found = set()
        for sentence in range(first, last + 1):
            for subject in self.saying_subjects.get(sentence, []):
                if not quote[0] <= subject.i < quote[1]:
                    found |= {self.group_of(t) for t in subject.subtree} | {self.group_of(subject)}
        return found - {None}

    def previous_speakers(self, token: Token) -> set[Group]:
        """For a pronoun saying something next to a quotation ('"...," he said'), the
        speakers of the quotation before it, in its sentence or the one before."""
        if token.dep_ not in SUBJECTS or not _says(token.head):
            return set()
        sentence = self.sentence_of[token.i]
        k = bisect.bisect_left(self.quote_spans, (token.i,)) - 1  # the last quotation opening before the pronoun
        if k < 0 or self.sentence_of[self.quote_spans[k][1] - 1] < sentence - 1:
            return set()
        return self.speakers(self.quote_spans[k])


def _rival_nouns(doc, sentence_of: list[int], group_at: dict[int, Group]) -> dict[str, list[Antecedent]]:
    """The common nouns "they" and "it" may refer to instead of an entity: plural nouns
    ("officials", "the parents") and singular ones ("the video"), as subjects and direct
    objects, outside entity names; not the nouns that name an organisation or place again
    ("the company")."""
    rivals: dict[str, list[Antecedent]] = {family: [] for family in RIVAL_TAGS.values()}
    for token in doc:
        family = RIVAL_TAGS.get(token.tag_)
        if family is not None and token.i not in group_at and _may_be_rival(token):
            rivals[family].append(Antecedent(token.i, sentence_of[token.i], token, None))
    return rivals


def _may_be_rival(noun: Token) -> bool:
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ in RIVAL_ROLES
        and noun.ent_type_ not in AMOUNTS
        and noun.lower_ not in lexicon.words("entity_nouns")
    )


def _family(token: Token) -> str | None:
    """"he", "she", "it" or "they" for a third-person pronoun ("US" and "IT" are names)."""
    if token.pos_ != "PRON" and token.tag_ not in {"PRP", "PRP$"}:
        return None
    if len(token.text) > 1 and token.text.isupper():
        return None
    return FAMILIES.get(token.lower_)


def _sentence_numbers(document: Document) -> list[int]:
    numbers = []
    for number, sentence in enumerate(document.doc.sents):
        numbers.extend([number] * len(sentence))
    return numbers


def _quoted_tokens(document: Document) -> dict[int, tuple[int, int]]:
    """Token -> the tokens [first, end) of the quotation it stands in."""
    found = {}
    starts = [token.idx for token in document.doc]
    for quote in quoted_stretches(document.text):
        first = bisect.bisect_left(starts, quote.start)
        end = bisect.bisect_left(starts, quote.end)
        if first < end:
            found.update(dict.fromkeys(range(first, end), (first, end)))
    return found


def _says(verb: Token) -> bool:
    return verb.lemma_.lower() in lexicon.words("cue_verbs") and verb.pos_ == "VERB"


def _role(token: Token) -> str:
    """Subject, object, oblique (after a preposition) or other; a name in apposition plays
    its head's role."""
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
    if token.dep_ in SUBJECTS:
        return "subject"
    if token.dep_ in OBJECTS:
        return "object"
    if token.dep_ == "pobj":
        return "oblique"
    return "other"


def _verb_of(token: Token) -> Token:
    """The verb a pronoun is an argument of, through a preposition."""
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ in {"prep", "agent", "dative"}:
        verb = verb.head
    return verb


def _subject_of(verb: Token, besides: Token | None = None) -> Token | None:
    """A verb's subject, or that of the verb it is coordinated with ("walked in and
    turned himself in")."""
    while True:
        for child in verb.children:
            if child.dep_ in SUBJECTS and (besides is None or child.i != besides.i):
                return child
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a pronoun object or reflexive belongs to."""
    return _subject_of(_verb_of(token), besides=token)


def _sayer(token: Token) -> Token | None:
    """The subject of the verb of saying whose clause the pronoun's clause is: Smith in
    "Smith said he would ...", "Smith told Jones that his ..."."""
    verb = _verb_of(token)
    while verb.dep_ in {"conj", "aux"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ not in CLAUSES or not _says(verb.head):
        return None
    return _subject_of(verb.head)


def _fronted_subjects(token: Token) -> list[Token]:
    """The main clause's subjects when the pronoun stands in a phrase before them:
    "Discussing his concern, the minister said ...", "In her remarks, Waters said ..."."""
    phrase = token
    while phrase.head.i != phrase.i:
        if phrase.dep_ in FRONTED_PHRASES and phrase.head.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in phrase.head.children if c.dep_ in SUBJECTS and c.left_edge.i > phrase.right_edge.i]
            if subjects:
                return subjects
        phrase = phrase.head
    return []


def _pleonastic(token: Token) -> bool:
    """Is this an "it" that stands for nothing: "it is raining", "it is unclear whether",
    "it seems that"?"""
    if token.lower_ != "it":
        return False
    if token.dep_ == "expl":
        return True
    if token.dep_ not in SUBJECTS:
        return False
    verb = token.head
    if verb.lemma_ in {"seem", "appear", "happen", "rain", "snow"}:
        return True
    if verb.lemma_ != "be":
        return False
    complements = [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
    return any(c.dep_ in CLAUSES for c in verb.children) or any(
        g.dep_ in CLAUSES for c in complements for g in c.children
    )


def _majority(votes: dict[str, int] | None) -> str | None:
    if not votes or votes["he"] == votes["she"]:
        return None
    return "he" if votes["he"] > votes["she"] else "she"


def _name_gender(document: Document, group: Group) -> str | None:
    """A person's gender as their names tell it: given names, titles, the word before a
    name ("Mr"), the head of an apposition ("a local woman")."""
    votes = {"he": 0, "she": 0}
    for mention in group.names:
        for word in _gender_words(document, mention):
            if word in lexicon.words("male_words") or word in lexicon.words("male_given_names"):
                votes["he"] += 1
            elif word in lexicon.words("female_words") or word in lexicon.words("female_given_names"):
                votes["she"] += 1
    return _majority(votes)


def _gender_words(document: Document, mention: Candidate) -> list[str]:
    """The words that may tell a person's gender: the first of their name, their title,
    the word before the name and the head of an apposition after it."""
    words = [w.casefold() for w in names.words(mention.text)[:1]]
    if mention.title:
        words += [w.casefold() for w in mention.title.split()]
    if mention.start > 0:
        words.append(document.lowers[mention.start - 1])
    root = document.doc[mention.start : mention.end].root
    words += [child.lower_ for child in root.children if child.dep_ == "appos"]
    return words
