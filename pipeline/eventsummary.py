"""One `events` row from the reports (incident rows) grouped into it (`events.group`): the most reported type,
the most precise date, the most reported specific place with its geo columns, the most reported sides, and
ACLED's conservative rule for the counts (`conservative`)."""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from .text import norm_name

GEO_COLUMNS = ("location", "location_actor_id", "country", "admin1", "lat", "lon")


def event_id(incident_ids: Iterable[str]) -> str:
    """Deterministic id: a hash of the event's smallest incident id, so the same reports give the same id on every
    run and engine."""
    first = min(incident_ids)
    return "ev:" + hashlib.sha1(first.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _mode(values: Iterable):
    """The most common non-null value; ties go to the one seen first."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    best = max(counts.values())
    return next(v for v in vals if counts[v] == best)


def conservative(reports: list[dict], col: str) -> int | None:
    """ACLED's rule for conflicting counts: the lowest well-sourced figure. Well-sourced = stated by reports in at
    least two documents (a figure only one article gives may be a smaller incident its sentence folded in: "one
    killed" beside a bombing's 112); when no figure is, the lowest any report states."""
    docs_of: dict[int, set] = defaultdict(set)
    for r in reports:
        if r.get(col) is not None:
            docs_of[int(r[col])].add(r["doc_id"])
    if not docs_of:
        return None
    sourced = [v for v, ds in docs_of.items() if len(ds) >= 2]
    return min(sourced or docs_of)


def summarise(reports: list[dict], docs: Mapping[str, tuple[str | None, str | None]]) -> dict:
    """One events row from its reports (incident rows) and the documents' (source, published)."""
    reports = sorted(reports, key=lambda r: r["incident_id"])
    etype = _mode(r.get("event_type") for r in reports)
    sub = _mode(r.get("sub_event_type") for r in reports if r.get("event_type") == etype)
    # date: the most precise, then the most reported, then the earliest
    rank = {"day": 0, "month": 1, "year": 2}
    dated = [r for r in reports if r.get("date")]
    date = prec = None
    if dated:
        best = min(rank.get(r.get("date_precision"), 3) for r in dated)
        cands = [r for r in dated if rank.get(r.get("date_precision"), 3) == best]
        counts = Counter(r["date"] for r in cands)
        date = max(sorted(counts), key=lambda d: counts[d])
        prec = next(r.get("date_precision") for r in cands if r["date"] == date)
    # place: the most reported specific place, else the most reported admin1-level one; its geo columns with it
    def place_key(r):
        return r.get("location_actor_id") or r.get("location")
    placed = [r for r in reports if place_key(r)]
    spec = [r for r in placed if not (r.get("admin1") and norm_name(r.get("location") or "") == norm_name(r["admin1"]))]
    pool = spec or placed
    geo = {c: None for c in GEO_COLUMNS}
    if pool:
        k = _mode(place_key(r) for r in pool)
        src = next(r for r in pool if place_key(r) == k)
        geo = {c: src.get(c) for c in GEO_COLUMNS}
        for c in ("country", "admin1", "lat", "lon"):
            if geo[c] is None:
                geo[c] = next((r.get(c) for r in pool if place_key(r) == k and r.get(c) is not None), None)
    sides = {}
    for n in ("actor1", "actor2"):
        aid = _mode(r.get(f"{n}_id") for r in reports)
        if aid is None:
            name = _mode(r.get(n) for r in reports)
        else:
            name = next(r.get(n) for r in reports if r.get(f"{n}_id") == aid)
        sides[n], sides[f"{n}_id"] = name, aid
        inter = f"inter{n[-1]}"  # the ACLED type the reports give that side
        sides[inter] = _mode(r.get(inter) for r in reports if r.get(n) == name and r.get(inter) is not None)
    killed = [int(r["killed"]) for r in reports if r.get("killed") is not None]
    doc_ids = {r["doc_id"] for r in reports}
    sources = {docs.get(d, (None, None))[0] for d in doc_ids} - {None}
    published = sorted({docs.get(d, (None, None))[1] for d in doc_ids} - {None})
    return {"event_id": event_id(r["incident_id"] for r in reports), "event_type": etype, "sub_event_type": sub,
            "date": date, "date_precision": prec, **geo, **sides,
            # ACLED's conservative rule: the lowest well-sourced figure; the range is kept beside it
            "killed": conservative(reports, "killed"), "killed_min": min(killed) if killed else None,
            "killed_max": max(killed) if killed else None, "injured": conservative(reports, "injured"),
            "n_reports": len(doc_ids), "n_sources": len(sources),
            "first_report": published[0] if published else None,
            "last_report": published[-1] if published else None}
