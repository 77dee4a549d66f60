"""The analyst views: the HTML page, the terminal rendering and the corpus listings, on a hand-made table set
(exact checks) and on the pipeline's own output for the seed article."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import api
from pipeline.cli import app
from pipeline.schema import SCHEMAS, table_from_rows
from pipeline.store import Store
from pipeline.views import (
    DocNotFound,
    _segments,
    _Span,
    article_text,
    doc_view,
    filter_incidents,
    load_doc,
    render_html,
    render_terminal,
    top_actors,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "daraa-al-balad-2021-07-28"

# A small article with everything that makes rendering hard: a mention inside a quote, a quote that starts inside a
# mention, markup characters to escape, a second record in the same jsonl file.
TEXT = ('Regime forces shelled Karak on Tuesday, killing two & injuring 3 <people>.\n\n'
        '"We will not leave [our] Karak," said Ahmad Abazeid.')


def _span(sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(sub, i + 1)
    return i, i + len(sub)


def small_rows() -> dict[str, list[dict]]:
    m = [("Regime forces", 0, "FACTION", "faction:syrian-regime-forces"), ("Karak", 0, "PLACE", "place:karak"),
         ("Karak", 1, "PLACE", "place:karak"), ("Ahmad Abazeid", 0, "PERSON", "person:ahmad-abazeid")]
    mentions = []
    for i, (t, nth, label, aid) in enumerate(m):
        s, e = _span(t, nth)
        mentions.append({"doc_id": "d1", "mention_id": f"d1:m{i}", "start_char": s, "end_char": e, "text": t,
                         "label": label, "actor_id": aid, "sentence": 0 if s < 80 else 1})
    qs, qe = _span("We will not leave [our] Karak,")
    ss, se = _span("Ahmad Abazeid")
    quotes = [{"quote_id": "d1:q0", "doc_id": "d1", "start_char": qs, "end_char": qe, "text": TEXT[qs:qe],
               "kind": "direct", "cue": "said", "speaker": "Ahmad Abazeid", "speaker_actor_id": "person:ahmad-abazeid",
               "speaker_start_char": ss, "speaker_end_char": se, "confidence": 0.9}]
    es, ee = _span('Regime forces shelled Karak on Tuesday, killing two & injuring 3 <people>.')
    incidents = [{"incident_id": "d1:e0", "doc_id": "d1", "event_type": "Explosions/Remote violence",
                  "sub_event_type": "Shelling/artillery/missile attack", "date": "2021-07-27", "date_text": "Tuesday",
                  "date_precision": "day", "location": "Karak", "location_actor_id": "place:karak", "country": "SY",
                  "admin1": "Daraa", "actor1": "Syrian regime forces", "actor1_id": "faction:syrian-regime-forces",
                  "actor2": None, "actor2_id": None, "killed": 2, "injured": 3, "evidence": TEXT[es:ee],
                  "start_char": es, "end_char": ee}]
    actors = [
        {"actor_id": "faction:syrian-regime-forces", "name": "Syrian regime forces", "type": "faction",
         "aliases": ["Regime forces"], "n_mentions": 1, "n_docs": 1},
        {"actor_id": "place:karak", "name": "Karak", "type": "place", "aliases": [], "n_mentions": 2, "n_docs": 1,
         "country": "SY", "admin1": "Daraa"},
        {"actor_id": "person:ahmad-abazeid", "name": "Ahmad Abazeid", "type": "person", "aliases": ["Abazeid"],
         "n_mentions": 1, "n_docs": 1},
    ]
    docs = [{"doc_id": "other", "path": "SRC", "title": "Other", "n_chars": 13, "n_words": 2, "status": "ok"},
            {"doc_id": "d1", "path": "SRC", "title": "A <b>&</b> test", "published": "2021-07-28", "n_chars": len(TEXT),
             "n_words": len(TEXT.split()), "status": "ok"}]
    return {"documents": docs, "mentions": mentions, "actors": actors, "quotes": quotes, "incidents": incidents,
            "errors": []}


def write_tables(out: Path, rows: dict[str, list[dict]], fmt: str = "parquet") -> Path:
    """The hand-made rows written by the run's own table writer, so every format is exactly what a run makes."""
    store = Store(out, fmt)
    for name in SCHEMAS:
        store.write_table(name, iter([table_from_rows(name, rows.get(name, []))]))
    return out


@pytest.fixture()
def small_out(tmp_path: Path) -> Path:
    src = tmp_path / "raw" / "articles.jsonl"
    src.parent.mkdir()
    src.write_text(json.dumps({"id": "other", "text": "Nothing here."}) + "\n"
                   + json.dumps({"id": "d1", "title": "A <b>&</b> test", "published": "2021-07-28", "text": TEXT})
                   + "\n", encoding="utf-8")
    rows = small_rows()
    for d in rows["documents"]:
        d["path"] = str(src)
    return write_tables(tmp_path / "out", rows)


