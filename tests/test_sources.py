"""HTML, RSS/Atom and WARC sources, format sniffing, and bad inputs of every kind."""

import gzip
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.config import load_config
from dyadwatch.ingest.readers import Defaults, Failure, read_inputs, sniff_format

CONFIG = load_config(environ={})

ARTICLE_HTML = """<html><head><title>Algeria recalls envoy</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-07-30T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Algeria recalls envoy</h1>
<p>Algeria recalled its ambassador to France on Tuesday, the foreign ministry in Algiers said in a statement.</p>
<p>The move followed a French statement on Western Sahara that Algiers called a provocation.</p></article>
<footer>Copyright 2019 Example News. All rights reserved.</footer></body></html>"""

LOGIN_HTML = """<html><head><title>Sign in</title></head><body><form><label>User</label><input name=u>
<label>Password</label><input type=password></form><a href="/">Home</a> <a href="/help">Help</a></body></html>"""

INDEX_HTML = """<html><head><title>World news</title></head><body><ul><li><a href=/a>Politics</a></li>
<li><a href=/b>Algeria and France in talks</a></li><li><a href=/c>Sport</a></li></ul>
<footer>Copyright 2019 Example News</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Algeria recalls envoy</title><link>https://example.com/a</link><guid>https://example.com/a</guid>
<pubDate>Tue, 30 Jul 2024 10:00:00 GMT</pubDate>
<description>Algeria recalled its ambassador to France on Tuesday, the ministry said.</description></item>
<item><title>Talks resume</title><link>https://example.com/b</link><pubDate>Sun, 06 Apr 2025 18:00:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>France and Algeria agreed on Sunday to resume security cooperation.</p><p>The ministers met in Algiers.</p>]]></content:encoded></item>
<item><title>Empty</title><link>https://example.com/c</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Envoy</title><id>urn:1</id><updated>2025-04-15T08:00:00Z</updated>
<content type="html">&lt;p&gt;Algeria expelled twelve French embassy staff on Monday, the French ministry said.&lt;/p&gt;</content></entry></feed>"""


def read(path, config=CONFIG, defaults=Defaults()):
    return list(read_inputs([str(path)], config, defaults))


def split(items):
    return [i for i in items if not isinstance(i, Failure)], [i for i in items if isinstance(i, Failure)]


def page(n: int, body: str | None = None) -> str:
    body = body or f"Country {n} accused its neighbour of moving troops to the border on day {n}, the ministry said."
    return f"<html><head><title>Story {n}</title></head><body><article><p>{body}</p></article></body></html>"


def make_warc(pages, gz=True, extra_types=True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for n, html in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            f"https://example.com/{n}", "response", payload=io.BytesIO(html.encode()), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-07-30T12:00:00Z"},
        )
        writer.write_record(rec)
        if extra_types and n == 0:
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://example.com/x.png", "response", payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
    return buf.getvalue()


