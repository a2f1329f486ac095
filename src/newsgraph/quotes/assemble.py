"""From cues and quotation marks to quotes: which quoted words belong to which claim.

The parse links most quotations to their cue (the quotation is the cue's complement).
Where it does not, the marks decide:

* quoted words in the cue's own sentence are its content ("A," he said, "B.");
* a cue sentence ending in a colon takes the quotation (or paragraph) that follows;
* a quotation right after a direct quote in its paragraph, or reopening it in the next
  paragraph, goes on with that quote ("A," he said. "B." is one quote of two spans);
* a quotation that stands as its own sentence with no cue at all is given to the last
  speaker quoted before it (news style: a quote paragraph after an attributed one);
* a few quoted words inside a sentence with no cue are a title or scare quotes, not a
  statement, and are left alone.
"""
from __future__ import annotations

import re

from .claims import Claim, claim_of
from .cues import Cue, find_cues
from .marks import Quoted
from .page import Page

STANDALONE_WORDS = 4  # a cue-less quotation this long, opening its sentence, is a statement
CARRY_PARAGRAPHS = 3  # how many paragraphs back a cue-less quotation looks for its speaker
CARRY_LINES = 2 * CARRY_PARAGRAPHS + 1  # paragraphs are often parted by an empty line
CLAUSE_OPENERS = {"that", "whether", "if"}  # a reported clause, whoever reports it
COLON_REACH = 8  # characters (spaces, a line break, the opening mark) between a colon and its quotation
BESIDE_WORDS = 6  # words between a quotation and a cue that attributes it ("said Rep. Jim Clyburn")
WORD = re.compile(r"\w+")
SIGNATURE = re.compile(r"[”\"']?[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][^\n]{1,60}?)[ \t\u00a0.]*$", re.M)
TRANSCRIPT_LINE = re.compile(
    r"^[“\"]?(?P<name>[A-Z][A-Z.'\- ]{1,30}[A-Z]|Q|A):[ \t\u00a0]+(?P<said>[^\n]*[^\n“”\" \t\u00a0])", re.M
)


def find_claims(page: Page) -> list[Claim]:
    """Every claim of the page with its content pieces, in text order."""
    claims = [claim_of(page.doc, cue, page.quoted) for cue in find_cues(page.doc, page.text) if not page.quoted(cue.start)]
    for claim in claims:
        claim.pieces = _widen_to_marks(_in_cue_paragraph(page, claim), page)
    nearby = Nearby(page, claims)
    for claim in claims:
        if not claim.pieces and claim.cue is not None and claim.cue.kind == "verb":
            claim.pieces = _quotes_beside(page, claim, nearby) or _after_colon(page, claim.cue)
            nearby.add(claim)
    nearby = Nearby(page, _without_repeats([c for c in claims if c.pieces and not _nobody_says(c, page)], page))
    for found in (_signed_quotes(page, nearby), _transcript_lines(page, nearby), _introduced_by_name(page, nearby)):
        for claim in found:
            nearby.add(claim)
    _place_loose_quotes(page, nearby)
    return sorted(nearby.claims, key=lambda c: c.start)


