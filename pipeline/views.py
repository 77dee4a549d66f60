"""Look at the tables instead of reading them: one article as a self-contained HTML page (displaCy's entity
style, quotes with their speakers, incidents linked to their evidence) or in the terminal with rich, and
corpus listings of actors and incidents.

Everything here reads the contract columns only, so it works on whatever a run produced (empty quotes or
incidents tables included). Offsets index the article text as ingested, which is re-read from the document's
`path` with the ingest readers and finished by `ingest._finish`, so it is cleaned exactly as the run cleaned it.
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .schema import ACTOR_ID_COLUMNS, LABEL_TYPE, SCHEMAS

__all__ = ["DocView", "load_doc", "doc_view", "article_text", "render_html", "render_terminal", "top_actors",
           "filter_incidents", "DocNotFound"]

# Our four labels in displaCy's palette (PERSON and ORG as displaCy has them, PLACE as its GPE, FACTION its own).
LABEL_COLORS = {"PERSON": "#aa9cfc", "PLACE": "#feca74", "FACTION": "#ff9561", "ORG": "#7aecec"}


class DocNotFound(LookupError):
    """The document is not in the tables, or its text cannot be read any more."""


@dataclass
class DocView:
    """One document's rows and text, ready to draw."""
    doc_id: str
    text: str
    document: dict = field(default_factory=dict)
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    incidents: pd.DataFrame = field(default_factory=pd.DataFrame)
    actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    # other documents reporting this document's events: event_id, doc_id, title, published, source
    other_reports: pd.DataFrame = field(default_factory=pd.DataFrame)


# ---- loading ------------------------------------------------------------------------------------------------

def _val(v):
    """Table cells as plain Python: NaN/NA/None → None."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def as_list(v) -> list:
    """A list cell (list, numpy array from Parquet or DuckDB, or null) as a list."""
    v = _val(v)
    return [] if v is None else list(v)


def _int(v) -> int | None:
    v = _val(v)
    return None if v is None else int(v)


def _resolve(path: str, out: Path) -> Path | None:
    p = Path(path)
    if p.exists():
        return p
    if not p.is_absolute():
        # The path is relative to where `sitrep run` was started: usually the folder above data/processed, or above
        # the working directory (a notebook in notebooks/).
        for base in (*out.resolve().parents, *Path.cwd().parents):
            if (base / p).exists():
                return base / p
    return None


def article_text(document: dict, out: str | Path = "data/processed") -> str:
    """The cleaned text of a document, re-read from its source file (for jsonl/csv, its record).

    Records are read raw and only the one with this doc_id is finished (cleaned) as the run did: the records
    before it cost a JSON/CSV parse, not cleaning and date finding."""
    from .ingest import Article, IngestError, _finish, _read_file, iter_files

    doc_id, path = document.get("doc_id"), _val(document.get("path"))
    if not path:
        raise DocNotFound(f"document {doc_id!r} has no source path to read its text from")
    src = _resolve(path, Path(out))
    if src is None:
        raise DocNotFound(f"the source of {doc_id!r} is gone: {path} does not exist (run from the folder "
                          "`sitrep run` was started in)")
    for f in iter_files([src]):
        if isinstance(f, IngestError):
            continue
        for item in _read_file(f):
            art = item if isinstance(item, Article) else item.article
            if art is not None and art.doc_id == doc_id:  # the first record with this id is the one the run did
                if isinstance(item, Article):
                    item = _finish(item, None, 10**12, set())
                return (item if isinstance(item, Article) else item.article).text or ""
    raise DocNotFound(f"{src} no longer holds document {doc_id!r}")


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _val(v) for k, v in r.items()} for r in df.to_dict("records")] if len(df) else []


def load_doc(out: str | Path, doc_id: str, text: str | None = None) -> DocView:
    """One document's rows from the tables under `out` (read with DuckDB: only this document's rows) and its
    text (re-read from the source unless given)."""
    from .sql import connect

    con = connect(out)
    try:
        def rows(table: str, where: str = "doc_id = ?", params: Iterable = (doc_id,)) -> pd.DataFrame:
            return con.execute(f'SELECT * FROM "{table}" WHERE {where}', list(params)).df()

        docs = _records(rows("documents"))
        if not docs:
            raise DocNotFound(f"no document {doc_id!r} in {out}")
        # The rows are this document's already: the view is built here, not filtered again by doc_view.
        view = DocView(doc_id=doc_id, text="", document=docs[0], mentions=rows("mentions"), quotes=rows("quotes"),
                       incidents=rows("incidents"))
        ids = _actor_ids(view)
        view.actors = (rows("actors", "list_contains(?, actor_id)", [sorted(ids)]) if ids
                       else pd.DataFrame(columns=SCHEMAS["actors"].names))
        events = sorted({e for e in view.incidents.get("event_id", pd.Series(dtype=object)) if isinstance(e, str)})
        if events:
            view.other_reports = con.execute(
                "SELECT DISTINCT i.event_id, i.doc_id, d.title, d.published, d.source FROM incidents i "
                "JOIN documents d USING (doc_id) WHERE list_contains(?, i.event_id) AND i.doc_id <> ? "
                "ORDER BY i.event_id, d.published, i.doc_id", [events, doc_id]).df()
    finally:
        con.close()
    if text is None:
        if view.document.get("status") not in (None, "ok"):
            raise DocNotFound(f"document {doc_id!r} failed in the run: {view.document.get('error')}")
        text = article_text(view.document, out)
    view.text = text
    return view


def _actor_ids(view: DocView) -> set[str]:
    """The actors a document's mentions, quotes and incidents point at."""
    ids: set[str] = set()
    for table, cols in ACTOR_ID_COLUMNS.items():
        df = getattr(view, table)
        for c in cols:
            if c in df:
                ids.update(v for v in df[c] if isinstance(v, str))
    return ids


