"""The day an event happened, where the sentence names one ("on Thursday", "March 31").

Only day-level expressions count ("last week" or "in 2022" leave the publication date in
place); relative ones ("Thursday", "yesterday") need the publication date to resolve and
are read as the latest such day on or before it. dateparser does the reading.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
DAY_LEVEL = re.compile(
    rf"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight"
    rf"|(?:{MONTHS})[a-z]*\.?\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS}))",
    re.IGNORECASE,
)
ABSOLUTE = re.compile(r"\b\d{4}\b")


def day_named(words: str, published: date | None) -> date | None:
    """The day `words` name, against the publication day; None when they name no single day."""
    day, year = DAY_LEVEL.search(words), ABSOLUTE.search(words)
    if day is None or (published is None and year is None):
        return None
    named = day.group(0).lower()
    if published is not None and named == published.strftime("%A").lower():
        return published  # "on Friday" in Friday's paper: that day, not a week before
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    found = dateparser.parse(f"{named} {year.group(0)}" if year else named, languages=["en"], settings=settings)
    if found is None or (published is not None and found.date() > published):
        return None
    return found.date()