class Nearby:
    """The claims so far, filed under the lines their cue and pieces stand on: the rules
    below look at a quotation's neighbourhood, never at the whole document (a book-length
    text has thousands of claims)."""

    def __init__(self, page: Page, claims: list[Claim]):
        self.page = page
        self.claims: list[Claim] = []
        self._filed: set[int] = set()  # ids of the claims in self.claims
        self._by_line: dict[int, list[Claim]] = {}
        for claim in claims:
            self.add(claim)

    def add(self, claim: Claim) -> None:
        """File a new claim, or a claim whose pieces grew."""
        if id(claim) not in self._filed:
            self._filed.add(id(claim))
            self.claims.append(claim)
        places = [claim.cue.start] if claim.cue is not None else []
        places += [char for start, end in claim.pieces for char in (start, end - 1)]
        lines = {self.page.line(char) for char in places}
        for first, last in zip(sorted(lines), sorted(lines)[1:]):
            lines.update(range(first, last))  # a quote running over several paragraphs
        for line in lines:
            filed = self._by_line.setdefault(line, [])
            if not any(c is claim for c in filed):
                filed.append(claim)

    def around(self, char: int, lines_back: int = 0) -> list[Claim]:
        """The claims on the line of `char` and the `lines_back` lines before it."""
        line, found = self.page.line(char), []
        for k in range(max(0, line - lines_back), line + 1):
            found.extend(c for c in self._by_line.get(k, []) if not any(c is f for f in found))
        return found

    def taken(self, piece: tuple[int, int], besides: Claim | None = None) -> bool:
        """Whether a claim other than `besides` holds part of `piece`."""
        return any(c is not besides and _overlaps(piece, c.pieces) for c in self.around(piece[0]))


def _nobody_says(claim: Claim, page: Page) -> bool:
    """A verb with no speaker, no quotation and no reported clause is an action, not a
    statement: "anyone wanting to borrow", "without seeing his returns". "It was reported
    that ..." is a statement whose speaker is unknown, and stays."""
    if claim.speaker is not None or claim.cue is None or claim.cue.kind not in ("verb", "noun"):
        return False
    first_word = page.text[claim.start : claim.end].split(maxsplit=1)[0].lower()
    return page.kind(claim.pieces) == "indirect" and first_word not in CLAUSE_OPENERS


def _in_cue_paragraph(page: Page, claim: Claim) -> list[tuple[int, int]]:
    """The content cut to the cue's paragraph: the parse runs a headline or a dateline
    into the sentence under it, but a cue's own clause never leaves its paragraph."""
    if claim.cue is None:
        return claim.pieces
    lo, hi = page.paragraph(claim.cue.start)
    inside = [(max(start, lo), min(end, hi)) for start, end in claim.pieces]
    return [(start, end) for start, end in inside if page.text[start:end].strip()]


def _widen_to_marks(pieces: list[tuple[int, int]], page: Page) -> list[tuple[int, int]]:
    """A content that starts or ends inside a quotation takes the whole quotation (the parse
    may have cut the quotation at a sentence break, or left its end outside the clause)."""
    out = []
    for start, end in pieces:
        for s in page.stretches_in(start - 1, end + 1):  # a piece may begin on the opening mark and end on the closing one
            if s.start - 1 <= start < s.end:
                start = s.start
            if s.start < end <= s.end + 1:
                end = s.end
        out.append((start, end))
    return _merged(out)


def _quotes_beside(page: Page, claim: Claim, nearby: Nearby) -> list[tuple[int, int]]:
    """The quotations beside the claim's cue that no other claim holds: in its sentence, or
    a few words away in its paragraph ("How?" Clinton said.)."""
    cue = claim.cue
    return [
        (s.start, s.end)
        for s in page.stretches_in(*page.paragraph(cue.start))
        if _beside(page, cue, s) and not nearby.taken((s.start, s.end), besides=claim)
    ]


def _beside(page: Page, cue: Cue, stretch: Quoted) -> bool:
    """The cue attributes the quotation by its place: same paragraph, and the same sentence
    or only the speaker's few words between them."""
    lo, hi = page.paragraph(cue.start)
    if not (lo <= stretch.start < hi):
        return False
    sentence_start, sentence_end = page.sentence(cue.start)
    if stretch.start < sentence_end and sentence_start < stretch.end:
        return True
    text = page.text
    gap = text[stretch.end : cue.start] if stretch.end <= cue.start else text[cue.end : stretch.start]
    return len(WORD.findall(gap)) <= BESIDE_WORDS