def doc_view(tables: dict[str, pd.DataFrame], doc_id: str, text: str) -> DocView:
    """A DocView from in-memory tables (`load_tables` or `extract` output) and the document's text."""
    def pick(name: str) -> pd.DataFrame:
        df = tables.get(name)
        if df is None:
            return pd.DataFrame(columns=SCHEMAS[name].names)
        return df[df["doc_id"] == doc_id].reset_index(drop=True) if "doc_id" in df else df

    docs = pick("documents")
    actors = tables.get("actors", pd.DataFrame(columns=SCHEMAS["actors"].names))
    view = DocView(doc_id=doc_id, text=text, document=_records(docs)[0] if len(docs) else {"doc_id": doc_id},
                   mentions=pick("mentions"), quotes=pick("quotes"), incidents=pick("incidents"))
    ids = _actor_ids(view)
    view.actors = actors[actors["actor_id"].isin(ids)].reset_index(drop=True)
    return view


# ---- layout: overlapping spans → flat segments ------------------------------------------------------------

@dataclass
class _Span:
    kind: str          # quote | evidence | speaker | entity (the nesting order, outermost first)
    start: int
    end: int
    index: int         # row number within its table (quote/incident number; mention number)
    label: str = ""


_ORDER = {"quote": 0, "evidence": 1, "speaker": 2, "entity": 3}


def _spans(text: str, mentions: list[dict], quotes: list[dict], incidents: list[dict]) -> list[_Span]:
    """Every span to draw, from the document's rows (as `_records`)."""
    n = len(text)
    out: list[_Span] = []

    def add(kind: str, s, e, i: int, label: str = "") -> None:
        s, e = _int(s), _int(e)
        if s is None or e is None:
            return
        s, e = max(0, s), min(n, e)
        if s < e:
            out.append(_Span(kind, s, e, i, label))

    for i, m in enumerate(mentions):
        add("entity", m.get("start_char"), m.get("end_char"), i, m.get("label") or "")
    for i, q in enumerate(quotes):
        add("quote", q.get("start_char"), q.get("end_char"), i)
        add("speaker", q.get("speaker_start_char"), q.get("speaker_end_char"), i)
    for i, e in enumerate(incidents):
        add("evidence", e.get("start_char"), e.get("end_char"), i)
    return out


