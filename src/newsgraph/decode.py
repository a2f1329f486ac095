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
    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no text encoding fits")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"undecodable bytes: detected {best.encoding} does not fit ({exc})") from exc
    return text, [f"decoded from {codecs.lookup(best.encoding).name} (detected)"]
