"""Claims: what each cue attributes, and to whom, read from the dependency parse.

A verb cue's speaker is its subject (the nearest, if the parse gives two; climbing from
"adding" or "and said" or "by telling them" to the verb they hang from; from "who said"
to the noun "who" stands for; the agent of a passive "was announced by"; the name after
an inverted "says Jane Doe"). Its content is its clausal complement, else its object
("called the talks 'meaningless'", "sees Cruz as a uniter"), else what it is about or
for ("warned against", "pointed to"), else a passive's subject ("the plan was
criticized"), else the clause it interrupts ("The museum, he said, would ...", "As the
Times noted, ..."). A closing gloss ("..., citing a report", "..., which ...") is cut off.
"According to X" gives X as the speaker and the rest of its sentence as the content; a
nominal cue gives its clause or topic ("the claim that", "criticism of") and its owner
("his claim", "a statement by"). A cue whose parse gives no content is kept without
one: a quotation beside it may still be its content (see `quotes.assemble`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..entities.lexicon import words
from .cues import Cue

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
CLAUSES = {"ccomp", "xcomp", "parataxis"}
OBJECTS = {"dobj", "oprd"}
# dependents that share their head's subject: "adding", "declined to say", "and said", "by telling them"
INHERITS_SUBJECT = {"advcl", "xcomp", "conj", "pcomp", "prep", "pobj", "ccomp", "dobj"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PLAIN_SAYING = {"say", "tell", "add", "write", "state", "note", "post", "tweet", "report", "respond", "reply", "answer"}
CIRCUMSTANCE_PREPOSITIONS = {"during", "at", "in", "on", "after", "before", "with", "since", "amid"}
TOPIC_PREPOSITIONS = {"about", "against", "for", "of", "over", "on"}
# verbs whose object is no statement ("found the file"), only their clause ("found that")
CLAUSE_ONLY_VERBS = {"find", "see", "know", "understand", "learn", "consider", "continue", "decide", "recall", "remember"}
ASPECTUAL_VERBS = {"continue", "keep", "begin", "start", "stop"}
GLOSS_MARKS = {"as", "while"}
# verbs after which "to" names the listener ("spoke to reporters"), not the topic
ADDRESSING_VERBS = {
    "speak", "talk", "write", "explain", "describe", "announce", "complain", "apologize", "appeal", "turn", "reach", "email",
}
LISTENER_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "brief"}


@dataclass
class Claim:
    """A cue with the speaker and content pieces found for it (character offsets)."""

    cue: Cue | None
    speaker: tuple[int, int] | None  # the speaker's mention
    speaker_head: int | None  # its head token
    pieces: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def claim_of(doc: Doc, cue: Cue, quoted: Callable[[int], bool]) -> Claim:
    """The speaker and content the parse gives `cue`; `quoted(char)` tells whether a
    character lies inside quotation marks (a subject there is the quote's, not the cue's)."""
    head = doc[cue.token]
    if cue.kind == "according to":
        return _according_to(doc, cue, head)
    if cue.kind == "noun":
        noun = doc[cue.token + (1 if cue.end > head.idx + len(head) else 0)]
        return _nominal(cue, noun)
    return _verbal(cue, head, quoted)


def _verbal(cue: Cue, verb: Token, quoted: Callable[[int], bool]) -> Claim:
    speaker = subject_of(verb, quoted) or _inverted_subject(verb)
    mention, head = _mention(speaker), speaker.i if speaker is not None else None
    relative = next((c for c in verb.children if c.dep_ in SUBJECTS and c.lower_ in RELATIVE_PRONOUNS), None)
    if relative is not None and verb.dep_ == "relcl":
        mention = _mention(relative)  # "Kelly, who questioned ...": "who" in the text, Kelly resolved
    content = [c for c in verb.children if (c.dep_ in CLAUSES and not _is_quote_intro(c)) or _asked_question(c)]
    if verb.lemma_.lower() in ASPECTUAL_VERBS:  # "continues to insist": the statement is the inner verb's
        content = [c for c in content if c.dep_ != "xcomp"]
    if not content and (verb.lemma_.lower() not in LISTENER_VERBS | CLAUSE_ONLY_VERBS or _regards_as(verb)):
        content = [c for c in verb.children if c.dep_ in OBJECTS]
    if not content:
        content = _topic(verb)
    if not content and _passive(verb):  # "the plan was criticized", "Trump is supported by"
        content = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not content and verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the laws proposed by"
        return Claim(cue, mention, head, _pieces([verb.head], verb, leave_out=verb))
    if not content and (verb.dep_ == "parataxis" or _as_clause(verb)):
        # "The museum, he said, would ...", "As the Times noted, ...": the clause it interrupts
        return Claim(cue, mention, head, _pieces([verb.head], verb, leave_out=verb))
    return Claim(cue, mention, head, _pieces(content + _rest_of_clause(verb, content), verb))


def _rest_of_clause(verb: Token, content: list[Token]) -> list[Token]:
    """What follows a content that follows its cue in the cue's clause: "called Kaine [a
    desperate man]", "described her [as a career politician]". A coordinated clause ("but
    he said"), another statement ("adding that") and the when, where and how of the saying
    ("during a campaign stop", "Monday") are not part of it."""
    if not content or any(c.i < verb.i for c in content):
        return []
    first = min(c.i for c in content)
    return [
        c for c in verb.children
        if c.i > first and c not in content and c.dep_ not in ("cc", "conj", "punct", "dative", "npadvmod")
        and not (c.dep_ == "advcl" and c.lemma_.lower() in words("cue_verbs"))
        and not (c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_PREPOSITIONS)
    ]


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker after a plain verb of saying that the parse took for its object: "...,
    says Evan Tracey, a consultant"."""
    if verb.lemma_.lower() not in PLAIN_SAYING:
        return None
    following = [c for c in verb.rights if c.left_edge.i == verb.i + 1]
    if following and following[0].pos_ in ("PROPN", "NOUN") and following[0].dep_ in ("dobj", "npadvmod", "attr", "dative"):
        return following[0]
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN")


