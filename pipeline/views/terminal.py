"""One article in the terminal with rich: coloured entities, quotes and evidence marked, then the quotes and
incidents as tables. Every data cell is a rich `Text`, so data is never read as rich markup ("[requested]")."""
from __future__ import annotations

import pandas as pd

from .layout import LABEL_COLORS, _segments, _Span, _spans
from .load import DocView, _records, _val


def _print_head(view: DocView, console) -> None:
    """The title rule, the meta line (id, date, source) and the legend."""
    from rich.rule import Rule
    from rich.text import Text

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


def _style(sp: _Span) -> str:
    """The rich style of one span's text."""
    if sp.kind == "quote":
        return "italic #79b8ff"
    if sp.kind == "evidence":
        return "underline"
    if sp.kind == "speaker":
        return "bold reverse"
    return f"black on {LABEL_COLORS.get(sp.label, 'white')}"


def _body_text(view: DocView, quotes: list[dict], incidents: list[dict]):
    """The article as a rich Text: a [Qn]/[En] tag where a quote or incident starts, each piece styled by the
    spans covering it, an entity's label after its last piece."""
    from rich.text import Text

    text = view.text
    body = Text()
    seen: set[tuple[str, int]] = set()
    for a, b, active in _segments(text, _spans(text, _records(view.mentions), quotes, incidents)):
        for sp in active:
            if sp.kind in ("quote", "evidence") and (sp.kind, sp.index) not in seen:
                seen.add((sp.kind, sp.index))
                tag = f"Q{sp.index + 1}" if sp.kind == "quote" else f"E{sp.index + 1}"
                body.append(f"[{tag}]", style="bold white on #388bfd" if sp.kind == "quote"
                            else "bold white on #cf222e")
        styles = [_style(sp) for sp in active]
        body.append(text[a:b], style=" ".join(styles) or None)
        for sp in active:
            if sp.kind == "entity" and sp.end == b:
                body.append(f" {sp.label[:3]}", style=f"bold black on {LABEL_COLORS.get(sp.label, 'white')}")
    return body


def _quotes_table(quotes: list[dict], actors: dict):
    """A rich Table of a document's quotes: number, speaker, cue, kind and text."""
    from rich.table import Table
    from rich.text import Text

    qt = Table(title=f"Quotes ({len(quotes)})", show_lines=False, expand=True)
    for col, kw in (("#", {"no_wrap": True}), ("speaker", {}), ("cue", {}), ("kind", {}),
                    ("quote", {"ratio": 3})):
        qt.add_column(col, **kw)
    for i, q in enumerate(quotes, 1):
        qt.add_row(f"Q{i}", Text(str(q.get("speaker") or actors.get(q.get("speaker_actor_id"), {}).get("name")
                                     or "?")),
                   Text(str(q.get("cue") or "")), Text(str(q.get("kind") or "")), Text(str(q.get("text") or "")))
    return qt


def render_terminal(view: DocView, console=None) -> None:
    """The page's content with rich: coloured entities, quotes and evidence marked, then the tables."""
    from rich.console import Console
    from rich.text import Text

    console = console or Console()
    quotes = _records(view.quotes)
    incidents = _records(view.incidents)
    actors = {a["actor_id"]: a for a in _records(view.actors)}
    _print_head(view, console)
    console.print(_body_text(view, quotes, incidents))
    console.print()
    console.print(_quotes_table(quotes, actors) if quotes
                  else Text("No quotes found in this document.", style="dim italic"))
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