def _after_colon(page: Page, cue: Cue) -> list[tuple[int, int]]:
    """A colon a few words after the cue ("He said:", "said in a statement:") introduces
    what follows it: the quotation there, else the rest of the line, else the next paragraph."""
    text = page.text
    hi = min(page.sentence(cue.start)[1], page.paragraph(cue.start)[1])
    colon = text.find(":", cue.end, hi)
    if colon == -1 or len(WORD.findall(text[cue.end : colon])) > BESIDE_WORDS:
        return []
    after = colon + 1 + len(text[colon + 1 :]) - len(text[colon + 1 :].lstrip())
    following = [s for s in page.stretches_in(after, after + 3) if after <= s.start]
    if following:
        return [(s.start, s.end) for s in _continuation(following[0], page)]
    line_end = text.find("\n", after)
    line_end = len(text) if line_end == -1 else line_end
    return [(after, line_end)] if line_end > after else []


def _continuation(first: Quoted, page: Page) -> list[Quoted]:
    """A quotation with the paragraphs it runs on into."""
    run = [first]
    while run[-1].continues and (following := page.next_stretch(run[-1])) is not None:
        run.append(following)
    return run


def _signed_quotes(page: Page, nearby: Nearby) -> list[Claim]:
    """A quotation signed after a dash at the end of its paragraph: “...” ― Jane Doe."""
    text, signed = page.text, []
    for stretch in page.stretches:
        match = SIGNATURE.match(text, stretch.end)
        if match is None or nearby.taken((stretch.start, stretch.end)):
            continue
        cue = Cue(match.start("dash"), match.end("dash"), match.group("dash"), "dash", page.token_at(match.start("dash")))
        head = page.token_at(match.end("name") - 1)
        signed.append(Claim(cue, (match.start("name"), match.end("name")), head, [(stretch.start, stretch.end)]))
    return signed


def _transcript_lines(page: Page, nearby: Nearby) -> list[Claim]:
    """A transcript's lines, each opening with its speaker in capitals: "PENCE: Well, ..."."""
    text, lines = page.text, []
    for match in TRANSCRIPT_LINE.finditer(text):
        said = (match.start("said"), match.end("said"))
        if nearby.taken(said):
            continue
        colon = match.end("name")
        cue = Cue(colon, colon + 1, ":", "colon", page.token_at(colon))
        head = page.token_at(colon - 1)
        lines.append(Claim(cue, (match.start("name"), colon), head, [said]))
    return lines


