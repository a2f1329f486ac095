"""Browse a newsgraph database in Datasette, on loopback, with full-text search set up."""
from __future__ import annotations

import json
import os
import tempfile

from datasette.cli import cli as datasette

HOST = "127.0.0.1"


def metadata(db_path: str) -> dict:
    """Datasette metadata: titles, descriptions, and FTS wired to the documents table."""
    name = os.path.splitext(os.path.basename(db_path))[0]
    return {
        "title": "newsgraph",
        "description": "Who said and did what, to whom, where and when. Every entity mention carries its span in its document's text.",
        "databases": {
            name: {
                "tables": {
                    "documents": {
                        "fts_table": "documents_fts",
                        "fts_pk": "rowid",
                        "searchmode": "escaped",
                        "description": "One row per article: title, body text, language, source and flags.",
                        "facets": ["language", "site", "source_format"],
                    },
                    "entities": {"description": "People, organisations, places and groups per document.", "facets": ["type"]},
                    "mentions": {"description": "Where each entity is named: [start, end) character offsets into documents.text."},
                    "quotes": {
                        "fts_table": "quotes_fts",
                        "fts_pk": "rowid",
                        "searchmode": "escaped",
                        "description": "Who said what: each quote or reported statement with its speaker and cue; "
                        "start/end, spans and the speaker's and cue's offsets index documents.text.",
                        "facets": ["kind", "speaker"],
                    },
                    "events": {
                        "description": "Who did what to whom: each event with its CAMEO code, PLOVER type, QuadClass, "
                        "Goldstein value and actors; evidence is the sentence documents.text[start:end], and the "
                        "actors' and cue's offsets index documents.text.",
                        "facets": ["root", "plover", "quad_class", "source_country", "target_country"],
                    },
                    "dyads": {
                        "description": "Events a day from one country or organisation to another, with their mean "
                        "Goldstein value; negated events are not counted.",
                        "facets": ["source", "target"],
                    },
                    "places": {
                        "description": "Where: each place a document names, resolved to GeoNames (country is ISO "
                        "3166-1 alpha-2); metonym marks a place standing for its government. start/end index "
                        "documents.text. Events carry their own place in their place_* columns.",
                        "facets": ["kind", "country", "metonym"],
                    },
                    "dates": {
                        "description": "When: each date or duration a document gives, as ISO 8601 (relative ones "
                        "resolved against the publication date); start/end index documents.text.",
                        "facets": ["resolution", "relative"],
                    },
                    "amounts": {
                        "description": "How much: each number a document gives, normalised ($60 billion is 6e10 USD), "
                        "with what it counts; start/end index documents.text.",
                        "facets": ["unit", "currency"],
                    },
                    "tones": {"description": "Each document's GDELT tone values (percentages of its words) and "
                              "VADER's compound score."},
                    "sentence_tones": {"description": "VADER's compound score of each sentence, documents.text[start:end]."},
                    "themes": {"description": "The themes each document is about, with how many words triggered them.",
                               "facets": ["name"]},
                    "theme_matches": {
                        "description": "The words that triggered a theme, and their sentence "
                        "documents.text[sentence_start:sentence_end].",
                        "facets": ["name"],
                    },
                    "theme_index": {"description": "Themes across documents, with how many documents have them."},
                    "removed": {"description": "Lines the extractor threw away around each article, and why.", "facets": ["reason"]},
                    "errors": {"description": "Inputs that did not become documents, with a readable reason."},
                    "entity_index": {"description": "Entities across documents, with how many documents name them."},
                }
            }
        },
    }


def serve(db_path: str, port: int) -> None:
    """Run Datasette in this process until interrupted."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(metadata(db_path), fh)
    try:
        datasette.main(["serve", db_path, "--host", HOST, "--port", str(port), "--metadata", fh.name],
                       standalone_mode=True)
    finally:
        os.unlink(fh.name)
