"""Read news from files, folders, globs and stdin into `RawDocument`s.

Every input ends as a document or as a `Failure` with its path (and line or record) and a
readable reason; files of other types found inside a folder are skipped and counted. The
formats: .html/.htm, .txt (already-scraped page text), .jsonl/.json (one object per line
with `text` or `html`, optional `id`, `title`, `url`, `published`; a JSON array works too),
.warc/.warc.gz (HTTP responses carrying HTML), and any of them gzip-compressed.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .decode import DecodeError, decode
from .record import Failure, RawDocument, Source

DEFAULT_MAX_BYTES = 10_000_000
FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
}
HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b"
STDIN = "-"

Item = RawDocument | Failure


def file_format(path: str) -> str | None:
    """The format a file name announces (".gz" looked through), or None."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return FORMATS.get(os.path.splitext(name)[1])


def sniff_format(data: bytes) -> str:
    """Guess the format of unnamed input (stdin) from its first bytes."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if head[:1] in (b"{", b"["):
        return "jsonl"
    if head[:1] == b"<":
        return "html"
    return "txt"


class Sources:
    """The documents in `paths`; `skipped` counts what was passed over and why."""

    def __init__(self, paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None):
        self.paths = list(paths)
        self.max_bytes = max_bytes
        self.stdin = stdin
        self.skipped: Counter[str] = Counter()

    def __iter__(self) -> Iterator[Item]:
        for path, fmt in self.files():
            if isinstance(path, Failure):
                yield path
            else:
                yield from self.read(path, fmt)

    def estimate(self) -> int | None:
        """How many documents the inputs hold, counted cheaply (None when a WARC makes it unknowable)."""
        total = 0
        for path, fmt in self.files():
            if fmt == "warc" or path == STDIN:
                return None
            if fmt == "jsonl":
                try:
                    total += sum(1 for line in self.load(path).splitlines() if line.strip())
                except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
                    total += 1
            else:
                total += 1
        return total

    def files(self) -> Iterator[tuple[str | Failure, str | None]]:
        """Each input file with its format, in a stable order (folders sorted)."""
        for path in self.paths:
            if path == STDIN:
                yield STDIN, None
            elif os.path.isdir(path):
                yield from self.folder(path)
            elif os.path.isfile(path):
                yield path, file_format(path)
            else:
                matches = sorted(glob.glob(path, recursive=True)) if glob.has_magic(path) else []
                if not matches:
                    yield Failure(None, Source(path, "unknown"), "not found: no such file, folder or glob match"), None
                for match in matches:
                    if os.path.isdir(match):
                        yield from self.folder(match)
                    else:
                        yield from self.candidates([match])

    def folder(self, root: str) -> Iterator[tuple[str, str | None]]:
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            yield from self.candidates(os.path.join(folder, name) for name in sorted(names))

    def candidates(self, paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
        """Files found by a folder walk or a glob: other types are skipped and counted."""
        for path in paths:
            fmt = file_format(path)
            if fmt is None:
                suffix = os.path.splitext(path)[1].lower() or "(no extension)"
                self.skipped[f"unsupported file type {suffix}"] += 1
            else:
                yield path, fmt

    def read(self, path: str, fmt: str | None) -> Iterator[Item]:
        if fmt is None and path != STDIN:
            suffix = os.path.splitext(path)[1] or "(no extension)"
            yield Failure(None, Source(path, "unknown"), f"unsupported file type {suffix}: expected .html, .txt, .jsonl, .json or .warc (optionally .gz)")
            return
        try:
            if fmt == "warc":
                with open(path, "rb") as stream:
                    yield from self.read_warc(path, stream)
                return
            data = self.load(path)
            if path == STDIN:
                fmt = sniff_format(data)
                if fmt == "warc":
                    yield from self.read_warc(path, io.BytesIO(data))
                    return
            if fmt == "jsonl":
                yield from self.read_json(path, data)
            else:
                yield self.document(Source(self.label(path), fmt), data, "html" if fmt == "html" else "text")
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield Failure(None, Source(self.label(path), fmt or "unknown"), f"unreadable: {exc}")

    def label(self, path: str) -> str:
        return "<stdin>" if path == STDIN else path

    def load(self, path: str) -> bytes:
        """The file's bytes, gunzipped; a whole-document file past the size limit is refused early."""
        if path == STDIN:
            stream = self.stdin or sys.stdin.buffer
            data = stream.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read() if file_format(path) == "jsonl" else fh.read(self.max_bytes + 1)
        if data.startswith(GZIP_MAGIC):
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read() if path == STDIN or file_format(path) == "jsonl" else gz.read(self.max_bytes + 1)
        return data

    def too_large(self, size: int) -> str | None:
        if size > self.max_bytes:
            return f"too large: more than {self.max_bytes:,} bytes (raise --max-bytes to accept it)"
        return None

    def document(self, source: Source, data: bytes, kind: str, declared: str | None = None) -> Item:
        problem = self.too_large(len(data))
        if problem:
            return Failure(None, source, problem)
        if not data.strip():
            return Failure(None, source, "empty: the input holds no text")
        try:
            text, flags = decode(data, declared)
        except DecodeError as exc:
            return Failure(None, source, str(exc))
        return RawDocument(source=source, content=text, kind=kind, flags=flags)

    def read_json(self, path: str, data: bytes) -> Iterator[Item]:
        label = self.label(path)
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
            try:
                items = json.loads(data)
            except (ValueError, UnicodeDecodeError) as exc:
                yield Failure(None, Source(label, "json"), f"invalid JSON: {exc}")
                return
            for index, obj in enumerate(items):
                yield self.json_document(obj, Source(label, "json", record=index))
            return
        for number, line in enumerate(data.splitlines(), 1):
            if not line.strip():
                continue
            source = Source(label, "jsonl", line=number)
            try:
                obj = json.loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                yield Failure(None, source, f"invalid JSON: {exc}")
                continue
            yield self.json_document(obj, source)

    def json_document(self, obj: object, source: Source) -> Item:
        if not isinstance(obj, dict):
            return Failure(None, source, f"invalid record: expected a JSON object, got {type(obj).__name__}")
        explicit = obj.get("id")
        explicit = str(explicit) if explicit not in (None, "") else None
        source.url = obj.get("url") or None
        body = obj.get("html") if obj.get("html") else obj.get("text")
        if not isinstance(body, str):
            return Failure(explicit, source, "invalid record: no `text` or `html` string")
        problem = self.too_large(len(body.encode("utf-8", "surrogatepass")))
        if problem:
            return Failure(explicit, source, problem)
        if not body.strip():
            return Failure(explicit, source, "empty: the record's text is blank")
        title = obj.get("title")
        published = obj.get("published")
        return RawDocument(
            source=source,
            content=body,
            kind="html" if obj.get("html") else "text",
            id=explicit,
            title=title.strip() or None if isinstance(title, str) else None,
            published=str(published) if published not in (None, "") else None,
        )

    def read_warc(self, path: str, stream: BinaryIO) -> Iterator[Item]:
        """HTML responses of a WARC file; other records are counted as skipped."""
        label = self.label(path)
        if not starts_like_warc(stream):
            yield Failure(None, Source(label, "warc"), "not a WARC file: it does not begin with a WARC/1.x record")
            return
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                headers = record.http_headers
                content_type = (headers.get_header("Content-Type") if headers else record.rec_headers.get_header("Content-Type")) or ""
                if not content_type.lower().startswith(HTML_TYPES):
                    self.skipped["warc record not HTML"] += 1
                    continue
                status = headers.get_statuscode() if headers else "200"
                if status != "200":
                    self.skipped[f"warc response status {status}"] += 1
                    continue
                data = record.content_stream().read(self.max_bytes + 1)
                # warcio knows a record's offset only once its content has been read
                source = Source(label, "warc", url=record.rec_headers.get_header("WARC-Target-URI"),
                                record=records.get_record_offset())
                missing = getattr(record.raw_stream, "limit", 0) if len(data) <= self.max_bytes else 0
                if missing:  # warcio hands back a cut-off record's bytes without complaint
                    yield Failure(None, source, f"corrupt WARC: record truncated, {missing:,} bytes missing")
                    return
                yield self.document(source, data, "html", declared=charset_of(content_type))
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
            yield Failure(None, Source(label, "warc", record=records.offset), f"corrupt WARC: {exc}")
            return
        stream.seek(records.offset)
        if stream.read(4096).strip():  # warcio stops quietly at a record cut off in its header
            yield Failure(None, Source(label, "warc", record=records.offset), "corrupt WARC: the file ends inside a record")


def starts_like_warc(stream: BinaryIO) -> bool:
    """warcio reads almost any bytes as some record; a WARC (or its gzip) must open with "WARC/"."""
    head = stream.read(64)
    stream.seek(0)
    if head.startswith(GZIP_MAGIC):
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(5)
        except (OSError, EOFError, zlib.error):
            return True  # too little to tell: the iterator will report a corrupt file
    return head.startswith(b"WARC/")


def charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
