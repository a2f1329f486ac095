import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NEWSGRAPH = [sys.executable, "-m", "newsgraph"]
CITIES = ["Rotterdam", "Hamburg", "Antwerp", "Gdansk", "Marseille", "Genoa", "Valencia", "Piraeus"]
LEADERS = ["Sanne de Vries", "Jonas Berg", "Marta Kowalska", "Luca Ferri", "Elena Petrova", "Tomas Novak"]


def run(*args, input=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    return result


def corpus(path: Path, n: int) -> Path:
    """A feed of n short articles that differ in their people, places and numbers."""
    with path.open("w") as fh:
        for i in range(n):
            city, leader = CITIES[i % len(CITIES)], LEADERS[i % len(LEADERS)]
            text = (f"Dockworkers in {city} Extend Strike Into Week {i + 2}\n"
                    f"Dockworkers in {city} voted on Friday to extend their strike by {i + 2} days. "
                    f"Union leader {leader} said the port operators had made no new offer. "
                    f"{leader.split()[-1]} told reporters that {i * 10 + 40} ships were waiting at anchor.\n"
                    f"The European Commission urged both sides to resume talks in Brussels.\n")
            fh.write(json.dumps({"id": f"strike-{i:03d}", "text": text}) + "\n")
    return path


def dump(db: Path) -> dict:
    """The database's content, independent of how its pages are laid out."""
    conn = sqlite3.connect(db)
    tables = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
              for t in ("documents", "removed", "entities", "mentions", "quotes", "events", "errors")}
    tables["rowids"] = conn.execute("SELECT rowid, id FROM documents ORDER BY rowid").fetchall()
    tables["fts"] = conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'strike' ORDER BY rowid").fetchall()
    conn.close()
    return tables


def test_analyze_prints_one_json_object_per_input():
    result = run("analyze", EXAMPLES)
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    records = [o for o in objects if "error" not in o]
    failures = [o for o in objects if "error" in o]
    assert len(records) == 9 and len(failures) == 2
    assert {tuple(sorted(f)) for f in failures} == {("error", "id", "source")}
    assert {"id", "source", "title", "published", "language", "text", "removed", "flags", "entities"} <= set(records[0])
    by_format = {r["source"]["format"] for r in records}
    assert by_format == {"warc", "jsonl", "html", "txt"}
    assert "skipped (not news): 3" in result.stderr and "unsupported file type .py: 1" in result.stderr


def test_analyze_as_is_from_stdin_keeps_offsets_on_the_input():
    text = "Union leader Sanne de Vries met Prime Minister Hendrik Vos in The Hague on Monday."
    result = run("analyze", "-", "--as-is", input=text)
    record = json.loads(result.stdout)
    assert record["text"] == text and record["title"] is None
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_build_summarises_and_a_second_build_changes_nothing(tmp_path):
    db = tmp_path / "news.db"
    first = run("build", EXAMPLES, "--db", db)
    assert "documents stored:  9" in first.stdout and "errors:            2" in first.stdout
    assert "invalid JSON: 1" in first.stdout and "documents/second:" in first.stdout
    before = dump(db)
    second = run("build", EXAMPLES, "--db", db)
    assert "documents stored:  0" in second.stdout and "already stored:    9" in second.stdout
    assert dump(db) == before