def _segments(text: str, spans: list[_Span]) -> list[tuple[int, int, list[_Span]]]:
    """Cut the text at every span boundary; each piece lists the spans covering it, outermost first.

    A sweep over the sorted boundaries, so the cost is linear in text pieces times the (few) spans open at once.
    """
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[_Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    active: list[_Span] = []
    segs = []
    for a, b in zip(bounds, bounds[1:]):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        active.sort(key=lambda s: (_ORDER[s.kind], s.start, -s.end, s.index))
        segs.append((a, b, list(active)))
    return segs


# ---- HTML ---------------------------------------------------------------------------------------------------

_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1.5rem; color: #1f2328; background: #fff; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
.meta { color: #59636e; font-size: .9rem; }
.legend > mark, .legend > span { margin-right: .6rem; }
.text { white-space: pre-wrap; line-height: 2.5; font-size: 1rem; }
mark.entity { padding: .25em .4em; margin: 0 .1em; line-height: 1; border-radius: .35em;
              -webkit-box-decoration-break: clone; box-decoration-break: clone; color: inherit; }
mark.entity .label { font-size: .6em; font-weight: bold; line-height: 1; border-radius: .35em;
                     vertical-align: middle; margin-left: .4rem; text-transform: uppercase; }
.quote { background: rgba(56, 139, 253, .13); border-bottom: 2px solid #388bfd; }
.speaker { outline: 2px solid #388bfd; outline-offset: 1px; border-radius: .2em; }
.evidence { text-decoration: underline wavy rgba(207, 34, 46, .6); text-decoration-thickness: 1px;
            text-decoration-skip-ink: none; text-underline-offset: .45em; }
.tag { font-size: .62em; font-weight: bold; border-radius: .3em; padding: .05em .35em; margin: 0 .15em;
       vertical-align: super; line-height: 1; text-decoration: none; white-space: nowrap; }
.tag.q { background: #388bfd; color: #fff; }
.tag.e { background: #cf222e; color: #fff; }
.attrib { font-size: .75em; color: #0b5cad; font-style: italic; margin-left: .3em; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: #59636e; font-style: italic; }
:target { animation: flash 2s ease-out 1; }
@keyframes flash { from { background: #fff8c5; } }
"""


def _e(v) -> str:
    v = _val(v)
    return "" if v is None else html.escape(str(v))


def _entity_label(label: str) -> str:
    return f'<span class="label">{html.escape(label)}</span>'


def _mark_open(sp: _Span, actor: dict | None) -> str:
    color = LABEL_COLORS.get(sp.label, "#ddd")
    title = sp.label + (f" · {actor['name']} ({actor['actor_id']})" if actor else "")
    return f'<mark class="entity {html.escape(sp.label)}" style="background: {color}" title="{html.escape(title)}">'


def render_html(view: DocView) -> str:
    """One article as a self-contained page (inline CSS, no scripts or remote resources)."""
    text = view.text
    mentions = _records(view.mentions)
    quotes = _records(view.quotes)
    incidents = _records(view.incidents)
    actors = {a["actor_id"]: a for a in _records(view.actors)}
    segs = _segments(text, _spans(text, mentions, quotes, incidents))
    first_seen: set[tuple[str, int]] = set()

    parts: list[str] = []
    for a, b, active in segs:
        for sp in active:  # anchors and numbered tags where a quote, speaker or incident starts
            key = (sp.kind, sp.index)
            if sp.kind in ("quote", "evidence", "speaker") and key not in first_seen:
                first_seen.add(key)
                if sp.kind == "quote":
                    parts.append(f'<a class="tag q" id="q{sp.index + 1}" href="#row-q{sp.index + 1}">'
                                 f'Q{sp.index + 1}</a>')
                elif sp.kind == "evidence":
                    parts.append(f'<a class="tag e" id="e{sp.index + 1}" href="#row-e{sp.index + 1}">'
                                 f'E{sp.index + 1}</a>')
                else:
                    parts.append(f'<span id="q{sp.index + 1}-speaker"></span>')
        opened = []
        for sp in active:
            if sp.kind == "entity":
                actor = actors.get(mentions[sp.index].get("actor_id"))
                parts.append(_mark_open(sp, actor))
                opened.append("</mark>")
            else:
                title = ""
                if sp.kind == "quote":
                    q = quotes[sp.index]
                    title = f' title="Q{sp.index + 1}: {_e(q.get("speaker")) or "unknown speaker"}"'
                elif sp.kind == "speaker":
                    title = f' title="speaker of Q{sp.index + 1}"'
                parts.append(f'<span class="{sp.kind}"{title}>')
                opened.append("</span>")
        parts.append(html.escape(text[a:b]))
        for sp, close in reversed(list(zip(active, opened))):
            if sp.kind == "entity" and sp.end == b:
                parts.append(_entity_label(sp.label))
            parts.append(close)
        for sp in active:  # attribution after the quote's last piece, like displaCy's labels
            if sp.kind == "quote" and sp.end == b:
                q = quotes[sp.index]
                who = _e(q.get("speaker")) or "unknown speaker"
                cue = f" · {_e(q.get('cue'))}" if _val(q.get("cue")) else ""
                parts.append(f'<span class="attrib">— {who}{cue}</span>')

    doc = view.document
    title = _e(doc.get("title")) or html.escape(view.doc_id)
    meta = " · ".join(x for x in (html.escape(view.doc_id), _e(doc.get("published")), _e(doc.get("source")),
                                  f'<a href="{_e(doc.get("url"))}">{_e(doc.get("url"))}</a>'
                                  if _val(doc.get("url")) else "") if x)
    legend = " ".join(f'<mark class="entity" style="background: {c}">{html.escape(lab.title())}'
                      f'{_entity_label(lab)}</mark>' for lab, c in LABEL_COLORS.items())
    legend += (' <span class="quote">quote</span> <span class="speaker">speaker</span>'
               ' <span class="evidence">incident evidence</span>')

    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title} · sitrep</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{meta}</p>',
        f'<p class="legend">{legend}</p>',
        _summary_html(mentions, quotes, incidents),
        f'<div class="text">{"".join(parts)}</div>',
        _quotes_html(quotes, actors),
        _incidents_html(incidents, actors),
        _other_reports_html(incidents, _records(view.other_reports)),
        _actors_html(view.actors),
        "</body></html>",
    ]) + "\n"


def _summary_html(mentions, quotes, incidents) -> str:
    return (f'<p class="meta">{len(mentions)} mentions · {len(quotes)} quotes · {len(incidents)} incidents'
            "</p>")


def _actor_cell(name, actor_id, actors: dict) -> str:
    name, actor_id = _val(name), _val(actor_id)
    if name is None and actor_id is None:
        return ""
    shown = name or actors.get(actor_id, {}).get("name") or actor_id
    tip = f' title="{html.escape(actor_id)}"' if actor_id else ""
    return f"<span{tip}>{html.escape(str(shown))}</span>"


def _table_html(title: str, columns: list[str], rows: list[str], empty: str | None) -> str:
    """One section of the page: a heading and a table, or a line saying there is nothing (None: no section)."""
    if not rows:
        return "" if empty is None else f'<h2>{title}</h2><p class="empty">{empty}</p>'
    head = "".join(f"<th>{c}</th>" for c in columns)
    return f"<h2>{title}</h2><table><thead><tr>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"


def _quotes_html(quotes: list[dict], actors: dict) -> str:
    rows = []
    for i, q in enumerate(quotes, 1):
        link = (f'<a href="#q{i}">Q{i}</a>' if _int(q.get("start_char")) is not None else f"Q{i}")
        speaker = _actor_cell(q.get("speaker"), q.get("speaker_actor_id"), actors)
        if _int(q.get("speaker_start_char")) is not None:
            speaker = f'<a href="#q{i}-speaker">{speaker or "?"}</a>'
        conf = _val(q.get("confidence"))
        rows.append(f'<tr id="row-q{i}"><td>{link}</td><td>{speaker}</td><td>{_e(q.get("cue"))}</td>'
                    f'<td>{_e(q.get("kind"))}</td><td>{_e(q.get("text"))}</td>'
                    f'<td class="num">{"" if conf is None else f"{conf:.2f}"}</td></tr>')
    return _table_html("Quotes", ["#", "speaker", "cue", "kind", "quote", "conf."], rows,
                       "No quotes found in this document.")


def _incidents_html(incidents: list[dict], actors: dict) -> str:
    rows = []
    for i, e in enumerate(incidents, 1):
        link = f'<a href="#e{i}">E{i}</a>' if _int(e.get("start_char")) is not None else f"E{i}"
        etype = _e(e.get("event_type"))
        if _val(e.get("sub_event_type")):
            etype += f"<br><small>{_e(e.get('sub_event_type'))}</small>"
        place = _actor_cell(e.get("location"), e.get("location_actor_id"), actors)
        where = ", ".join(_e(e.get(c)) for c in ("admin1", "country") if _val(e.get(c)))
        if where:
            place += f"<br><small>{where}</small>"
        a1 = _actor_cell(e.get("actor1"), e.get("actor1_id"), actors)
        a2 = _actor_cell(e.get("actor2"), e.get("actor2_id"), actors)
        who = a1 + (f" <small>vs</small> {a2}" if a2 else "")
        date = _e(e.get("date"))
        if _val(e.get("date_text")):
            date += f'<br><small>“{_e(e.get("date_text"))}”</small>'
        rows.append(f'<tr id="row-e{i}"><td>{link}</td><td>{date}</td><td>{etype}</td><td>{place}</td>'
                    f'<td>{who}</td><td class="num">{_e(_int(e.get("killed")))}</td>'
                    f'<td class="num">{_e(_int(e.get("injured")))}</td><td>{_e(e.get("evidence"))}</td></tr>')
    return _table_html("Incidents", ["#", "date", "type", "place", "actors", "killed", "injured", "evidence"], rows,
                       "No incidents found in this document.")


def _other_reports_html(incidents: list[dict], others: list[dict]) -> str:
    """The other documents that report this document's events (incidents.event_id), by incident tag."""
    tags: dict[str, list[str]] = {}
    for i, e in enumerate(incidents, 1):
        if _val(e.get("event_id")):
            tags.setdefault(e["event_id"], []).append(f'<a href="#row-e{i}">E{i}</a>')
    rows = [f'<tr><td>{" ".join(tags.get(o["event_id"], []))}</td><td>{_e(o["event_id"])}</td>'
            f'<td>{_e(o.get("doc_id"))}</td><td>{_e(o.get("title"))}</td><td>{_e(o.get("published"))}</td>'
            f'<td>{_e(o.get("source"))}</td></tr>' for o in others]
    return _table_html("Other reports of these events", ["incidents", "event", "document", "title", "published",
                                                         "source"], rows, None)


def _actors_html(actors: pd.DataFrame) -> str:
    recs = sorted(_records(actors), key=lambda a: (-(a.get("n_mentions") or 0), a.get("actor_id") or ""))
    label = {t: lab for lab, t in LABEL_TYPE.items()}
    rows = [
        f'<tr><td><mark class="entity" style="background: {LABEL_COLORS.get(label.get(a.get("type")), "#ddd")}">'
        f'{_e(a.get("name"))}</mark></td><td>{_e(a.get("actor_id"))}</td><td>{_e(", ".join(as_list(a.get("aliases"))))}'
        f'</td><td class="num">{_e(a.get("n_mentions"))}</td><td class="num">{_e(a.get("n_docs"))}</td></tr>'
        for a in recs]
    return _table_html("Actors", ["name", "actor id", "aliases", "mentions (corpus)", "documents"], rows, None)


# ---- terminal -----------------------------------------------------------------------------------------------

def render_terminal(view: DocView, console=None) -> None:
    """The page's content with rich: coloured entities, quotes and evidence marked, then the tables."""
    from rich.console import Console
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    text = view.text
    quotes = _records(view.quotes)
    incidents = _records(view.incidents)
    actors = {a["actor_id"]: a for a in _records(view.actors)}
    doc = view.document

    console.print(Rule(Text(str(doc.get("title") or view.doc_id), style="bold")))
    console.print(Text(" · ".join(str(x) for x in (view.doc_id, doc.get("published"), doc.get("source"))
                                  if _val(x)), style="dim"))
    legend = Text()
    for lab, c in LABEL_COLORS.items():
        legend.append(f" {lab} ", style=f"black on {c}")
        legend.append(" ")
    legend.append("quote", style="italic #388bfd underline")
    legend.append("  ")
    legend.append("speaker", style="bold reverse #388bfd")
    legend.append("  ")
    legend.append("evidence", style="#cf222e underline")
    console.print(legend)
    console.print()

    body = Text()
    seen: set[tuple[str, int]] = set()
    for a, b, active in _segments(text, _spans(text, _records(view.mentions), quotes, incidents)):
        for sp in active:
            if sp.kind in ("quote", "evidence") and (sp.kind, sp.index) not in seen:
                seen.add((sp.kind, sp.index))
                tag = f"Q{sp.index + 1}" if sp.kind == "quote" else f"E{sp.index + 1}"
                body.append(f"[{tag}]", style="bold white on #388bfd" if sp.kind == "quote"
                            else "bold white on #cf222e")
        styles = []
        for sp in active:
            if sp.kind == "quote":
                styles.append("italic #79b8ff")
            elif sp.kind == "evidence":
                styles.append("underline")
            elif sp.kind == "speaker":
                styles.append("bold reverse")
            else:
                styles.append(f"black on {LABEL_COLORS.get(sp.label, 'white')}")
        body.append(text[a:b], style=" ".join(styles) or None)
        for sp in active:
            if sp.kind == "entity" and sp.end == b:
                body.append(f" {sp.label[:3]}", style=f"bold black on {LABEL_COLORS.get(sp.label, 'white')}")
    console.print(body)
    console.print()

    qt = Table(title=f"Quotes ({len(quotes)})", show_lines=False, expand=True)
    for col, kw in (("#", {"no_wrap": True}), ("speaker", {}), ("cue", {}), ("kind", {}),
                    ("quote", {"ratio": 3})):
        qt.add_column(col, **kw)
    for i, q in enumerate(quotes, 1):  # Text cells: data is never read as rich markup ("[requested]")
        qt.add_row(f"Q{i}", Text(str(q.get("speaker") or actors.get(q.get("speaker_actor_id"), {}).get("name")
                                     or "?")),
                   Text(str(q.get("cue") or "")), Text(str(q.get("kind") or "")), Text(str(q.get("text") or "")))
    console.print(qt if quotes else Text("No quotes found in this document.", style="dim italic"))
    console.print()
    console.print(incidents_table(pd.DataFrame(incidents), title=f"Incidents ({len(incidents)})", numbered=True)
                  if incidents else Text("No incidents found in this document.", style="dim italic"))


def _inter(code) -> str:
    return "" if code is None or pd.isna(code) else f" [{int(code)}]"


def incidents_table(df: pd.DataFrame, title: str = "Incidents", numbered: bool = False):
    """A rich Table of incident rows (date, type, place, actors with their ACLED type [1-8], killed, injured)."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, expand=True)
    t.add_column("#" if numbered else "incident", no_wrap=not numbered)
    for col in ("date", "type", "place", "actors"):
        t.add_column(col)
    t.add_column("killed", justify="right")
    t.add_column("injured", justify="right")
    for i, e in enumerate(_records(df), 1):  # Text cells: data is never read as rich markup
        etype = Text(str(e.get("event_type") or ""))
        if e.get("sub_event_type"):
            etype.append(f"\n{e['sub_event_type']}", style="dim")
        who = str(e.get("actor1") or "") + _inter(e.get("inter1"))  # ACLED actor type, when known
        if e.get("actor2"):
            who += f" vs {e['actor2']}{_inter(e.get('inter2'))}"
        place = ", ".join(str(e[c]) for c in ("location", "admin1", "country") if e.get(c))
        t.add_row(Text(f"E{i}" if numbered else str(e.get("incident_id"))), Text(str(e.get("date") or "")), etype,
                  Text(place), Text(who), "" if e.get("killed") is None else str(int(e["killed"])),
                  "" if e.get("injured") is None else str(int(e["injured"])))
    return t


# ---- corpus listings ----------------------------------------------------------------------------------------

def top_actors(tables: dict[str, pd.DataFrame], type_: str | None = None, limit: int = 20) -> pd.DataFrame:
    """Actors ranked by mentions, then documents, with how often each is quoted and is an incident's actor."""
    actors = tables["actors"].copy()
    if type_:
        actors = actors[actors["type"].str.lower() == type_.lower()]
    quotes, incidents = tables.get("quotes"), tables.get("incidents")
    n_quotes = quotes["speaker_actor_id"].value_counts() if quotes is not None and len(quotes) else pd.Series()
    if incidents is not None and len(incidents):
        n_inc = pd.concat([incidents["actor1_id"], incidents["actor2_id"]]).dropna().value_counts()
    else:
        n_inc = pd.Series()
    actors["n_quotes"] = actors["actor_id"].map(n_quotes).fillna(0).astype(int)
    actors["n_incidents"] = actors["actor_id"].map(n_inc).fillna(0).astype(int)
    actors = actors.sort_values(["n_mentions", "n_docs", "actor_id"], ascending=[False, False, True])
    cols = ["actor_id", "name", "type", "n_mentions", "n_docs", "n_quotes", "n_incidents", "aliases", "role"]
    return actors[cols].head(limit).reset_index(drop=True)


def _date_bounds(d: str) -> tuple[str, str]:
    """The first and last day an ISO date of day, month or year precision can mean."""
    if len(d) == 4:
        return f"{d}-01-01", f"{d}-12-31"
    if len(d) == 7:
        return f"{d}-01", f"{d}-31"
    return d, d


def filter_incidents(incidents: pd.DataFrame, type_: str | None = None, since: str | None = None,
                     until: str | None = None, place: str | None = None, actor: str | None = None,
                     doc_id: str | None = None) -> pd.DataFrame:
    """Incidents matching every filter given: type (event or sub-event type), a date range (a month- or
    year-precision date matches when its period overlaps the range), place (location, admin1 or country) and actor
    (name or id, either side), case-insensitive substrings."""
    df = incidents
    keep = pd.Series(True, index=df.index)

    def contains(cols: Iterable[str], needle: str) -> pd.Series:
        hit = pd.Series(False, index=df.index)
        for c in cols:
            hit |= df[c].astype("string").str.contains(needle, case=False, regex=False).fillna(False).astype(bool)
        return hit

    if type_:
        keep &= contains(("event_type", "sub_event_type"), type_)
    if place:
        keep &= contains(("location", "admin1", "country"), place)
    if actor:
        keep &= contains(("actor1", "actor1_id", "actor2", "actor2_id"), actor)
    if doc_id:
        keep &= df["doc_id"] == doc_id
    if since or until:
        def in_range(d) -> bool:
            d = _val(d)
            if not d:
                return False
            first, last = _date_bounds(str(d))
            return (not since or last >= since) and (not until or first <= until)
        keep &= df["date"].map(in_range).astype(bool)
    return df[keep].sort_values(["date", "incident_id"], na_position="last").reset_index(drop=True)
