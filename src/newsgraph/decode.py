"""Bytes to text: UTF-8 first, then the declared charset, then detection.

Scraped news arrives in every encoding; a document that is readable in some encoding is
decoded and flagged with it rather than refused, and bytes that are not text at all
(images, archives, executables) become a clear error instead of mojibake.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Detection cannot tell the single-byte Latin code pages apart on mostly-ASCII news; among them
# cp1252 (what browsers assume for legacy Western pages) wins unless it leaves symbols inside words.
WESTERN = "cp1252"
LATIN_SIBLINGS = {"cp1250", "cp1252", "cp1254", "cp1257", "iso8859-1", "iso8859-2", "iso8859-13", "iso8859-15", "iso8859-16",
                  "cp775", "cp850", "cp852", "cp858", "mac-roman", "mac-latin2"}
TYPOGRAPHY = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u20ac\u00a3\u00b0\u00a7\u00a9\u00ae\u2122\u2022\u00b7\u00a0")
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
SNIFF = 8192


class DecodeError(ValueError):
    """Bytes that are not readable text in any encoding."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the opening mark a file that is not text."""
    head = data[:SNIFF]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in BOMS[1:]):
        return False  # UTF-16/32 text is full of NULs
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in CONTROL_BYTES)
    return controls / len(head) > 0.05


def declared_charset(data: bytes, declared: str | None = None) -> str | None:
    """The charset an HTTP header or an HTML <meta> names, if Python knows it."""
    candidates = [declared] if declared else []
    match = META_CHARSET.search(data[:SNIFF])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode `data` to text; the flags say which encoding it took when not UTF-8."""
    if looks_binary(data):
        raise DecodeError("binary content: not text (NUL or control bytes)")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), ([] if encoding == "utf-8-sig" else [f"decoded from {encoding}"])
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data, declared)
    if charset and charset != "utf-8":
        try:
            return data.decode(charset), [f"decoded from {charset} (declared)"]
        except UnicodeDecodeError:
            pass
    matches = [codecs.lookup(m.encoding).name for m in from_bytes(data[: 1 << 20]) if m.encoding]
    if not matches:
        raise DecodeError("undecodable bytes: not UTF-8 and no text encoding fits")
    candidates = [matches[0]]
    if matches[0] in LATIN_SIBLINGS:
        candidates += [name for name in matches[1:6] if name in LATIN_SIBLINGS] + [WESTERN]
    decoded = []
    for rank, name in enumerate(dict.fromkeys(candidates)):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        decoded.append((oddities(text), name != WESTERN, rank, name, text))
    if not decoded:
        raise DecodeError(f"undecodable bytes: the detected {matches[0]} does not fit")
    *_, name, text = min(decoded)
    return text, [f"decoded from {name} (detected)"]

def oddities(text: str) -> int:
    """Symbols a wrong Latin code page leaves inside words ("³" for "ł"): fewer is likelier right."""
    return sum(1 for a, c, b in zip(text, text[1:], text[2:])
               if ord(c) > 127 and not c.isalpha() and c not in TYPOGRAPHY and a.isalpha() and b.isalpha())