def test_search_show_entities_and_errors_read_the_database(tmp_path):
    db = tmp_path / "news.db"
    run("build", EXAMPLES, "--db", db)
    found = run("search", "ceasefire", "--db", db).stdout
    assert "Geneva Talks Open" in found and "[ceasefire]" in found
    doc_id = found.split()[0]
    shown = json.loads(run("show", doc_id, "--db", db).stdout)
    assert shown["id"] == doc_id and shown["title"].startswith("Geneva Talks Open")
    people = run("entities", "--db", db, "--type", "person").stdout
    assert "Amara Okonkwo" in people and " ORG " not in people
    assert "invalid JSON" in run("errors", "--db", db).stdout
    missing = CliRunner().invoke(cli, ["show", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no document 'nope'" in missing.output


def test_quotes_lists_speaker_date_quote_and_source(tmp_path):
    db = tmp_path / "news.db"
    run("build", EXAMPLES, "--db", db)
    found = run("quotes", "--db", db, "--speaker", "okonkwo", "--search", "promises").stdout.splitlines()
    assert found[0].startswith("Amara Okonkwo, said [direct]")
    assert "We have been here before" in found[1]
    assert "Geneva Talks Open" in found[2] and "geneva-ceasefire-talks.txt" in found[2]
    nothing = CliRunner().invoke(cli, ["quotes", "--db", str(db), "--speaker", "Nobody Atall"])
    assert nothing.exit_code == 0 and "no quotes" in nothing.output


def test_a_batch_of_bad_inputs_gives_one_error_row_each_and_keeps_the_good_one(tmp_path):
    import gzip

    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(EXAMPLES / "scraped" / "port-strike.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, past the 10 MB default limit
    (folder / "noise.txt").write_bytes(bytes((i * 151 + 7) % 256 for i in range(4000)))
    (folder / "undecodable.txt").write_bytes(bytes(0x80 + (i * 37 + i // 7) % 128 for i in range(3000)))
    story = "".join(f"Line {i} of the story about harbour number {i * 7919 % 1000}.\n" for i in range(3000))
    packed = gzip.compress(story.encode())
    (folder / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "nobody.html").write_text("<html><head><title>Nothing here</title></head><body></body></html>")
    (folder / "feed.jsonl").write_text('{"id": "ok-1", "text": "Port Reopens\\nThe port of Antwerp reopened on Monday after a two-day closure caused by high winds, the harbour master said."}\n{"id": "bad", "text": \n')
    db = tmp_path / "batch.db"
    result = run("build", folder, "--db", db)
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "documents stored:  2" in result.stdout and "errors:            8" in result.stdout
    conn = sqlite3.connect(db)
    errors = dict(conn.execute("SELECT path, reason FROM errors"))
    conn.close()
    by_name = {Path(path).name: reason for path, reason in errors.items()}
    assert by_name == {
        "empty.txt": "empty: the input holds no text",
        "binary.txt": "binary content: not text (NUL or control bytes)",
        "noise.txt": "binary content: not text (NUL or control bytes)",
        "huge.txt": "too large: more than 10,000,000 bytes (raise --max-bytes to accept it)",
        "undecodable.txt": "undecodable bytes: not UTF-8 and no text encoding fits",
        "cut.txt.gz": "unreadable: Compressed file ended before the end-of-stream marker was reached",
        "nobody.html": "no article: no article text found in the HTML",
        "feed.jsonl": by_name["feed.jsonl"],
    }
    assert by_name["feed.jsonl"].startswith("invalid JSON")
    analysed = run("analyze", folder)
    assert analysed.exit_code == 0 and len(analysed.stdout.splitlines()) == 10


def test_commands_on_a_missing_database_explain_themselves(tmp_path):
    result = CliRunner().invoke(cli, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "build it first" in result.output


def test_workers_build_the_same_database(tmp_path):
    feed = corpus(tmp_path / "feed.jsonl", 24)
    run("build", feed, "--db", tmp_path / "one.db", "--batch-size", "4")
    run("build", feed, "--db", tmp_path / "two.db", "--batch-size", "4", "--workers", "2")
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


def test_a_build_killed_midway_and_run_again_equals_an_uninterrupted_build(tmp_path):
    feed = corpus(tmp_path / "feed.jsonl", 120)
    run("build", feed, "--db", tmp_path / "whole.db", "--batch-size", "4")
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([*NEWSGRAPH, "build", str(feed), "--db", str(db), "--batch-size", "4"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 120
    while stored < 12 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 12 <= stored < 120, "the build was not caught midway"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] < 120
    run("build", feed, "--db", db, "--batch-size", "4")
    assert dump(db) == dump(tmp_path / "whole.db")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_datasette_with_full_text_search(tmp_path):
    db = tmp_path / "news.db"
    run("build", EXAMPLES, "--db", db)
    port = free_port()
    proc = subprocess.Popen([*NEWSGRAPH, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/news/documents.json?_search=ceasefire&_shape=array&_col=title"
        for _ in range(100):
            try:
                rows = json.load(urllib.request.urlopen(url, timeout=2))
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("datasette did not answer")
        assert [r["title"] for r in rows] == ["Geneva Talks Open With Pledge of 30-Day Ceasefire in Northern Corridor"]
        quotes = f"http://127.0.0.1:{port}/news/quotes.json?_search=photo%20opportunity&_shape=array&_col=speaker"
        assert [r["speaker"] for r in json.load(urllib.request.urlopen(quotes, timeout=5))] == ["Daniel Ferreira"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