def _introduced_by_name(page: Page, nearby: Nearby) -> list[Claim]:
    """A quotation after a colon that follows a name with no verb of its own: "Sanders on
    the debate: “...”", "The White House's answer: “...”"."""
    doc, text, found = page.doc, page.text, []
    for stretch in page.stretches:
        colon = text.rfind(":", max(0, stretch.start - COLON_REACH), stretch.start)
        if colon == -1 or text[colon + 1 : stretch.start].strip(" \t\u00a0\n“\"") or nearby.taken((stretch.start, stretch.end)):
            continue
        lo = max(page.sentence(colon)[0], page.paragraph(colon)[0])
        intro = doc[page.token_at(lo) : page.token_at(colon)]
        names = [t for t in intro if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"]
        if not names or any(t.pos_ in ("VERB", "AUX") for t in intro):
            continue
        head = names[0] if names[0].dep_ != "compound" else names[0].head
        cue = Cue(colon, colon + 1, ":", "colon", page.token_at(colon))
        found.append(Claim(cue, (names[0].idx, head.idx + len(head.text)), head.i, [(stretch.start, stretch.end)]))
    return found


def _place_loose_quotes(page: Page, nearby: Nearby) -> None:
    """Give each quotation no claim holds to the direct quote whose cue shares its sentence,
    else to the quote it continues, else (a statement of its own) to the last speaker."""
    text = page.text
    ends = {s.end for s in page.stretches}
    for stretch in page.stretches:
        piece = (stretch.start, stretch.end)
        if nearby.taken(piece):
            continue
        before = sorted((c for c in nearby.around(stretch.start, CARRY_LINES) if c.end <= stretch.start), key=lambda c: c.end)
        quoted_before = [c for c in before if c.end in ends]
        previous = quoted_before[-1] if quoted_before else None
        host = _direct_claim_beside(page, stretch, nearby)
        if host is None and previous is not None and _continues(text, previous, stretch):
            host = previous
        if host is not None:
            host.pieces = _merged(host.pieces + [piece])
            nearby.add(host)
        elif _standalone(page, stretch):
            speaker = _recent_speaker(text, before, stretch.start)
            nearby.add(Claim(None, speaker.speaker if speaker else None, speaker.speaker_head if speaker else None, [piece]))


def _direct_claim_beside(page: Page, stretch: Quoted, nearby: Nearby) -> Claim | None:
    """The nearest claim whose cue stands beside the quotation, if its content is quoted."""
    beside = [
        c for c in nearby.around(stretch.start)
        if c.cue is not None and _beside(page, c.cue, stretch) and page.kind(c.pieces) == "direct"
    ]
    return min(beside, key=lambda c: abs(c.cue.start - stretch.start), default=None)


def _continues(text: str, previous: Claim, stretch: Quoted) -> bool:
    """The quotation goes on with `previous`, the last quote before it to end on a quotation:
    only that quote's cue, or nothing but white space, stands between them, in the same
    paragraph or the next."""
    last = previous.pieces[-1]
    between = text[last[1] : stretch.start]
    if "\n" in between.strip("\n“”\" ") or between.count("\n") > 2:
        return False
    if previous.cue is not None and previous.cue.start >= last[1]:
        return True  # "A," he said. "B."
    return between.strip("“”\" \n.,") == ""


def _standalone(page: Page, stretch: Quoted) -> bool:
    """A quotation that opens its sentence and says something, not a title in passing."""
    if len(page.text[stretch.start : stretch.end].split()) < STANDALONE_WORDS:
        return False
    return stretch.start - page.sentence(stretch.start)[0] <= 1


def _recent_speaker(text: str, before: list[Claim], at: int) -> Claim | None:
    """The last claim with a speaker within a few paragraphs before `at`."""
    for claim in reversed(before):
        if text.count("\n\n", claim.end, at) + text.count("\n", claim.end, at) // 2 > CARRY_PARAGRAPHS:
            return None
        if claim.speaker is not None:
            return claim
    return None


def _without_repeats(claims: list[Claim], page: Page) -> list[Claim]:
    """One claim per content and speaker: "said in a statement" is one claim, by its verb;
    "According to the Post, Smith said that ..." is two, the Post's and Smith's."""
    rank = {"verb": 0, "according to": 1, "noun": 2}
    ordered = sorted(claims, key=lambda c: (rank[c.cue.kind] if c.cue else 3, c.speaker is None))
    kept: list[Claim] = []
    kept_on_line: dict[int, list[Claim]] = {}
    for claim in ordered:
        line = page.line(claim.start)
        if not any(_same_content(claim, other) and _same_speaker(claim, other) for other in kept_on_line.get(line, [])):
            kept.append(claim)
            kept_on_line.setdefault(line, []).append(claim)
    return kept


def _same_speaker(a: Claim, b: Claim) -> bool:
    """Two claims on one content have one speaker, unless one is "according to" a source
    that reports what another says."""
    kinds = {c.cue.kind if c.cue else None for c in (a, b)}
    return "according to" not in kinds or a.speaker is None or b.speaker is None


def _same_content(a: Claim, b: Claim) -> bool:
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.pieces for s2, e2 in b.pieces)
    size = min(sum(e - s for s, e in a.pieces), sum(e - s for s, e in b.pieces))
    return size > 0 and shared / size >= 0.5


def _overlaps(piece: tuple[int, int], pieces: list[tuple[int, int]]) -> bool:
    return any(piece[0] < end and start < piece[1] for start, end in pieces)


def _merged(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(pieces)):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