def _as_clause(verb: Token) -> bool:
    """"As the Times noted, ..." (but "as leaders continue to debate" only tells the time)."""
    return (
        verb.dep_ == "advcl" and verb.lemma_.lower() not in ASPECTUAL_VERBS
        and any(g.dep_ == "mark" and g.lower_ == "as" for g in verb.children)
    )


def _asked_question(clause: Token) -> bool:
    """"asked Clinton if Trump benefits": the parse hangs the question on the verb as an adverbial."""
    return (
        clause.dep_ == "advcl" and clause.head.lemma_.lower() in ("ask", "wonder", "question")
        and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in clause.children)
    )


def _regards_as(verb: Token) -> bool:
    """"sees Cruz as a uniter": an object with what it is taken for is a view."""
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _topic(verb: Token) -> list[Token]:
    """What a statement is about, for or to: "warned against hackers", "called for a
    repeal", "pointed to his record" (but "spoke to reporters" names a listener)."""
    lemma = verb.lemma_.lower()
    if lemma in PLAIN_SAYING:
        return []
    prepositions = TOPIC_PREPOSITIONS if lemma in ADDRESSING_VERBS else TOPIC_PREPOSITIONS | {"to"}
    return [
        obj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for obj in prep.children
        if obj.dep_ in ("pobj", "pcomp") and obj.ent_type_ not in ("DATE", "TIME")
    ]


def _is_quote_intro(token: Token) -> bool:
    """An xcomp "to" infinitive of a saying verb is content; one that is a bare adjective is not."""
    return token.dep_ == "xcomp" and token.pos_ == "ADJ"


def subject_of(verb: Token, quoted: Callable[[int], bool] = lambda char: False) -> Token | None:
    """Who a verb's action belongs to, climbing over verbs that share their subject."""
    seen = 0
    while seen < 4:
        subjects = [
            c for c in verb.children
            if c.dep_ in SUBJECTS and not quoted(c.idx) and not (c.dep_ == "nsubjpass" and seen == 0)
        ]  # a passive cue's subject is what is said ("it is considered a threat"), not who says it
        if subjects:  # the nearest: a headline the parse ran into the sentence is a subject too
            subject = min(subjects, key=lambda c: abs(c.i - verb.i))
            return verb.head if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else subject
        for child in verb.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "Americans supporting Trump", "a tweet attacking her"
        if seen == 0 and _passive(verb):
            return None
        if verb.dep_ not in INHERITS_SUBJECT or verb.head is verb:
            return None
        verb = verb.head
        seen += 1
    return None


