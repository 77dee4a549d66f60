"""Each input format becomes Articles with the right ids, titles and dates; bad inputs become errors."""
from __future__ import annotations

import codecs
import json

from pipeline.ingest import Article, IngestError, decode_bytes, iter_articles

SEED_HEAD = ("Syrian regime forces storm Daraa al-Balad as negotiations fail\n\n"
             "Residents of Daraa al-Balad repelled attacks by Syrian regime forces on Wednesday.\n"
             "4 min read\n28 July, 2021\nRenewed clashes broke out on Wednesday.\n")


def items(tmp_path, *args, **kw):
    return list(iter_articles([tmp_path], *args, **kw))


def test_txt_id_title_and_date_from_header(tmp_path):
    (tmp_path / "seed-article.txt").write_text(SEED_HEAD, encoding="utf-8")
    [a] = items(tmp_path)
    assert isinstance(a, Article)
    assert a.doc_id == "seed-article"
    assert a.title == "Syrian regime forces storm Daraa al-Balad as negotiations fail"
    assert a.published == "2021-07-28"


def test_published_option_fills_missing_dates_only(tmp_path):
    (tmp_path / "a.md").write_text("No date here.\nShelling hit the town.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(SEED_HEAD, encoding="utf-8")
    a, b = items(tmp_path, published="2020-01-02")
    assert (a.doc_id, a.published) == ("a", "2020-01-02")
    assert (b.doc_id, b.published) == ("b", "2021-07-28")


def test_jsonl_fields_ids_and_extra(tmp_path):
    lines = [
        {"id": 7, "text": "Clashes in Homs.", "title": "T", "published": "7/28/2021", "source": "S", "url": "u",
         "lang": "en"},
        {"text": "Second article.", "date": "2021-07-01"},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    a, b = items(tmp_path)
    assert (a.doc_id, a.title, a.published, a.source, a.url, a.extra) == ("7", "T", "2021-07-28", "S", "u",
                                                                          {"lang": "en"})
    assert (b.doc_id, b.published, b.line, b.title) == ("feed:2", "2021-07-01", 2, "Second article.")


def test_jsonl_record_with_unicode_line_separators_stays_one_record(tmp_path):
    lines = [{"id": "a", "text": "First\u2028paragraph\x85and\u2029more."}, {"id": "b", "text": "Second."}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\r\n",
                                         encoding="utf-8")
    a, b = items(tmp_path)
    assert (a.doc_id, a.line, b.doc_id, b.line) == ("a", 1, "b", 2)
    assert isinstance(b, Article) and len(a.text) == len(lines[0]["text"])


def test_csv_records(tmp_path):
    (tmp_path / "news.csv").write_text('doc_id,title,text\nx1,Hello,"Fighting, again, in Idlib."\n,,Plain\n',
                                       encoding="utf-8")
    a, b = items(tmp_path)
    assert (a.doc_id, a.title, a.text) == ("x1", "Hello", "Fighting, again, in Idlib.")
    assert b.doc_id.startswith("news:")
    assert b.text == "Plain"


def test_html_boilerplate_removed(tmp_path):
    body = " ".join(["Government forces shelled the town of Kafr Nabl on Tuesday, residents said."] * 6)
    html = (f"<html><head><title>Shelling in Idlib</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>Shelling in Idlib</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [a] = items(tmp_path)
    assert a.doc_id == "page"
    assert "Kafr Nabl" in a.text
    assert "All rights reserved" not in a.text
    assert "Home | World" not in a.text


def test_bad_records_become_errors(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Fine."}\n{broken\n{"id": "nt"}\n'
                                        '{"id": "nul", "text": null}\n{"id": "num", "text": 5}\n[1, 2]\n',
                                        encoding="utf-8")
    got = items(tmp_path)
    assert [type(x).__name__ for x in got] == ["Article", "IngestError", "IngestError", "IngestError",
                                               "IngestError", "IngestError"]
    errs = got[1:]
    assert [(e.doc_id, e.line, e.error) for e in errs] == [
        ("bad:2", 2, "JSONDecodeError"), ("nt", 3, "MissingText"), ("nul", 4, "MissingText"),
        ("num", 5, "BadText"), ("bad:6", 6, "BadRecord")]
    assert "not valid JSON" in errs[0].message


def test_csv_without_text_column(tmp_path):
    (tmp_path / "t.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    [e] = items(tmp_path)
    assert isinstance(e, IngestError) and e.error == "MissingTextColumn"
    assert "id, body" in e.message


def test_empty_binary_and_unsupported_files(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n\t\n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n")
    got = {x.path.rsplit("/", 1)[-1]: x for x in items(tmp_path)}
    assert got["empty.txt"].error == "EmptyDocument"
    assert got["blob.txt"].error == "DecodeError" and "binary" in got["blob.txt"].message
    assert got["pic.png"].error == "UnsupportedFile"


def test_unparseable_published_keeps_document(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "d", "text": "Text.", "published": "next blue moon"}),
                                      encoding="utf-8")
    [a] = items(tmp_path, published="2020-05-05")
    assert isinstance(a, Article) and a.published == "2020-05-05"
    assert [p.error for p in a.problems] == ["BadDate"]


def test_legacy_encodings_decode():
    text = "\u201cWe will not leave,\u201d said a resident of Dar\u2019a. Caf\u00e9 damaged."
    assert decode_bytes(text.encode("cp1252"))[0] == text
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text
    latin = "R\u00e9sidents de Homs: l'arm\u00e9e a bombard\u00e9 la ville \u00e0 l'aube, selon un t\u00e9moin."
    assert decode_bytes(latin.encode("latin-1"))[0] == latin


def test_too_large_and_duplicates(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 50, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "big.txt").write_text("other text", encoding="utf-8")
    got = list(iter_articles([tmp_path], max_chars=100))
    assert [(x.doc_id, x.error) for x in got] == [("big", "TooLarge"), ("big", "DuplicateId")]
