"""Boilerplate line rules shared by the text cleaner and the HTML extractor.

Each rule names the reason a line is not article text ("cookie notice", "share prompt",
...). A rule only fires on lines no longer than its word limit: "Share this article" is a
prompt, but a 40-word paragraph that mentions sharing is article text. Patterns are
anchored on the wording sites use for their own furniture, not on topics, so an article
*about* cookies or newsletters keeps its sentences.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

WORD = re.compile(r"\w+")

# A teaser is a headline or summary the page cut off: it ends in "…" or "..." (optionally
# followed by a closing bracket or a "read more" arrow).
TEASER_END = re.compile(r"(…|\.\.\.)\s*[\])»›>]?\s*$")


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int
    cue: re.Pattern[str] | None = None  # a cheap pre-check: the lower-cased line must contain it

    def matches(self, line: str, lowered: str, n_words: int) -> bool:
        if n_words > self.max_words or (self.cue and not self.cue.search(lowered)):
            return False
        return self.pattern.search(line) is not None


def _rule(reason: str, max_words: int, *alternatives: str, cue: tuple[str, ...] = ()) -> Rule:
    cue_pattern = re.compile("|".join(map(re.escape, cue))) if cue else None
    return Rule(reason, re.compile("|".join(alternatives), re.IGNORECASE), max_words, cue_pattern)


# Headings that open what follows an article (related stories, comments, tags, the
# author's bio). The text cleaner treats them as walls its article region rarely crosses.
SECTION_ENDS: tuple[Rule, ...] = (
    _rule(
        "related links",
        6,
        r"^\W*(related|recommended|more|popular|recent|latest|similar|other|trending)( \w+)? "
        r"(posts|articles|stories|reads|reading|content|news|guides|blogs?|products|topics|videos)\W*$",
        r"^\W*you (may|might|will) (also )?(like|enjoy|be interested)",
        r"^\W*(what to read next|read next|up next|more to explore|explore more|further reading|recommended for you|"
        r"editor'?s picks|editor’s picks|top stories|most (read|popular|viewed|shared))\W*:?\W*$",
    ),
    _rule("end-of-article marker", 5, r"^\W*end of (the )?(article|story|post)\W*$"),
    _rule(
        "comments",
        8,
        r"^\W*(leave a (reply|comment)|\d+ (comments|responses|thoughts|replies)|comments|"
        r"(post|add|write) a comment|join the (discussion|conversation))\W*$",
    ),
    _rule("comments", 25, r"^\W*(\d+|one|two|three) (comments?|responses?|thoughts?|replies) (on|to)\b"),
    _rule(
        "author bio",
        4,
        r"^\W*(the author|about the (author|writer|reviewer|authors)|meet the author|author bio|"
        r"about me|full bio|view (full )?(bio|profile))\W*:?\W*$",
    ),
    _rule("author bio", 8, r"^\W*about the (author|writer)", r"^\W*more (articles|posts|stories) (by|from) [A-Z]"),
    _rule(
        "tags",
        4,
        r"^\W*(tags|tagged|tagged with|filed under|categories|category|topics)\W*:?\W*$",
        r"^\W*(tags|tagged|tagged with|filed under|categories|category|topics)\s*:",
    ),
)

_DATE = (
    r"((\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? \d{4}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d)"
)

# Ordered: the first rule that matches gives the reason.
RULES: tuple[Rule, ...] = (
    _rule(
        "date line",
        9,
        rf"^\W*((published|posted|updated|last updated|modified|date)( on)?\W*)?{_DATE}\b",
    ),
    _rule(
        "byline",
        10,
        r"^\W*(by|written by|posted by|words by|author|authored by|reviewed by|medically reviewed by|"
        r"fact[- ]checked by|edited by)\b:?\s*((?-i:[A-Z])|$)",
    ),
    _rule("reading time", 6, r"^\W*\d+\s*(min|mins|minutes?)\.? read\b"),
    _rule(
        "cookie notice",
        80,
        r"\b(we|this (web)?site|our (web)?site|site) (also )?uses? cookies\b",
        r"\b(accept|allow|reject|manage|use of) (all )?cookies\b",
        r"\bcookie (policy|settings|preferences|consent|notice|banner)\b",
        r"\bby (continuing|using|browsing)\b.{0,40}\b(you (agree|accept|consent)|cookies)\b",
        cue=("cookie", "by continuing", "by using", "by browsing"),
    ),
    _rule("advertisement", 3, r"^\W*(advertisement|advertising|sponsored( content)?|ad|ads|promoted)\W*$"),
    _rule(
        "share prompt",
        8,
        r"^\W*(share|shares|tweet|pin it|email|print|copy link|link copied|copied|like this|like loading)\W*$",
        r"^\W*share (this|on|via|to|article|story|post|page)\b",
        r"^\W*(facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|threads|flipboard|bluesky|messenger)\W*$",
    ),
    _rule(
        "subscribe prompt",
        30,
        r"^\W*(subscribe|sign up|signup)\b",
        r"\b(sign up|subscribe) (for|to) (our|the|my)\b.{0,30}\b(newsletter|emails?|updates|list|inbox)\b",
        r"^\W*(\w+ )?newsletters?\W*$",
        r"\bdelivered (straight |directly )?to your inbox\b",
        r"\benter your e-?mail\b",
        r"\bunsubscribe at any time\b",
        cue=("subscri", "sign", "newsletter", "inbox", "mail"),
    ),
    _rule(
        "follow prompt",
        10,
        r"^\W*(follow|like|find|connect with|join) (us|me)\b",
        r"\bfollow (us|me) on\b",
        r"^\W*(visit|view) (us|our \w+) on\b",
    ),
    _rule(
        "call to action",
        12,
        r"\b(book|schedule|request|get|claim) (a |an |your )?(free )?(demo|call|consultation|quote|estimate|trial)\b",
        r"\bfree trial\b",
        r"^\W*(get started|start (your|now|today|for free)|try (it|\w+) (for )?free|contact us (today|now)|"
        r"download (now|the app|our|the free))",
        r"\b(start|try) .{0,30}\bfor free\b",
        cue=("demo", "call", "consult", "quote", "estimate", "trial", "free", "start", "contact", "download"),
    ),
    _rule(
        "image credit",
        12,
        r"^\W*(image|photo|photograph|picture|illustration|graphic|credit|photo credit|image credit|"
        r"featured image|header image)s?( credit| courtesy)?\s*(by|via)?\s*:",
        r"\b(getty images|shutterstock|istock(photo)?|unsplash|pexels|adobe stock|depositphotos|dreamstime|ap photo)\b",
        r"^\W*(courtesy of|photo by|image by|photo courtesy)\b",
        cue=("image", "photo", "picture", "illustration", "graphic", "credit", "getty", "shutterstock",
             "istock", "unsplash", "pexels", "stock", "courtesy", "dreamstime"),
    ),
    _rule(
        "shopping link",
        8,
        r"^\W*\$[\d,.]+( at| from| on)\b",
        r"^\W*(check|see|view|compare) (the )?(latest )?(price|prices|deal|deals)\b",
        r"^\W*(buy|shop|order) (it |them )?(now|here|today|on|at|from)\b",
    ),
    _rule(
        "read-more link",
        8,
        r"^\W*(read|see|view|show|load|learn) (more|all|full|less|the full)\b",
        r"^\W*(continue|keep) reading\b",
        r"^\W*(read|see) also\b",
        r"^\W*(also read|related|recommended|more from|more on|you may also like|you might also like|more stories)\b",
        r"^\W*(click|tap) here\b",
    ),
    _rule(
        "comments",
        10,
        r"^\W*(leave|post|add|write|view|show|hide) (a |your |all )?(\d+ )?(reply|replies|comments?|responses?)\b",
        r"^\W*\d*\s*(comments?|replies|responses)\W*$",
        r"^\W*(reply|report|cancel reply|log in to reply|reply to comment|flag)\W*$",
        r"\b(says|said|wrote):?\s*$",
    ),
    _rule(
        "navigation",
        6,
        r"^\W*(skip to|jump to|back to|go to|return to) ",
        r"^\W*(home|menu|main menu|search|close|open menu|toggle navigation|navigation|"
        r"previous|next|prev|older|newer|previous post|next post|previous article|next article|"
        r"log ?in|log ?out|sign in|sign out|register|my account|account|"
        r"table of contents|contents|on this page|in this article|categories|tags|topics|"
        r"top|back to top|scroll to top|all rights reserved)\W*$",
        r"^\W*page \d+( of \d+)?\W*$",
        r"^([^\W\d]\w*( \w+){0,2} ?[›»>|] ?){2,}",
    ),
    _rule(
        "copyright notice",
        25,
        r"(©|\(c\)|\bcopyright\b)\s*(©\s*)?\d{4}",
        r"\ball rights reserved\b",
        r"^\W*(privacy policy|privacy|terms of (use|service)|terms (and|&) conditions|terms|sitemap|"
        r"accessibility statement|cookie policy|disclaimer)\W*$",
        cue=("©", "(c)", "copyright", "reserved", "privacy", "terms", "sitemap", "accessibility", "cookie",
             "disclaimer"),
    ),
)


def words(line: str) -> int:
    return len(WORD.findall(line))


def word_key(line: str | None) -> str:
    """What two spellings of one line share ("Storm hits coast" and "STORM HITS COAST!")."""
    return " ".join(WORD.findall(line.lower())) if line else ""


def _first_match(line: str, lowered: str, n_words: int, rule_set: tuple[Rule, ...]) -> str | None:
    return next((rule.reason for rule in rule_set if rule.matches(line, lowered, n_words)), None)


@functools.lru_cache(maxsize=8192)  # menus repeat within a page and across a site's pages
def verdict(line: str, n_words: int | None = None) -> tuple[str | None, bool]:
    """(why `line` is page furniture or None, whether it heads the stuff after an article)."""
    n = words(line) if n_words is None else n_words
    lowered = line.lower()
    section_end = _first_match(line, lowered, n, SECTION_ENDS)
    return section_end or _first_match(line, lowered, n, RULES), section_end is not None


def boilerplate_reason(line: str) -> str | None:
    """Why `line` is page furniture rather than article text, or None if it may be text."""
    return verdict(line)[0]


_BYLINE_PREFIX = re.compile(
    r"^\W*(by|written by|posted by|words by|author|authored by)\b\W*", re.IGNORECASE
)
_BYLINE_STOP = re.compile(r"\s*(\||·|•|,|\bon\b|\bupdated\b|\bpublished\b|\d).*$", re.IGNORECASE)


def byline_name(line: str) -> str | None:
    """The author's name in a byline such as "By Jane Roe | March 3, 2025"."""
    match = _BYLINE_PREFIX.match(line)
    if not match:
        return None
    name = _BYLINE_STOP.sub("", line[match.end() :]).strip(" .:-–—")
    return name if 1 <= words(name) <= 6 else None


