"""The drawing plan both renderings share: the label colours, and a document's overlapping spans (quotes,
speakers, incident evidence, entity mentions) cut into flat text pieces, each with the spans covering it."""
from __future__ import annotations

from dataclasses import dataclass

from .load import _int

# Our four labels in displaCy's palette (PERSON and ORG as displaCy has them, PLACE as its GPE, FACTION its own).
LABEL_COLORS = {"PERSON": "#aa9cfc", "PLACE": "#feca74", "FACTION": "#ff9561", "ORG": "#7aecec"}


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
