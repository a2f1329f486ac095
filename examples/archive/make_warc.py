"""Write crawl.warc.gz: two article pages, an image, a 404 and their requests, as a crawler would.

Run from this folder with the project's venv: ../../.venv/bin/python make_warc.py
"""
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - Harbour Ledger</title>
<meta property="article:published_time" content="{date}"></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a> | <a href="/login">Log in</a></nav>
<article><h1>{title}</h1><p class="byline">By {author}</p>{body}</article>
<aside><h3>Trending</h3><p><a href="/t1">Ten Recipes for a Rainy Weekend…</a></p><p><a href="/t2">Council Approves New Cycle Lanes…</a></p></aside>
<footer>Harbour Ledger © 2026 · <a href="/privacy">Privacy</a> · We use cookies.</footer></body></html>"""

ARTICLES = [
    ("https://harbour-ledger.example/news/2026/05/02/fishing-quota-deal",
     "Norway and the EU Strike Late-Night Deal on North Sea Fishing Quotas", "2026-05-02", "Ingrid Solberg",
     "<p>Norway and the European Union reached a deal on North Sea fishing quotas early on Saturday, ending "
     "weeks of talks that had threatened to close Norwegian waters to EU boats from June.</p>"
     "<p>Norwegian Fisheries Minister Tor Haugland said the agreement cut the cod quota by 12% but protected "
     "the mackerel share that coastal communities depend on. \u201cIt is not everything we wanted, but it keeps "
     "the boats at sea,\u201d Haugland said.</p>"
     "<p>The European Commission said the deal would be reviewed next year once new stock assessments from the "
     "International Council for the Exploration of the Sea are published. Environmental groups said the cuts "
     "did not go far enough.</p>"),
    ("https://harbour-ledger.example/news/2026/05/03/ferry-strike-ends",
     "Ferry Strike Ends After Operator Agrees to Crew Safety Review", "2026-05-03", "Liam O'Donnell",
     "<p>Ferry crews in Scotland returned to work on Sunday after the operator CalMac agreed to an independent "
     "review of staffing levels on its busiest routes.</p>"
     "<p>The RMT union said the review would be led by a former chief inspector of marine accidents and would "
     "report within three months. Union organiser Fiona MacLeod said crews had been working \u201cshort-handed "
     "for far too long.\u201d</p>"
     "<p>Island businesses said the four-day stoppage had cost them bookings at the start of the tourist season. "
     "The Scottish Government urged both sides to keep talking.</p>"),
]


def response(writer, url, status, content_type, payload):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=headers))


def main():
    with open("crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, title, date, author, body in ARTICLES:
            page = PAGE.format(title=title, date=date, author=author, body=body)
            response(writer, url, "200 OK", "text/html; charset=utf-8", page.encode("utf-8"))
        response(writer, "https://harbour-ledger.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
        response(writer, "https://harbour-ledger.example/news/missing", "404 Not Found", "text/html", b"<h1>Not found</h1>")


if __name__ == "__main__":
    main()
