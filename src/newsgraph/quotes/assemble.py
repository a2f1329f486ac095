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

from spacy.tokens import Doc

from .claims import Claim, claim_of, sentence_of
from .cues import Cue, find_cues
from .marks import Quoted, quoted_stretches

STANDALONE_WORDS = 4  # a cue-less quotation this long, opening its sentence, is a statement
CARRY_PARAGRAPHS = 3  # how many paragraphs back a cue-less quotation looks for its speaker
BESIDE_WORDS = 6  # words between a quotation and a cue that attributes it ("said Rep. Jim Clyburn")
WORD = re.compile(r"\w+")
DIRECT_SHARE = 0.9
SIGNATURE = re.compile(r"[”\"']?[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][^\n]{1,60}?)[ \t\u00a0.]*$", re.M)
TRANSCRIPT_LINE = re.compile(r"^[“\"]?(?P<name>[A-Z][A-Z.'\- ]{1,30}[A-Z]):[ \t\u00a0]+(?P<said>[^\n]*[^\n“”\" \t\u00a0])", re.M)  # share of a content's letters inside marks that makes it a direct quote


def find_claims(doc: Doc) -> tuple[list[Claim], list[Quoted]]:
    """Every claim of `doc` with its content pieces, in text order, and the quoted stretches."""
    text = doc.text
    stretches = quoted_stretches(text)
    inside = _inside_quotes(stretches)
    claims = [claim_of(doc, cue, inside) for cue in find_cues(doc) if not inside(cue.start)]
    for claim in claims:
        claim.pieces = _widen_to_marks(_in_cue_paragraph(text, claim), stretches)
    for claim in claims:
        if not claim.pieces and claim.cue is not None and claim.cue.kind == "verb":
            claim.pieces = _quotes_beside(doc, claim.cue, stretches, claims) or _after_colon(doc, claim.cue, stretches)
    claims = _without_repeats([c for c in claims if c.pieces and not _nobody_says(c, text, stretches)])
    claims += _signed_quotes(doc, stretches, claims) + _transcript_lines(doc, claims)
    claims = _place_loose_quotes(doc, claims, stretches)
    return sorted(claims, key=lambda c: c.start), stretches


def _nobody_says(claim: Claim, text: str, stretches: list[Quoted]) -> bool:
    """A verb with no speaker and no quotation is an action, not a statement: "anyone
    wanting to borrow", "without seeing his returns"."""
    return (
        claim.speaker is None and claim.cue is not None and claim.cue.kind in ("verb", "noun")
        and kind_of(text, claim.pieces, stretches) == "indirect"
    )


def _inside_quotes(stretches: list[Quoted]):
    def inside(char: int) -> bool:
        return any(s.start <= char < s.end for s in stretches)

    return inside


def _in_cue_paragraph(text: str, claim: Claim) -> list[tuple[int, int]]:
    """The content cut to the cue's paragraph: the parse runs a headline or a dateline
    into the sentence under it, but a cue's own clause never leaves its paragraph."""
    if claim.cue is None:
        return claim.pieces
    lo, hi = _paragraph(text, claim.cue.start)
    inside = [(max(start, lo), min(end, hi)) for start, end in claim.pieces]
    return [(start, end) for start, end in inside if text[start:end].strip()]


def _widen_to_marks(pieces: list[tuple[int, int]], stretches: list[Quoted]) -> list[tuple[int, int]]:
    """A content that starts or ends inside a quotation takes the whole quotation (the parse
    may have cut the quotation at a sentence break, or left its end outside the clause)."""
    out = []
    for start, end in pieces:
        for s in stretches:  # a piece may begin on the opening mark and end on the closing one
            if s.start - 1 <= start < s.end:
                start = s.start
            if s.start < end <= s.end + 1:
                end = s.end
        out.append((start, end))
    return _merged(out)


def _quotes_beside(doc: Doc, cue: Cue, stretches: list[Quoted], claims: list[Claim]) -> list[tuple[int, int]]:
    """The quotations beside the cue that no other claim holds: in its sentence, or a few
    words away in its paragraph ("How?" Clinton said.)."""
    taken = [p for c in claims if c.cue is not cue for p in c.pieces]
    return [
        (s.start, s.end)
        for s in stretches
        if _beside(doc, cue, s) and not _overlaps((s.start, s.end), taken)
    ]


def _beside(doc: Doc, cue: Cue, stretch: Quoted) -> bool:
    """The cue attributes the quotation by its place: same paragraph, and the same sentence
    or only the speaker's few words between them."""
    lo, hi = _paragraph(doc.text, cue.start)
    if not (lo <= stretch.start < hi):
        return False
    sentence = sentence_of(doc, cue.start)
    if stretch.start < sentence.end_char and sentence.start_char < stretch.end:
        return True
    gap = doc.text[stretch.end : cue.start] if stretch.end <= cue.start else doc.text[cue.end : stretch.start]
    return len(WORD.findall(gap)) <= BESIDE_WORDS


