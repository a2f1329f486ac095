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

from spacy.tokens import Doc

from .claims import Claim, claim_of, sentence_of
from .cues import Cue, find_cues
from .marks import Quoted, quoted_stretches

STANDALONE_WORDS = 4  # a cue-less quotation this long, opening its sentence, is a statement
CARRY_PARAGRAPHS = 3  # how many paragraphs back a cue-less quotation looks for its speaker
DIRECT_SHARE = 0.9  # share of a content's letters inside marks that makes it a direct quote


def find_claims(doc: Doc) -> tuple[list[Claim], list[Quoted]]:
    """Every claim of `doc` with its content pieces, in text order, and the quoted stretches."""
    text = doc.text
    stretches = quoted_stretches(text)
    inside = _inside_quotes(stretches)
    claims = [claim_of(doc, cue) for cue in find_cues(doc) if not inside(cue.start)]
    for claim in claims:
        claim.pieces = _widen_to_marks(claim.pieces, stretches)
    for claim in claims:
        if not claim.pieces and claim.cue is not None:
            claim.pieces = _quotes_beside(doc, claim.cue, stretches, claims) or _after_colon(doc, claim.cue, stretches)
    claims = _without_repeats([c for c in claims if c.pieces])
    claims = _place_loose_quotes(doc, claims, stretches)
    return sorted(claims, key=lambda c: c.start), stretches


def _inside_quotes(stretches: list[Quoted]):
    def inside(char: int) -> bool:
        return any(s.start <= char < s.end for s in stretches)

    return inside


def _widen_to_marks(pieces: list[tuple[int, int]], stretches: list[Quoted]) -> list[tuple[int, int]]:
    """A content that lies inside a quotation is the whole quotation (the parse may have
    cut the quotation at a sentence break)."""
    out = []
    for start, end in pieces:
        holding = [s for s in stretches if s.start <= start + 1 and end - 1 <= s.end and s.start < end and start < s.end]
        if holding:
            out.append((holding[0].start, holding[0].end))
        else:
            out.append((start, end))
    return _merged(out)


def _quotes_beside(doc: Doc, cue: Cue, stretches: list[Quoted], claims: list[Claim]) -> list[tuple[int, int]]:
    """The quotations in the cue's sentence that no other claim holds."""
    sentence = sentence_of(doc, cue.start)
    taken = [p for c in claims if c.cue is not cue for p in c.pieces]
    return [
        (s.start, s.end)
        for s in stretches
        if s.start < sentence.end_char and sentence.start_char < s.end and not _overlaps((s.start, s.end), taken)
    ]


def _after_colon(doc: Doc, cue: Cue, stretches: list[Quoted]) -> list[tuple[int, int]]:
    """A cue sentence ending in ":" ("He said:") introduces what follows it."""
    text = doc.text
    sentence = sentence_of(doc, cue.start)
    before = text[cue.end : sentence.end_char].rstrip()
    if not before.endswith(":"):
        return []
    after = sentence.end_char + (len(text[sentence.end_char :]) - len(text[sentence.end_char :].lstrip()))
    following = [s for s in stretches if after <= s.start <= after + 1]
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


def _place_loose_quotes(doc: Doc, claims: list[Claim], stretches: list[Quoted]) -> list[Claim]:
    """Give each quotation no claim holds to the quote it continues, else to the last speaker."""
    text = doc.text
    for stretch in stretches:
        piece = (stretch.start, stretch.end)
        if any(_overlaps(piece, c.pieces) for c in claims):
            continue
        before = sorted((c for c in claims if c.end <= stretch.start), key=lambda c: c.end)
        previous = before[-1] if before else None
        if previous is not None and _continues(text, previous, stretch, stretches):
            previous.pieces = _merged(previous.pieces + [piece])
        elif _standalone(doc, stretch):
            speaker = _recent_speaker(text, before, stretch.start)
            claims.append(
                Claim(None, speaker.speaker if speaker else None, speaker.speaker_head if speaker else None, [piece])
            )
    return claims


def _continues(text: str, previous: Claim, stretch: Quoted, stretches: list[Quoted]) -> bool:
    """The quotation goes on with `previous`: it follows that quote's last quoted piece with
    only its cue or nothing but white space between, in the same paragraph or the next."""
    last = previous.pieces[-1]
    if not any(s.start == last[0] and s.end == last[1] for s in stretches):
        return False
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