def test_sources_html_gives_text_title_author_and_metadata_date(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(ARTICLE_HTML)
    (article,) = read(p, defaults=Defaults(published="2026-01-01"))
    assert article.text.startswith("Algeria recalled its ambassador")
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.title == "Algeria recalls envoy" and article.author == "Jane Doe"
    assert article.published == "2024-07-30"


def test_sources_html_without_date_falls_back_to_published_not_the_footer(tmp_path):
    p = tmp_path / "a.htm"
    p.write_text(ARTICLE_HTML.replace('<meta property="article:published_time" content="2024-07-30T10:00:00Z">', ""))
    (article,) = read(p, defaults=Defaults(published="2026-02-18"))
    assert article.published == "2026-02-18"


@pytest.mark.parametrize("html", [LOGIN_HTML, INDEX_HTML], ids=["login", "index"])
def test_sources_html_without_article_text_is_a_coded_error(tmp_path, html):
    p = tmp_path / "page.html"
    p.write_text(html)
    (failure,) = read(p)
    assert failure.error.code == "E112" and "page.html" in str(failure.error) and failure.fatal


def test_sources_rss_one_article_per_entry_with_its_own_date(tmp_path):
    p = tmp_path / "wire.xml"
    p.write_text(RSS)
    articles, failures = split(read(p, defaults=Defaults(published="2026-01-01")))
    assert [a.published for a in articles] == ["2024-07-30", "2025-04-06"]
    assert articles[0].note == "summary only" and articles[1].note is None
    assert articles[1].text.startswith("France and Algeria agreed") and "\n" in articles[1].text
    assert articles[0].url == "https://example.com/a" and articles[0].source == "Example Wire"
    assert sorted((f.error.code, f.record, f.fatal) for f in failures) == [("E101", "3", True), ("E114", "1", False)]


def test_sources_atom_entry_content_is_coded(tmp_path):
    p = tmp_path / "a.atom"
    p.write_text(ATOM)
    (article,) = read(p)
    assert article.text.startswith("Algeria expelled") and article.published == "2025-04-15" and article.doc_id == "urn:1"


@pytest.mark.parametrize("data", [b"just some words, not xml at all", b"<html><body><p>a page</p></body></html>", b"{\"a\": 1}"])
def test_sources_feed_that_is_not_xml_is_a_coded_error(tmp_path, data):
    p = tmp_path / "feed.rss"
    p.write_bytes(data)
    (failure,) = read(p)
    assert failure.error.code == "E113" and "feed.rss" in str(failure.error)


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_sources_warc_html_records_become_articles_with_warc_date(tmp_path, gz):
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    p.write_bytes(make_warc([page(1), page(2), LOGIN_HTML], gz=gz))
    articles, failures = split(read(p))
    assert [a.url for a in articles] == ["https://example.com/0", "https://example.com/1"]
    assert {a.published for a in articles} == {"2024-07-30"}
    assert [(f.error.code, f.record) for f in failures] == [("E112", "4")]


def test_sources_truncated_warc_gz_gives_articles_so_far_and_a_coded_error(tmp_path):
    data = make_warc([page(n) for n in range(6)], extra_types=False)
    p = tmp_path / "cut.warc.gz"
    p.write_bytes(data[: len(data) * 2 // 3 + 17])  # inside a record (a cut between members looks like a shorter file)
    articles, failures = split(read(p))
    assert 2 <= len(articles) < 6
    (failure,) = failures
    assert failure.error.code == "E115" and f"the {len(articles)} articles before it were read" in str(failure.error)


def test_sources_every_truncation_point_of_a_warc_gz_is_reported_or_whole(tmp_path):
    data = make_warc([page(n) for n in range(3)], extra_types=False)
    p = tmp_path / "cut.warc.gz"
    for cut in range(len(data) - 1, 0, -41):
        p.write_bytes(data[:cut])
        articles, failures = split(read(p))
        assert failures and failures[-1].error.code in ("E115", "E101", "E102"), cut


def test_sources_sniffing_finds_html_feed_and_warc_behind_other_names(tmp_path):
    cases = {"page.txt": ARTICLE_HTML.encode(), "feed": RSS.encode(), "crawl.gz": make_warc([page(1)]), "plain.txt": b"Algeria protested."}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert [sniff_format(tmp_path / n) for n in cases] == ["html", "rss", "warc", "txt"]
    (article,) = read(tmp_path / "page.txt")
    assert article.title == "Algeria recalls envoy"


def test_sources_forced_format_overrides_the_extension(tmp_path):
    p = tmp_path / "notes.dat"
    p.write_text("Algeria protested against the decision on Monday.")
    assert read(p)[0].error.code == "E108"
    (article,) = read(p, defaults=Defaults(format="txt"))
    assert article.text.startswith("Algeria protested")
    (tmp_path / "page.dat").write_text(ARTICLE_HTML)
    assert read(tmp_path / "page.dat")[0].author == "Jane Doe"  # sniffed as HTML


def test_sources_forced_format_that_contradicts_the_content_warns(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(make_warc([page(1)]))
    failures = [i for i in read(p, defaults=Defaults(format="txt")) if isinstance(i, Failure)]
    assert failures[0].error.code == "E117" and not failures[0].fatal


def test_sources_folder_reads_every_supported_format(tmp_path):
    (tmp_path / "a.html").write_text(ARTICLE_HTML)
    (tmp_path / "b.xml").write_text(ATOM)
    (tmp_path / "c.warc.gz").write_bytes(make_warc([page(7)]))
    (tmp_path / "d.txt").write_text("Mali and Algeria held talks on Monday.")
    articles, failures = split(read(tmp_path))
    assert len(articles) == 4 and not failures


# ---- bad input: every case is a coded, counted failure with file and record ----

@pytest.mark.parametrize(
    "name,data,code",
    [
        ("empty.txt", b"", "E101"),
        ("empty.html", b"  \n", "E101"),
        ("binary.txt", b"\x7fELF" + bytes(range(256)) * 8, "E102"),
        ("zip.txt", b"PK\x03\x04" + bytes(300), "E102"),
        ("bad.csv", b'id,text\n1,"unterminated\n', "E118"),
        ("wide.csv", b'id,text\n1,Algeria protested.,extra\n', "E118"),
        ("bad.jsonl", b'{"id": 1, "text": "x"\n', "E105"),
        ("binary.html", b"%PDF-1.4" + bytes(100), "E102"),
        ("feed.atom", b"\x00\x01\x02garbage", "E102"),
    ],
)
def test_sources_bad_input_gives_a_coded_failure(tmp_path, name, data, code):
    p = tmp_path / name
    p.write_bytes(data)
    failures = [i for i in read(p) if isinstance(i, Failure)]
    assert code in {f.error.code for f in failures}
    assert all(name in f.origin and f.record for f in failures)


def test_sources_invalid_utf8_is_read_as_latin1_with_a_warning(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("Le ministre a reçu l'ambassadeur.".encode("utf-8") + " à Alger".encode("latin-1"))
    items = read(p)
    assert items[0].error.code == "E103" and not items[0].fatal and "à Alger" in items[1].text


def test_sources_fifty_megabyte_text_is_refused_by_max_file_bytes(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: fast to make, 50 MB by stat
    (failure,) = read(p)
    assert failure.error.code == "E104" and "max_file_bytes" in str(failure.error)


def test_sources_oversized_warc_record_is_skipped_and_the_rest_read(tmp_path):
    p = tmp_path / "big.warc.gz"
    p.write_bytes(make_warc([page(1), page(2, "x " * 5000 + "."), page(3)], extra_types=False))
    articles, failures = split(read(p, config=CONFIG.with_overrides({"max_file_bytes": 2000}, where="test")))
    assert len(articles) == 2 and [f.error.code for f in failures] == ["E116"]


READERS = {".html": "html", ".xml": "rss", ".warc": "warc", ".warc.gz": "warc", ".txt": "txt", ".jsonl": "jsonl", ".csv": "csv"}


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_sources_every_reader_survives_random_bytes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzzb")
    for ext in READERS:
        (folder / f"f{ext}").write_bytes(data)
    (folder / "g.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n" + data))
    for item in read(folder):
        assert isinstance(item, Failure) or item.text.strip()
    for fmt in set(READERS.values()):
        for item in read(folder / "f.txt", defaults=Defaults(format=fmt)):
            assert isinstance(item, Failure) or item.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_sources_every_reader_survives_random_unicode(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("fuzzu")
    for ext in READERS:
        (folder / f"f{ext}").write_text(text, encoding="utf-8")
    (folder / "h.html").write_text(f"<html><body><article><p>{text}</p></article></body></html>", encoding="utf-8")
    (folder / "r.rss").write_text(f"<?xml version='1.0'?><rss><channel><item><description>{text}</description></item></channel></rss>", encoding="utf-8")
    for item in read(folder):
        assert isinstance(item, Failure) or item.text.strip()
    for fmt in set(READERS.values()):
        for item in read(folder / "f.txt", defaults=Defaults(format=fmt)):
            assert isinstance(item, Failure) or item.text.strip()