def _paragraph(text: str, at: int) -> tuple[int, int]:
    """The line holding character `at`."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end == -1 else end


def _after_colon(doc: Doc, cue: Cue, stretches: list[Quoted]) -> list[tuple[int, int]]:
    """A colon a few words after the cue ("He said:", "said in a statement:") introduces
    what follows it: the quotation there, else the rest of the line, else the next paragraph."""
    text = doc.text
    sentence = sentence_of(doc, cue.start)
    hi = min(sentence.end_char, _paragraph(text, cue.start)[1])
    colon = text.find(":", cue.end, hi)
    if colon == -1 or len(WORD.findall(text[cue.end : colon])) > BESIDE_WORDS:
        return []
    after = colon + 1 + len(text[colon + 1 :]) - len(text[colon + 1 :].lstrip())
    following = [s for s in stretches if after <= s.start <= after + 2]
    if following:
        return [(s.start, s.end) for s in _continuation(following[0], stretches)]
    line_end = text.find("\n", after)
    line_end = len(text) if line_end == -1 else line_end
    return [(after, line_end)] if line_end > after else []


def _continuation(first: Quoted, stretches: list[Quoted]) -> list[Quoted]:
    """A quotation with the paragraphs it runs on into."""
    run = [first]
    index = stretches.index(first)
    while run[-1].continues and index + 1 < len(stretches):
        index += 1
        run.append(stretches[index])
    return run


def _signed_quotes(doc: Doc, stretches: list[Quoted], claims: list[Claim]) -> list[Claim]:
    """A quotation signed after a dash at the end of its paragraph: “...” ― Jane Doe."""
    text, signed = doc.text, []
    taken = [p for c in claims for p in c.pieces]
    for stretch in stretches:
        match = SIGNATURE.match(text, stretch.end)
        if match is None or _overlaps((stretch.start, stretch.end), taken):
            continue
        cue = Cue(match.start("dash"), match.end("dash"), match.group("dash"), "dash", _token_at(doc, match.start("dash")))
        head = _token_at(doc, match.end("name") - 1)
        signed.append(Claim(cue, (match.start("name"), match.end("name")), head, [(stretch.start, stretch.end)]))
    return signed


def _transcript_lines(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A transcript's lines, each opening with its speaker in capitals: "PENCE: Well, ..."."""
    text, lines = doc.text, []
    taken = [p for c in claims for p in c.pieces]
    for match in TRANSCRIPT_LINE.finditer(text):
        said = (match.start("said"), match.end("said"))
        if _overlaps(said, taken):
            continue
        colon = match.end("name")
        cue = Cue(colon, colon + 1, ":", "colon", _token_at(doc, colon))
        head = _token_at(doc, colon - 1)
        lines.append(Claim(cue, (match.start("name"), colon), head, [said]))
    return lines


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc) - 1


def _place_loose_quotes(doc: Doc, claims: list[Claim], stretches: list[Quoted]) -> list[Claim]:
    """Give each quotation no claim holds to the direct quote whose cue shares its sentence,
    else to the quote it continues, else (a statement of its own) to the last speaker."""
    text = doc.text
    for stretch in stretches:
        piece = (stretch.start, stretch.end)
        if any(_overlaps(piece, c.pieces) for c in claims):
            continue
        before = sorted((c for c in claims if c.end <= stretch.start), key=lambda c: c.end)
        ends = {s.end for s in stretches}
        quoted_before = [c for c in before if c.end in ends]
        previous = quoted_before[-1] if quoted_before else None
        host = _direct_claim_beside(doc, stretch, claims, stretches)
        if host is None and previous is not None and _continues(text, previous, stretch):
            host = previous
        if host is not None:
            host.pieces = _merged(host.pieces + [piece])
        elif _standalone(doc, stretch):
            speaker = _recent_speaker(text, before, stretch.start)
            claims.append(
                Claim(None, speaker.speaker if speaker else None, speaker.speaker_head if speaker else None, [piece])
            )
    return claims


def _direct_claim_beside(doc: Doc, stretch: Quoted, claims: list[Claim], stretches: list[Quoted]) -> Claim | None:
    """The nearest claim whose cue stands beside the quotation, if its content is quoted."""
    beside = [
        c for c in claims
        if c.cue is not None and _beside(doc, c.cue, stretch) and kind_of(doc.text, c.pieces, stretches) == "direct"
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


def _standalone(doc: Doc, stretch: Quoted) -> bool:
    """A quotation that opens its sentence and says something, not a title in passing."""
    words = doc.text[stretch.start : stretch.end].split()
    if len(words) < STANDALONE_WORDS:
        return False
    sentence = sentence_of(doc, stretch.start)
    return stretch.start - sentence.start_char <= 1


def _recent_speaker(text: str, before: list[Claim], at: int) -> Claim | None:
    """The last claim with a speaker within a few paragraphs before `at`."""
    for claim in reversed(before):
        if text.count("\n\n", claim.end, at) + text.count("\n", claim.end, at) // 2 > CARRY_PARAGRAPHS:
            return None
        if claim.speaker is not None:
            return claim
    return None


def _without_repeats(claims: list[Claim]) -> list[Claim]:
    """One claim per content: "said in a statement" is one claim, by its verb."""
    kept: list[Claim] = []
    rank = {"verb": 0, "according to": 1, "noun": 2}
    ordered = sorted(claims, key=lambda c: (rank[c.cue.kind] if c.cue else 3, c.speaker is None))
    for claim in ordered:
        if not any(_same_content(claim, other) for other in kept):
            kept.append(claim)
    return kept


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


def kind_of(text: str, pieces: list[tuple[int, int]], stretches: list[Quoted]) -> str:
    """direct, mixed or indirect, by the share of the content's letters inside marks."""
    letters = quoted = 0
    for start, end in pieces:
        for k in range(start, end):
            if text[k].isalnum():
                letters += 1
                quoted += any(s.start <= k < s.end for s in stretches)
    if letters and quoted / letters >= DIRECT_SHARE:
        return "direct"
    return "mixed" if quoted else "indirect"
