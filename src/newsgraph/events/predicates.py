"""Actions from the dependency parse: the word that carries an action, who does it, to whom.

A predicate is a verb ("Russia struck Kyiv"), an event noun ("missile strikes on Ukrainian
cities", "Russia's invasion") or a light verb's object ("launched strikes", "engage in
talks"). Each gets its lexicon key (the most specific one the lexicon knows: "threaten
attack" before "threaten"), its source and target phrases (passives and "by" agents
turned round, subjects borrowed from the governing verb for "to" clauses and coordinated
verbs), whether it is negated, and whether the text only says it may happen.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is loaded by the pipeline; the store reads actor codes without it
    from spacy.tokens import Span, Token

from ..entities.lexicon import words
from .actors import sectors
from .lexicon import EventLexicon

OBJECTS = {"dobj", "dative", "attr", "oprd"}
TARGET_PREPOSITIONS = {"against", "on", "to", "with", "at", "into", "toward", "towards", "upon", "over", "in", "for",
                       "from"}
MODALS = {"will", "would", "could", "might", "may", "should", "shall", "can", "must", "'ll"}
CONDITIONS = {"if", "unless", "until", "whether"}
# Verbs under which an action is only intended, feared or proposed.
IRREALIS = {"threaten", "plan", "intend", "want", "propose", "consider", "vow", "promise", "pledge", "seek",
            "hope", "offer", "warn", "prepare", "aim", "expect", "urge", "call", "ask", "demand", "try", "attempt"}
REFUSALS = {"refuse", "decline", "reject", "fail", "oppose"}
DATELINE_DASHES = {"--", "-", "—", "–", ":", "|"}
TIME_ENTITIES = {"DATE", "TIME"}
TIME_PREPOSITIONS = {"since", "after", "before", "until", "following", "amid", "ahead"}
RECEIVED_ROOTS = ("07",)  # nouns whose country modifier is the receiver: "Ukraine aid"
ACTOR_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
# A refused act of cooperation, by the root refused.
REFUSAL = {"03": "125", "04": "124", "05": "120", "06": "120", "07": "121", "08": "120"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "punct", "mark", "cc"}


@dataclass
class Predicate:
    head: Token  # the verb or event noun
    anchor: Token  # the verb that places the action in the sentence: the head, or a light verb
    lemma: str
    key: str | None  # the lexicon key that matched
    code: str | None  # its CAMEO code
    cue: tuple[int, int]  # characters of the cue words
    source: Span | None
    target: Span | None
    negated: bool
    hypothetical: bool
    depth: int  # steps from the sentence's root: the main action is shallowest
    when: str | None = None  # the date words attached to the action ("on Thursday")
    lent_source: bool = False  # an event noun's source taken from the clause around it, not its own words
    passive: bool = False  # "two journalists were abducted": done by someone the text may not name


def predicates(sent: Span, lexicon: EventLexicon) -> list[Predicate]:
    """Every verb of the sentence and every event noun the lexicon knows, shallowest first."""
    found: dict[int, Predicate] = {}
    opening = dateline_end(sent)
    question = sent.text.rstrip().endswith("?")
    for token in sent[opening - sent.start :]:
        if token.i in found:
            continue
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            predicate = _verb(token, lexicon)
        elif token.pos_ in ("NOUN", "PROPN"):
            predicate = _noun(token, lexicon)
        else:
            continue
        if predicate is not None and predicate.head.i not in found:
            predicate.source = _after(predicate.source, opening)
            predicate.target = _after(predicate.target, opening)
            predicate.hypothetical = predicate.hypothetical or question
            predicate.when = _when(predicate.anchor)
            found[predicate.head.i] = predicate  # a light verb's noun is found once, through its verb
    return sorted(found.values(), key=lambda p: (p.depth, p.head.i))


def refused(code: str, negated: bool) -> str:
    """A negated act of cooperation is a refusal ("will not engage in talks" is 124, not 04)."""
    return REFUSAL.get(code[:2], code) if negated else code


def dateline_end(sent: Span) -> int:
    """Where the sentence starts after a dateline ("MOSCOW, Sept. 24 --", "KYIV (Reuters) -")."""
    for token in sent[:12]:
        if token.text not in DATELINE_DASHES or token.i == sent.start:
            continue
        if token.text in "-–" and not token.doc[token.i - 1].whitespace_:
            continue  # the hyphen of "al-Sarraj"
        before = sent.doc[sent.start : token.i]
        place = before[0].is_title or before[0].is_upper or before[0].text == "("
        if place and not any(t.pos_ in ("VERB", "AUX") for t in before):
            return token.i + 1
        return sent.start
    return sent.start


def _after(span: Span | None, opening: int) -> Span | None:
    if span is None or span.start >= opening:
        return span
    return span.doc[opening : span.end] if span.end > opening else None


def depth(token: Token) -> int:
    steps = 0
    while token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps


def _verb(verb: Token, lexicon: EventLexicon) -> Predicate | None:
    lemma = verb.lemma_.lower()
    light_object = _light_object(verb, lexicon) if lemma in words("light_verbs") else None
    if light_object is not None:
        return _noun(light_object, lexicon, governor=verb)
    completions = [c for c in verb.children if c.dep_ in ("prt", "xcomp", "dobj", "prep") and c.i > verb.i]
    keys = [f"{lemma} {c.lemma_.lower()}" for c in completions] + [lemma]
    matched = lexicon.code(*keys)
    source, target = _arguments(verb)
    if target is None:  # "threatened to attack X": the target is the "to" clause's
        target = next((_arguments(c)[1] for c in completions if c.dep_ == "xcomp"), None)
    cue_words = [c for c in completions if matched and matched[1].endswith(" " + c.lemma_.lower())]
    cue_end = max([verb.idx + len(verb)] + [c.idx + len(c) for c in cue_words])
    negated = _negated(verb)
    return Predicate(
        passive=any(c.dep_ == "nsubjpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ == "acl"),
        head=verb,
        anchor=verb,
        lemma=lemma,
        key=matched[1] if matched else None,
        code=refused(matched[0], negated) if matched else None,
        cue=(verb.idx, cue_end),
        source=source,
        target=target,
        negated=negated,
        hypothetical=_hypothetical(verb),
        depth=depth(verb),
    )


def _light_object(verb: Token, lexicon: EventLexicon) -> Token | None:
    """The event noun a light verb takes its action from: its object, "in"'s object, or the
    noun an amount is of ("committed billions of dollars in aid")."""
    for child in verb.children:
        if child.dep_ == "dobj":
            if lexicon.code(*_noun_keys(child)):
                return child
            if child.like_num or child.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY"):
                found = _in_object(child, lexicon)
                if found is not None:
                    return found
        if child.dep_ == "prep" and child.lower_ in ("in", "into"):
            found = _in_object(verb, lexicon)
            if found is not None:
                return found
    return None


def _in_object(head: Token, lexicon: EventLexicon) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "into"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and lexicon.code(*_noun_keys(grandchild)):
                    return grandchild
    return None


def _noun_keys(noun: Token) -> list[str]:
    lemma = noun.lemma_.lower()
    modifiers = [c.lemma_.lower() for c in noun.lefts if c.dep_ in ("compound", "amod")]
    return [f"{m} {lemma}" for m in modifiers] + [lemma, noun.lower_]


def _noun(noun: Token, lexicon: EventLexicon, governor: Token | None = None) -> Predicate | None:
    if is_actor_word(noun):
        return None  # "security forces", "suicide bomber", "Islamic State": who acts, not the act
    if governor is None and _in_time_phrase(noun):
        return None  # "since the start of the Iraq war", "after the attack": the background, not the news
    matched = lexicon.code(*_noun_keys(noun))
    if matched is None:
        return None
    if governor is None and noun.dep_ == "dobj" and lexicon.code(noun.head.lemma_.lower()):
        return None  # "criticised the attack": the verb is the action, the noun its object
    source = _noun_source(noun)
    target = _noun_target(noun)
    lent = False
    if matched[0].startswith(RECEIVED_ROOTS) and source is not None and source.root.dep_ == "compound":
        source, target = None, target or source  # "Ukraine aid": Ukraine receives it ("Australian aid" gives it)
    if source is None and governor is None:
        borrowed = _borrowed_subject(noun)  # "the spat over aid": the sentence's subject, at best
        source = actor_span(borrowed) if borrowed is not None else None
        lent = source is not None
    if governor is not None:
        verb_source, verb_target = _arguments(governor)
        source = source or verb_source
        if verb_target is not None and not verb_target.start <= noun.i < verb_target.end:
            target = target or verb_target  # not the words that hold the event noun itself
    words_of_cue = [c for c in noun.lefts
                    if c.dep_ in ("compound", "amod") and matched[1].startswith(c.lemma_.lower() + " ")]
    anchor = governor or noun
    negated = _negated(anchor) or any(c.lower_ in ("no", "never") for c in noun.children)
    return Predicate(
        lent_source=lent,
        head=noun,
        anchor=anchor,
        lemma=noun.lemma_.lower(),
        key=matched[1],
        code=refused(matched[0], negated),
        cue=(min([noun.idx] + [c.idx for c in words_of_cue]), noun.idx + len(noun)),
        source=source,
        target=target,
        negated=negated,
        hypothetical=_hypothetical(anchor),
        depth=depth(anchor),
    )


def _noun_source(noun: Token) -> Span | None:
    """"Russia's strikes", "Russian strikes", "strikes by Russia", "Moscow's aggression and strikes"."""
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        shared = _noun_source(noun.head)
        if shared is not None:
            return shared
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return actor_span(child)
        if child.dep_ in ("compound", "amod") and (child.ent_type_ in ("GPE", "NORP", "ORG") or child.pos_ == "PROPN"):
            return actor_span(child)
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            return _object_of(child)
    return None


def _noun_target(noun: Token) -> Span | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
            found = _object_of(child)
            if found is not None:
                return found
    return None


def _object_of(preposition: Token) -> Span | None:
    for child in preposition.children:
        if child.dep_ == "pobj":
            return actor_span(child)
    return None


def _arguments(verb: Token) -> tuple[Span | None, Span | None]:
    """Who acts and who is acted on, with passives turned round.

    An object that names no actor ("gave $2 million to Nigeria", "expressed concern over
    X") gives way to the actor after a preposition: the recipient, not the thing given.
    """
    subject = passive_subject = agent = obj = prep_obj = None
    for child in verb.children:
        if child.dep_ == "nsubj" and (subject is None or abs(child.i - verb.i) < abs(subject.i - verb.i)):
            subject = child  # the nearest: "NEW YORK -- Acme Corp. said" has two
        elif child.dep_ == "nsubjpass":
            passive_subject = child
        elif child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ in OBJECTS and (obj is None or child.dep_ == "dative"):
            obj = child
        elif child.dep_ == "prep" and prep_obj is None and child.lower_ in TARGET_PREPOSITIONS:
            prep_obj = next((c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in TIME_ENTITIES), None)
            if child.lower_ == "with" and any(c.dep_ == "dobj" for c in verb.children):
                prep_obj = None  # "hit the positions with a missile": an instrument, not a partner
    passive = passive_subject is not None or (verb.tag_ == "VBN" and verb.dep_ == "acl")
    if passive:
        actor = agent
        patient = passive_subject if passive_subject is not None else (verb.head if verb.dep_ == "acl" else None)
    else:
        actor = subject
        patient = obj
        if obj is not None and not names_actor(obj) and (prep_obj is None or not names_actor(prep_obj)):
            prep_obj = _recipient_of(obj) or prep_obj  # "condolences to the families", "sanctions on Eritrea"
        if prep_obj is not None and (obj is None or (not names_actor(obj) and names_actor(prep_obj))):
            patient = prep_obj
    if not (passive and actor is None) and (actor is None or not names_actor(actor)):
        # A passive without "by" names no actor; "a statement calling on X": the issuer's;
        # "A car bombing by IS killed ...": the words themselves.
        actor = _borrowed_subject(verb) or actor or _left_actor(verb)
    if patient is not None and not names_actor(patient):
        patient = _clause_subject(patient) or patient
    if actor is not None and actor.dep_ == "nsubj" and actor.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        actor = verb.head  # "the troops who shelled the town"
    return (actor_span(actor) if actor is not None else None, actor_span(patient) if patient is not None else None)


def _recipient_of(thing: Token) -> Token | None:
    """The actor a thing given or imposed goes to: its own "to"/"on"/"against" object, or
    that of the participle hung on it ("sanctions imposed on Eritrea")."""
    for child in thing.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "on", "against", "for"):
            found = next((c for c in child.children if c.dep_ == "pobj" and names_actor(c)), None)
            if found is not None:
                return found
        if child.dep_ == "acl":
            found = _recipient_of(child)
            if found is not None:
                return found
    return None


def _left_actor(verb: Token) -> Token | None:
    """A verb the parse left without a subject ("The Afghan government, ... and the Taliban
    condemned"): the first actor-like head before it in the sentence."""
    root = verb
    while root.head.i != root.i:
        root = root.head
    for token in verb.doc[root.left_edge.i : verb.i]:  # the root's left edge begins the sentence
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("ROOT", "nsubj", "appos") and names_actor(token):
            return token
    return None


def _clause_subject(noun: Token) -> Token | None:
    """The actor of a clause an object noun carries: "the idea that Russia is negotiating"."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and child.pos_ in ("VERB", "AUX"):
            subject = next((c for c in child.children if c.dep_ == "nsubj" and names_actor(c)), None)
            if subject is not None and subject.tag_ not in ("WDT", "WP"):
                return subject
    return None


def _in_time_phrase(noun: Token) -> bool:
    """Whether a noun sits in a phrase that dates something else: "since the war", "after
    the attack", "amid clashes" (climbing "of" phrases: "since the start of the war")."""
    token = noun
    for _ in range(4):
        if token.dep_ != "pobj":
            return False
        preposition = token.head
        if preposition.lower_ in TIME_PREPOSITIONS:
            return True
        if preposition.lower_ != "of":
            return False
        token = preposition.head
    return False


def is_actor_word(token: Token) -> bool:
    """A word that names an actor by itself: a name, a role, a sector, a body or group."""
    if token.ent_type_ in ACTOR_ENTITIES:
        return True
    lemma = token.lemma_.lower()
    return lemma in words("person_nouns") or lemma in words("actor_nouns") or bool(sectors().lookup(lemma))


def names_actor(head: Token) -> bool:
    """Whether a phrase's head can stand for an actor: a name, a pronoun, a people, a role,
    a body or a group."""
    if head.pos_ in ("PROPN", "PRON") or is_actor_word(head):
        return True
    if head.is_upper and len(head) > 1:
        return True  # "ICE"
    return any(
        c.ent_type_ in ACTOR_ENTITIES or c.pos_ == "PROPN"
        for c in head.children if c.dep_ in ("compound", "amod", "poss"))


def _borrowed_subject(verb: Token) -> Token | None:
    """The subject a "to" clause, a coordinated verb or a participle shares with its governor;
    a participle hung on a document ("a statement calling on X") borrows its issuer's."""
    seen = 0
    while verb.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl", "dobj", "pobj", "prep") and seen < 5:
        governor, seen = verb.head, seen + 1
        if (verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ != "VBN")) and names_actor(governor):
            return governor
        if verb.dep_ == "xcomp":
            obj = next((c for c in governor.children if c.dep_ in ("dobj",)), None)
            if obj is not None and names_actor(obj):
                return obj  # "urged Russia to withdraw": Russia withdraws
        if governor.pos_ in ("VERB", "AUX"):
            subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
        verb = governor
    return None


def actor_span(head: Token) -> Span:
    """The words naming an actor: the head's phrase without clauses hung on it."""
    kept = [head]
    stack = [c for c in head.children if c.dep_ not in CLAUSE_DEPS]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_DEPS)
    start = min(t.i for t in kept)
    end = max(t.i for t in kept) + 1
    doc = head.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < head.i and (doc[start].ent_type_ in TIME_ENTITIES or doc[start].is_punct):
        start += 1  # "On 17 July 2017 Russia's Supreme Court"
    for i in range(head.i - 1, start - 1, -1):  # a parse run over a line break: the name stays on its line
        if "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(head.i + 1, end):
        if "\n" in doc[i].text:
            end = i
            break
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _when(anchor: Token) -> str | None:
    """The date words hung on the action: "on Thursday", "Friday", "on March 31, 2024"."""
    for child in anchor.children:
        token = child
        if child.dep_ == "prep" and child.lower_ in ("on", "in"):
            token = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ not in ("npadvmod", "tmod", "nmod"):
            continue
        if token is not None and token.ent_type_ == "DATE":
            start, end = token.i, token.i + 1
            while start > 0 and token.doc[start].ent_iob_ == "I":
                start -= 1
            while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
                end += 1
            return token.doc[start:end].text
    return None


def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSALS


def _hypothetical(verb: Token) -> bool:
    """Whether the text only says the action may, should or would happen (a question, too:
    `predicates` marks those)."""
    token = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return True
        if token.dep_ != "xcomp" and token.dep_ != "conj":
            break
        token = token.head
        if token.lemma_.lower() in IRREALIS:
            return True
    return False