def _according_to(doc: Doc, cue: Cue, according: Token) -> Claim:
    to = doc[according.i + 1]
    sources = [c for c in to.children if c.dep_ == "pobj"]
    speaker = sources[0] if sources else None
    phrase = set(range(according.i, max(t.i for t in to.subtree) + 1))
    words = [t for t in according.sent if t.i not in phrase]
    if according.head.dep_ == "pobj":  # "according to X" modifying a noun: no clause to report
        words = []
    return Claim(cue, _mention(speaker), speaker.i if speaker is not None else None, _trimmed_runs(words))


def _nominal(cue: Cue, noun: Token) -> Claim:
    """"his claim that ...", "the decision to leave", "her criticism of the plan", "a call
    for calm"; the speaker owns the noun, makes it ("by"), or says it ("Trump issued a
    statement")."""
    content = [
        c for c in noun.children
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "whether", "to") for g in c.children)
    ]
    if not content:
        content = [
            obj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPOSITIONS
            for obj in prep.children if obj.dep_ in ("pobj", "pcomp")
        ]
    speaker = _owner(noun)
    return Claim(cue, _mention(speaker), speaker.i if speaker is not None else None, _pieces(content, noun))


def _owner(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ == "VERB":
        return subject_of(noun.head)
    return None


def _mention(token: Token | None) -> tuple[int, int] | None:
    """The words that name the speaker: its head with what precedes it in its phrase."""
    if token is None:
        return None
    first = token.left_edge
    for word in token.doc[first.i : token.i]:  # (Doc.text is rebuilt on each access: read tokens)
        if "\n" in word.text or "\n" in word.whitespace_:
            first = word.nbor()
    return first.idx, token.idx + len(token.text)


def _pieces(children: list[Token], cue_head: Token, leave_out: Token | None = None) -> list[tuple[int, int]]:
    """The content's character range: the children's subtrees (less `leave_out`'s), without
    edge punctuation."""
    dropped = {t.i for t in leave_out.subtree} if leave_out is not None else set()
    words = [t for child in children for t in child.subtree if t.i != cue_head.i and t.i not in dropped]
    return _trimmed_runs(_without_trailing_comment(sorted(words, key=lambda t: t.i)))


def _without_trailing_comment(words: list[Token]) -> list[Token]:
    """The content less a closing participle, "as" clause or "which" clause after a comma,
    the writer's gloss on the statement: 'called him a "hypocrite," linking to a story',
    'says he is "excited", as he faces a test', 'urged a cutoff of $51,000, which is ...'."""
    if not words:
        return words
    last = words[-1].i
    for word in words:
        if word.dep_ not in ("advcl", "relcl") or word.i <= words[0].i:
            continue
        first = word.left_edge.i
        gloss = word.dep_ == "relcl" or word.tag_ == "VBG" or any(g.dep_ == "mark" and g.lower_ in GLOSS_MARKS for g in word.children)
        if gloss and _after_comma(word.doc, first) and word.right_edge.i >= last:
            return [t for t in words if t.i < first]
    return words


def _after_comma(doc: Doc, i: int) -> bool:
    """Token `i` follows a comma, perhaps with a closing quotation mark between (‘...,” citing’)."""
    before = [t.text for t in doc[max(0, i - 2) : i]]
    return before[-1:] == [","] or (len(before) == 2 and before[0] == "," and before[1] in "”\"'’")


def _trimmed_runs(words: list[Token]) -> list[tuple[int, int]]:
    """The pieces of `words` (in order), without white space and edge punctuation."""
    words = [t for t in words if not t.is_space]
    while words and words[0].is_punct and words[0].text not in "“\"'‘":
        words.pop(0)
    while words and words[-1].is_punct and words[-1].text not in "”\"'’":
        words.pop()
    return _runs(words)


def _runs(words: list[Token]) -> list[tuple[int, int]]:
    """Contiguous token runs as character pieces (one piece unless the cue sits inside)."""
    if not words:
        return []
    pieces: list[tuple[int, int]] = []
    run_start = prev = words[0]
    for tok in words[1:]:
        if tok.i != prev.i + 1:
            pieces.append((run_start.idx, prev.idx + len(prev.text)))
            run_start = tok
        prev = tok
    pieces.append((run_start.idx, prev.idx + len(prev.text)))
    return pieces