_BIO_START = re.compile(r"^(hi,? )?(i'm|i am|i’m|my name is)\b", re.IGNORECASE)
_BIO_WORDS = re.compile(
    r"\b(writer|editor|journalist|reporter|author|contributor|columnist|correspondent|blogger|"
    r"freelancer?|founder|co-founder|ceo|specialist|expert|consultant|coach|strategist|analyst|"
    r"researcher|professor|marketer|years of experience|writes about|has written|covers)\b",
    re.IGNORECASE,
)


def author_bio_lines(lines: list[str]) -> set[int]:
    """Indices of author bios: a name on its own line, then a paragraph about that person.

    Bios follow most blog and news articles ("Jane Roe / Jane Roe is a reporter covering
    ..." or "I'm Jane, a ..."); the name line alone would pass for a short heading.
    """
    found: set[int] = set()
    for k, line in enumerate(lines):
        parts = line.split()
        if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() for p in parts) or line[-1:] in ".:?!":
            continue
        first = parts[0]
        for j in range(k + 1, min(k + 4, len(lines))):
            follow = lines[j]
            if words(follow) < 8:
                continue
            about_them = follow.startswith(first + " ") or bool(_BIO_START.match(follow) and first in follow[:40])
            if about_them and _BIO_WORDS.search(follow):
                found.update(range(k, j + 1))
            break
    return found


def is_teaser(line: str) -> bool:
    """A line cut off with "…": a teaser for another story when it sits among teasers."""
    return bool(TEASER_END.search(line))
