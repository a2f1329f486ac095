import gzip
import io
import json
from pathlib import Path

from newsgraph.record import Failure, RawDocument
from newsgraph.sources import Sources

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLE = "Harbour Talks Collapse\nNegotiators left the harbour office on Monday without a deal.\n"


def read(*paths, **kwargs):
    sources = Sources([str(p) for p in paths], **kwargs)
    return list(sources), sources


def test_folder_is_walked_recursively_in_order_and_other_types_counted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE)
    (tmp_path / "a.html").write_text("<html><body><p>One</p></body></html>")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "notes.md").write_text("# notes")
    items, sources = read(tmp_path)
    assert [Path(i.source.path).name for i in items] == ["a.html", "two.txt"]
    assert [i.kind for i in items] == ["html", "text"]
    assert sources.skipped == {"unsupported file type .jpg": 1, "unsupported file type .md": 1}


def test_a_named_file_of_another_type_is_an_error_row(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8")
    (item,), _ = read(path)
    assert isinstance(item, Failure) and item.error.startswith("unsupported file type .jpg")


def test_missing_path_and_empty_glob_are_error_rows(tmp_path):
    items, _ = read(tmp_path / "nope.txt", tmp_path / "*.html")
    assert [i.error.split(":")[0] for i in items] == ["not found", "not found"]


def test_glob_matches_files(tmp_path):
    for name in ("x.txt", "y.txt", "z.json"):
        (tmp_path / name).write_text(ARTICLE if name.endswith(".txt") else '{"text": "Body text here."}')
    items, _ = read(tmp_path / "*.txt")
    assert [Path(i.source.path).name for i in items] == ["x.txt", "y.txt"]


def test_gzip_compressed_files_are_read(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": "k1", "text": "Body."}\n'))
    items, _ = read(tmp_path)
    assert items[0].content == ARTICLE and items[0].kind == "text"
    assert items[1].id == "k1"


def test_corrupt_gzip_is_an_error_row(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode())[:20])
    (item,), _ = read(tmp_path / "a.txt.gz")
    assert isinstance(item, Failure) and item.error.startswith("unreadable")


def test_jsonl_records_and_their_errors_keep_their_line(tmp_path):
    lines = [
        json.dumps({"id": 7, "title": "Given title", "url": "https://x.example/a", "published": "2026-01-02", "text": "Body one."}),
        "",
        json.dumps({"html": "<p>Body two.</p>", "url": "https://x.example/b"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-body", "title": "Only a title"}),
        json.dumps({"id": "blank", "text": "   "}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items, _ = read(path)
    first, second, bad_json, not_object, no_body, blank = items
    assert (first.id, first.title, first.published, first.source.url, first.source.line) == (
        "7", "Given title", "2026-01-02", "https://x.example/a", 1)
    assert second.kind == "html" and second.source.line == 3
    assert bad_json.source.line == 4 and bad_json.error.startswith("invalid JSON")
    assert not_object.error.startswith("invalid record: expected a JSON object")
    assert no_body.id == "no-body" and "no `text` or `html`" in no_body.error
    assert blank.error.startswith("empty")


def test_json_array_file(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]))
    items, _ = read(path)
    assert [i.content for i in items] == ["One.", "Two."]
    assert [i.source.record for i in items] == [0, 1]


def test_warc_html_responses_become_documents_and_the_rest_is_counted():
    items, sources = read(EXAMPLES / "archive" / "crawl.warc.gz")
    assert all(isinstance(i, RawDocument) and i.kind == "html" for i in items)
    assert [i.source.url.rsplit("/", 1)[1] for i in items] == ["fishing-quota-deal", "ferry-strike-ends"]
    assert items[0].source.record < items[1].source.record
    assert sources.skipped == {"warc record not HTML": 1, "warc response status 404": 1}


def test_a_file_that_is_not_a_warc_is_an_error_row(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not an archive")
    (item,), _ = read(path)
    assert item.error.startswith("not a WARC file")


def test_truncated_warc_gz_is_an_error_row(tmp_path):
    data = (EXAMPLES / "archive" / "crawl.warc.gz").read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) // 2])
    items, _ = read(path)
    assert isinstance(items[-1], Failure) and items[-1].error.startswith("corrupt WARC")


def test_stdin_format_is_sniffed():
    for data, kind in [(ARTICLE.encode(), "text"), (b"<html><p>x</p></html>", "html"), (b'{"text": "Body."}\n', "text")]:
        (item,), _ = read("-", stdin=io.BytesIO(data))
        assert item.kind == kind and item.source.path == "<stdin>"


def test_too_large_empty_and_binary_inputs_are_error_rows(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 100)
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(150)))
    items, _ = read(tmp_path / "big.txt", tmp_path / "empty.txt", tmp_path / "binary.txt", max_bytes=200)
    assert [i.error.split(":")[0] for i in items] == ["too large", "empty", "binary content"]


def test_non_utf8_text_is_decoded_and_flagged():
    (item,), _ = read(EXAMPLES / "scraped" / "flood-relief-cp1252.txt")
    assert item.flags == ["decoded from cp1252 (detected)"]
    assert "“deeply worrying.”" in item.content and "Hélène" in item.content


def test_estimate_counts_documents_cheaply(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "f.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    assert Sources([str(tmp_path)]).estimate() == 3
