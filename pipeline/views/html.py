"""One article as a self-contained HTML page: displaCy's entity style, quotes with their speakers, incidents
linked to their evidence, then the quotes, incidents, other reports and actors as tables. Inline CSS only: no
scripts or remote resources, so the page works offline."""
from __future__ import annotations

import html

import pandas as pd

from ..schema import LABEL_TYPE
from .layout import LABEL_COLORS, _segments, _Span, _spans
from .load import DocView, _int, _records, _val, as_list

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


def _anchors_html(active: list[_Span], first_seen: set[tuple[str, int]]) -> list[str]:
    """Anchors and numbered tags where a quote, speaker or incident starts (once each)."""
    parts = []
    for sp in active:
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
    return parts


def _open_html(sp: _Span, mentions: list[dict], quotes: list[dict], actors: dict) -> tuple[str, str]:
    """The opening and closing tags of one span."""
    if sp.kind == "entity":
        return _mark_open(sp, actors.get(mentions[sp.index].get("actor_id"))), "</mark>"
    title = ""
    if sp.kind == "quote":
        q = quotes[sp.index]
        title = f' title="Q{sp.index + 1}: {_e(q.get("speaker")) or "unknown speaker"}"'
    elif sp.kind == "speaker":
        title = f' title="speaker of Q{sp.index + 1}"'
    return f'<span class="{sp.kind}"{title}>', "</span>"


def _attribution_html(active: list[_Span], end: int, quotes: list[dict]) -> list[str]:
    """The speaker and cue after a quote's last piece, like displaCy's labels."""
    parts = []
    for sp in active:
        if sp.kind == "quote" and sp.end == end:
            q = quotes[sp.index]
            who = _e(q.get("speaker")) or "unknown speaker"
            cue = f" · {_e(q.get('cue'))}" if _val(q.get("cue")) else ""
            parts.append(f'<span class="attrib">— {who}{cue}</span>')
    return parts


def _text_html(text: str, mentions: list[dict], quotes: list[dict], incidents: list[dict], actors: dict) -> str:
    """The article with every span drawn: entity marks nested in speakers, evidence and quotes."""
    first_seen: set[tuple[str, int]] = set()
    parts: list[str] = []
    for a, b, active in _segments(text, _spans(text, mentions, quotes, incidents)):
        parts += _anchors_html(active, first_seen)
        opened = []
        for sp in active:
            tag, close = _open_html(sp, mentions, quotes, actors)
            parts.append(tag)
            opened.append(close)
        parts.append(html.escape(text[a:b]))
        for sp, close in reversed(list(zip(active, opened))):
            if sp.kind == "entity" and sp.end == b:
                parts.append(_entity_label(sp.label))
            parts.append(close)
        parts += _attribution_html(active, b, quotes)
    return "".join(parts)


def _head_html(view: DocView) -> tuple[str, str, str]:
    """The page's title, its meta line (id, date, source, link) and the legend."""
    doc = view.document
    title = _e(doc.get("title")) or html.escape(view.doc_id)
    meta = " · ".join(x for x in (html.escape(view.doc_id), _e(doc.get("published")), _e(doc.get("source")),
                                  f'<a href="{_e(doc.get("url"))}">{_e(doc.get("url"))}</a>'
                                  if _val(doc.get("url")) else "") if x)
    legend = " ".join(f'<mark class="entity" style="background: {c}">{html.escape(lab.title())}'
                      f'{_entity_label(lab)}</mark>' for lab, c in LABEL_COLORS.items())
    legend += (' <span class="quote">quote</span> <span class="speaker">speaker</span>'
               ' <span class="evidence">incident evidence</span>')
    return title, meta, legend


def render_html(view: DocView) -> str:
    """One article as a self-contained page (inline CSS, no scripts or remote resources)."""
    mentions = _records(view.mentions)
    quotes = _records(view.quotes)
    incidents = _records(view.incidents)
    actors = {a["actor_id"]: a for a in _records(view.actors)}
    title, meta, legend = _head_html(view)
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
        f'<div class="text">{_text_html(view.text, mentions, quotes, incidents, actors)}</div>',
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