class Balance(HTMLParser):
    """Checks that every opened element is closed in order (void elements aside)."""
    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_balanced(page: str) -> None:
    b = Balance()
    b.feed(page)
    assert b.errors == [] and b.stack == []


def text_div(page: str) -> str:
    return page.split('<div class="text">', 1)[1].split("</div>", 1)[0]


def plain_text(page: str) -> str:
    """The article text back out of the page: drop the inserted labels, tags and attributions, then all markup."""
    div = text_div(page)
    div = re.sub(r'<span class="label">[^<]*</span>', "", div)
    div = re.sub(r'<a class="tag [qe]"[^>]*>[^<]*</a>', "", div)
    div = re.sub(r'<span class="attrib">[^<]*</span>', "", div)
    return html.unescape(re.sub(r"<[^>]+>", "", div))


# ---- layout -------------------------------------------------------------------------------------------------

def test_segments_nest_overlapping_spans_outermost_first():
    text = "0123456789"
    spans = [_Span("entity", 2, 6, 0, "PERSON"), _Span("quote", 4, 9, 0), _Span("evidence", 0, 10, 0)]
    segs = [(a, b, [s.kind for s in act]) for a, b, act in _segments(text, spans)]
    assert segs == [(0, 2, ["evidence"]), (2, 4, ["evidence", "entity"]), (4, 6, ["quote", "evidence", "entity"]),
                    (6, 9, ["quote", "evidence"]), (9, 10, ["evidence"])]


# ---- HTML page on the hand-made set -------------------------------------------------------------------------

def test_render_small_document_exact(small_out: Path):
    view = load_doc(small_out, "d1")
    assert view.text == TEXT  # re-read from the second record of the jsonl source
    page = render_html(view)
    assert_balanced(page)
    assert plain_text(page) == TEXT
    div = text_div(page)
    assert div.count('<mark class="entity PLACE"') == 2
    assert div.count('<mark class="entity FACTION"') == 1
    assert div.count('<mark class="entity PERSON"') == 1
    assert div.count('<span class="label">PLACE</span>') == 2
    # The mention inside the quote is nested in the quote's span; the quote ends with its attribution.
    assert ('<span class="quote" title="Q1: Ahmad Abazeid">We will not leave [our] </span><span class="quote" '
            'title="Q1: Ahmad Abazeid"><mark class="entity PLACE"') in div
    assert '<span class="attrib">— Ahmad Abazeid · said</span>' in div
    assert div.count('<a class="tag q" id="q1" href="#row-q1">Q1</a>') == 1
    assert '<span id="q1-speaker"></span><span class="speaker" title="speaker of Q1"><mark class="entity PERSON"' in div
    # Incident: numbered anchor in the text, table row linking back to it.
    assert div.startswith('<a class="tag e" id="e1" href="#row-e1">E1</a><span class="evidence">')
    row = page.split('<tr id="row-e1">', 1)[1].split("</tr>", 1)[0]
    assert '<a href="#e1">E1</a>' in row
    assert "2021-07-27" in row and "Explosions/Remote violence" in row and "Shelling/artillery/missile attack" in row
    assert '<span title="place:karak">Karak</span><br><small>Daraa, SY</small>' in row
    assert '<span title="faction:syrian-regime-forces">Syrian regime forces</span>' in row
    assert '<td class="num">2</td><td class="num">3</td>' in row
    # Everything from the data is escaped.
    assert "&lt;people&gt;" in div and "two &amp; injuring" in div and "<people>" not in page
    assert "<h1>A &lt;b&gt;&amp;&lt;/b&gt; test</h1>" in page
    # Self-contained: no remote resources or scripts.
    assert "<script" not in page and "http://" not in page and "https://" not in page and "<link" not in page


def test_quote_starting_inside_a_mention_stays_well_formed(small_out: Path):
    rows = small_rows()
    s, _ = _span("Karak", 1)
    rows["quotes"][0]["start_char"] = s + 2  # "rak," … : begins inside the mention
    view = doc_view({k: pd.DataFrame(v, columns=SCHEMAS[k].names) for k, v in rows.items()}, "d1", TEXT)
    page = render_html(view)
    assert_balanced(page)
    assert plain_text(page) == TEXT
    # The mention is drawn in two pieces; its label comes once, after the last piece.
    assert text_div(page).count('<mark class="entity PLACE"') == 3
    assert text_div(page).count('<span class="label">PLACE</span>') == 2


def test_render_without_quotes_or_incidents(small_out: Path):
    rows = small_rows()
    rows["quotes"], rows["incidents"] = [], []
    view = doc_view({k: pd.DataFrame(v, columns=SCHEMAS[k].names) for k, v in rows.items()}, "d1", TEXT)
    page = render_html(view)
    assert_balanced(page)
    assert "No quotes found in this document." in page and "No incidents found in this document." in page
    assert 'class="tag' not in text_div(page)


def test_unknown_or_missing_documents(small_out: Path, tmp_path: Path):
    with pytest.raises(DocNotFound, match="no document 'nope'"):
        load_doc(small_out, "nope")
    (tmp_path / "raw" / "articles.jsonl").unlink()
    with pytest.raises(DocNotFound, match="is gone"):
        load_doc(small_out, "d1")


# ---- terminal and listings ----------------------------------------------------------------------------------

def test_article_text_finishes_only_the_wanted_record(tmp_path: Path, monkeypatch):
    """The text is the one the run processed (cleaned; the first of two records with one id), and the records
    before it are not cleaned or searched for dates."""
    import pipeline.ingest as ingest

    src = tmp_path / "feed.jsonl"
    recs = [{"id": f"r{i}", "text": f"Report {i} of 3 May 2021."} for i in range(20)]
    recs += [{"id": "want", "text": "Shelling\x07 hit\rAzaz."}, {"id": "want", "text": "a later duplicate"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    expected = next(a.text for a in ingest.iter_articles([src]) if getattr(a, "doc_id", None) == "want")
    finished = []
    real = ingest.finish
    monkeypatch.setattr(ingest, "finish", lambda art, *a: finished.append(art.doc_id) or real(art, *a))
    assert article_text({"doc_id": "want", "path": str(src)}) == expected == "Shelling  hit\nAzaz."
    assert finished == ["want"]
    with pytest.raises(DocNotFound, match="no longer holds"):
        article_text({"doc_id": "gone", "path": str(src)})


def test_render_terminal(small_out: Path):
    import io

    from rich.console import Console

    console = Console(record=True, width=120, color_system="truecolor", file=io.StringIO())
    render_terminal(load_doc(small_out, "d1"), console)
    out = console.export_text(clear=False)
    assert "[E1]Regime forces FAC shelled Karak PLA on Tuesday" in out
    assert '"[Q1]We will not leave [our] Karak PLA," said Ahmad Abazeid PER.' in out
    assert "Quotes (1)" in out and "Incidents (1)" in out
    assert re.search(r"Q1 +│ Ahmad Abazeid +│ said +│ direct +│ We will not leave \[our\] Karak,", out)
    assert re.search(r"E1 +│ 2021-07-27 +│ Explosions/Remote violence +│ Karak, Daraa, SY +│ "
                     r"Syrian regime forces +│ +2 │ +3", out)
    styled = console.export_text(styles=True)
    assert "\x1b[" in styled  # coloured


def test_top_actors_and_incident_filters():
    rows = small_rows()
    tables = {k: pd.DataFrame(v, columns=SCHEMAS[k].names) for k, v in rows.items()}
    top = top_actors(tables, limit=2)
    assert top["actor_id"].tolist() == ["place:karak", "faction:syrian-regime-forces"]
    assert top["n_incidents"].tolist() == [1, 1]  # Karak: where the shelling happened; the regime: its side
    people = top_actors(tables, type_="person")
    assert people[["actor_id", "n_quotes"]].values.tolist() == [["person:ahmad-abazeid", 1]]

    inc = pd.DataFrame([{**rows["incidents"][0], "incident_id": f"e{i}", "date": d, "location": loc,
                         "event_type": t} for i, (d, loc, t) in enumerate([
                             ("2021-07-27", "Karak", "Battles"), ("2020-05", "Daraa al-Balad", "Battles"),
                             ("2021", "Damascus", "Protests"), (None, "Daraa", "Battles")])],
                       columns=SCHEMAS["incidents"].names)
    assert filter_incidents(inc, type_="battles")["incident_id"].tolist() == ["e1", "e0", "e3"]
    assert filter_incidents(inc, since="2021-01-01")["incident_id"].tolist() == ["e2", "e0"]
    assert filter_incidents(inc, since="2021-01-01", until="2021-07-01")["incident_id"].tolist() == ["e2"]
    assert filter_incidents(inc, place="daraa")["incident_id"].tolist() == ["e1", "e2", "e0", "e3"]  # all in admin1
    assert filter_incidents(inc, place="AL-BALAD")["incident_id"].tolist() == ["e1"]
    assert filter_incidents(inc, type_="Battles", since="2021-01-01", place="Karak")["incident_id"].tolist() == ["e0"]


def test_cli_views(small_out: Path, tmp_path: Path):
    runner = CliRunner()
    page = tmp_path / "page" / "d1.html"
    r = runner.invoke(app, ["render", "d1", "--out", str(small_out), "--html", str(page)])
    assert r.exit_code == 0, r.output
    assert page.read_text(encoding="utf-8") == render_html(load_doc(small_out, "d1"))
    r = runner.invoke(app, ["show", "d1", "--out", str(small_out)])
    assert r.exit_code == 0 and "We will not leave [our] Karak" in r.output and "Incidents (1)" in r.output
    r = runner.invoke(app, ["render", "nope", "--out", str(small_out), "--html", str(page)])
    assert r.exit_code == 2 and "no document 'nope'" in r.output
    r = runner.invoke(app, ["actors", "--out", str(small_out), "--type", "person"], env={"COLUMNS": "150"})
    assert r.exit_code == 0 and "person:ahmad-abazeid" in r.output and "Abazeid" in r.output
    assert "place:karak" not in r.output
    r = runner.invoke(app, ["incidents", "--out", str(small_out), "--since", "2021-07-28"])
    assert r.exit_code == 0 and "0 incidents" in r.output
    r = runner.invoke(app, ["incidents", "--out", str(small_out), "--place", "karak", "--type", "Explosions"],
                      env={"COLUMNS": "150"})
    assert r.exit_code == 0 and "1 incidents" in r.output and "d1:e0" in r.output
    r = runner.invoke(app, ["incidents", "--out", str(small_out), "--since", "July"])
    assert r.exit_code == 2 and "--since must be a date" in r.output


# ---- the pipeline's own output on the seed article ----------------------------------------------------------

@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "processed"
    api.run([ROOT / "data" / "raw"], out=out)
    return out


def test_render_seed_article(seed_out: Path):
    tables = api.load_tables(seed_out)
    view = load_doc(seed_out, SEED_ID)
    text = (ROOT / "data" / "raw" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    assert view.text == text.replace("\r\n", "\n")
    page = render_html(view)
    assert_balanced(page)
    assert plain_text(page) == view.text
    div = text_div(page)
    mentions = tables["mentions"]
    assert len(mentions) > 0
    for label in ("PERSON", "PLACE", "FACTION", "ORG"):
        assert div.count(f'<mark class="entity {label}"') >= (mentions["label"] == label).sum()
    assert len(re.findall(r'<span class="label">(PERSON|PLACE|FACTION|ORG)</span>', div)) == len(mentions)
    for m in mentions.itertuples():  # every mention's text is marked with its label
        assert f"{html.escape(m.text)}<span class=\"label\">{m.label}</span>" in div
    quotes, incidents = tables["quotes"], tables["incidents"]
    assert div.count('class="tag q"') == len(quotes)
    for i, q in enumerate(quotes.itertuples(), 1):
        assert f'<tr id="row-q{i}">' in page
        if isinstance(q.speaker, str):
            assert f"— {html.escape(q.speaker)}" in div
    assert page.count('<tr id="row-e') == len(incidents)
    assert div.count('class="tag e"') == incidents["start_char"].notna().sum()


def test_query_and_listings_on_seed(seed_out: Path):
    runner = CliRunner()
    r = runner.invoke(app, ["query", "SELECT label, count(*) AS n FROM mentions GROUP BY label ORDER BY label",
                            "--out", str(seed_out), "--csv"])
    assert r.exit_code == 0, r.output
    mentions = api.load_tables(seed_out)["mentions"]
    want = mentions.groupby("label").size().sort_index()
    assert r.output == "label,n\n" + "".join(f"{k},{v}\n" for k, v in want.items())
    r = runner.invoke(app, ["actors", "--out", str(seed_out), "--limit", "3"], env={"COLUMNS": "200"})
    assert r.exit_code == 0 and "Top 3 actors" in r.output


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless chromium is not installed")
def test_screenshot_is_not_blank(small_out: Path, tmp_path: Path):
    from PIL import Image

    page = tmp_path / "page.html"
    page.write_text(render_html(load_doc(small_out, "d1")), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1200,1600",
                    page.as_uri()], check=True, timeout=120, capture_output=True)
    img = Image.open(shot).convert("RGB")
    assert img.size == (1200, 1600)
    colors = img.getcolors(maxcolors=1 << 20)
    assert colors is not None and len(colors) > 50  # text and marks drawn, not a blank page
    # The entity colours are on screen: PLACE's #feca74 and PERSON's #aa9cfc.
    present = {c for _, c in colors}
    assert (0xfe, 0xca, 0x74) in present and (0xaa, 0x9c, 0xfc) in present


def test_alias_summary_shows_the_first_and_counts_the_rest():
    from pipeline.views import alias_summary

    names = [f"name {i}" for i in range(9)]
    assert alias_summary(names, 3) == "name 0, name 1, name 2 (+6 more)"
    assert alias_summary(names[:3], 3) == "name 0, name 1, name 2"
    assert alias_summary(names, 0) == ", ".join(names)
    assert alias_summary(None) == ""
