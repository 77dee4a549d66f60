"""Corpus-level event grouping: the incidents of every article that report one real-world event become one row of
the `events` table, and each incident gets that row's `event_id`.

Runs once at the end of a run, after actor linking, over small per-incident summaries (the incident columns below
and each document's source and publication date), never over the documents. Incidents are compared only within
blocks of (country, admin1) and nearby weeks, so the cost grows with the corpus times the density of one place and
fortnight, not with the square of the corpus.

When two incidents are one event (each rule is a definition, checked against every report already in the event):
- type: the same event family (ACLED's categories: political violence / demonstrations / strategic developments;
  `models/events.json`);
- place: the same place, or one place contains the other: the same `location_actor_id` (actor linking already maps
  spelling variants and GeoNames ids to one actor) or the same name once the spelling choices of Arabic
  romanisation are folded ("Foua"/"Fuaa", `translit_key`), or one report names only the admin1 (or a location that is
  the admin1 itself) that holds the other's location. One actor id is one gazetteer place (one point) whatever
  admin1 a report's context gave it ("Ghouta" near Damascus, in Rif Dimashq). A report whose location is the
  country itself (its name, or a variant actor linking put at the country's own point: "Syrias") names no place
  inside it;
- date: each day-precision report at most `day_tolerance` days from the event's day (the day most of its day
  reports give), so reports may lie either side of it; a month or year report contains the day reports
  and lies within the other coarse reports' periods (calendar periods nest, so overlapping = containment);
  a report dated only by its article's own day (`dated_by_publication`) says the event happened by then: when no
  event is on that day it looks back `report_lag_days`, as a vague report (below);
- sides: actor ids do not contradict: two reports that both name both sides contradict when they share no actor.
Reports are placed from the most to the least specific (day and named place first). A precise report joins the
closest compatible event; a vaguer one (a month, or only an admin1) joins an event only when exactly one event
fits it, or when a repeated detail (its sub-event type, else its death toll) singles one out of several; otherwise
it stays an event of its own: a report that could be any of several events is not guessed. A month or year report
at a named place joins the one event at that place in its period (the place singles it out). A report dated by
its article's day that finds no event on it looks over the week before it, and joins only where a detail matches.
A report that names only the country is vaguer still: it joins an event only when such a detail matches, even when
one event fits.
An event's killed and injured follow ACLED's conservative rule: the lowest figure that reports in two documents
give, else the lowest any report gives (`conservative`); the killed range is kept beside it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyarrow as pa

from .collector import while_paused
from .eventplaces import dated_by_publication, place_keys, place_level, settings, translit_key  # noqa: F401
from .eventsummary import GEO_COLUMNS, conservative, event_id, summarise  # noqa: F401 - part of this API
from .schema import SCHEMAS, table_from_rows

# The incident columns the step reads: a summary, not the evidence text.
SUMMARY_COLUMNS = ("incident_id", "doc_id", "event_type", "sub_event_type", "date", "date_text", "date_precision",
                   "location",
                   "location_actor_id", "country", "admin1", "lat", "lon", "actor1", "actor1_id", "inter1",
                   "actor2", "actor2_id", "inter2", "killed", "injured")
WEEK = 7


def family(event_type: str | None) -> str | None:
    """The ACLED category of an event type; an unknown type is its own family."""
    if not event_type:
        return None
    return settings()["families"].get(event_type, event_type)


def date_window(date: str | None) -> tuple[int, int, bool] | None:
    """(first day, last day, is a single day) of an ISO date of day, month or year precision, as ordinals."""
    if not date:
        return None
    try:
        if len(date) == 4:
            y = int(date)
            return dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal(), False
        if len(date) == 7:
            y, m = int(date[:4]), int(date[5:7])
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return dt.date(y, m, 1).toordinal(), nxt.toordinal() - 1, False
        d = dt.date.fromisoformat(date[:10]).toordinal()
        return d, d, True
    except ValueError:
        return None


@dataclass
class Report:
    """One incident as the grouping sees it."""
    row: dict
    seq: int
    window: tuple[int, int, bool] | None
    family: str | None
    level: str | None       # specific / admin1 / country (place_level)
    country: str
    admin1: str | None
    sides: frozenset
    places: frozenset = frozenset()  # the place's keys (place_keys); empty unless the place is specific
    by_publication: bool = False     # its day is only its article's day (`dated_by_publication`)

    @property
    def specific(self) -> bool:
        return self.level == "specific"

    @property
    def place(self) -> str | None:
        return self.row.get("location_actor_id") if self.specific else None

    @property
    def block(self) -> tuple[str, str | None]:
        """Where the report is indexed: (country, admin1), or (country, None) when no admin1 is known."""
        return self.country, self.admin1


def _report(row: dict, seq: int) -> Report:
    lv = place_level(row)
    level, cc, admin1 = lv if lv else (None, None, None)
    sides = frozenset(x for x in (row.get("actor1_id"), row.get("actor2_id")) if x)
    keys = place_keys(row.get("location"), row.get("location_actor_id")) if level == "specific" else frozenset()
    return Report(row, seq, date_window(row.get("date")), family(row.get("event_type")), level, cc or "", admin1,
                  sides, keys, dated_by_publication(row))


@dataclass
class Event:
    reports: list[Report] = field(default_factory=list)
    day_lo: int | None = None      # span of the day-precision reports
    day_hi: int | None = None
    coarse: tuple[int, int] | None = None  # intersection of the month/year reports' periods
    places: set = field(default_factory=set)  # place keys of the specific reports
    admin1s: set = field(default_factory=set)
    days: Counter = field(default_factory=Counter)  # day reports per day

    def day(self) -> int:
        """The event's day: the one most day reports give, the earliest of a tie."""
        return min(self.days, key=lambda d: (-self.days[d], d))

    def span(self) -> tuple[int, int]:
        if self.day_lo is not None:
            return self.day_lo, self.day_hi
        return self.coarse

    def add(self, r: Report) -> None:
        self.reports.append(r)
        lo, hi, day = r.window
        if day:
            self.days[lo] += 1
            self.day_lo = lo if self.day_lo is None else min(self.day_lo, lo)
            self.day_hi = hi if self.day_hi is None else max(self.day_hi, hi)
        else:
            self.coarse = (lo, hi) if self.coarse is None else (max(self.coarse[0], lo), min(self.coarse[1], hi))
        self.places.update(r.places)
        if r.admin1:
            self.admin1s.add(r.admin1)


def _dates_fit(ev: Event, r: Report, tol: int) -> bool:
    """A day report lies within `tol` days of the event's day, the day most of its day reports give ("on Tuesday"
    read a day early or late is that day, either side of it), so all lie within 2 * tol days. Coarse reports
    contain the day reports and overlap each other."""
    lo, hi, day = r.window
    if day:
        if ev.day_lo is not None and (abs(lo - ev.day()) > tol or max(ev.day_hi, lo) - min(ev.day_lo, lo) > 2 * tol):
            return False
        return ev.coarse is None or ev.coarse[0] <= lo <= ev.coarse[1]
    if ev.coarse is not None and max(ev.coarse[0], lo) > min(ev.coarse[1], hi):
        return False
    return ev.day_lo is None or (lo <= ev.day_lo and ev.day_hi <= hi)


def _sides_contradict(a: frozenset, b: frozenset) -> bool:
    return len(a) == 2 and len(b) == 2 and not (a & b)


def compatible(ev: Event, r: Report, tol: int) -> bool:
    """Whether report `r` can be one more report of event `ev` (the rules in the module docstring)."""
    if any(x.family != r.family for x in ev.reports):
        return False
    if r.places and ev.places and not (r.places & ev.places):
        return False  # two different named places
    if r.admin1 and ev.admin1s and r.admin1 not in ev.admin1s and not (r.place and r.place in ev.places):
        return False  # another admin1, unless it is the same gazetteer place (one actor id: one point)
    if any(x.country and r.country and x.country != r.country for x in ev.reports):
        return False
    if not _dates_fit(ev, r, tol):
        return False
    return not any(_sides_contradict(x.sides, r.sides) for x in ev.reports)


def _distance(ev: Event, r: Report) -> tuple:
    lo, hi = ev.span()
    mid = (lo + hi) / 2
    return (abs((r.window[0] + r.window[1]) / 2 - mid), -len(ev.reports), ev.reports[0].seq)


def _the_one(cands: list[Event], r: Report) -> list[Event]:
    """A vague report that fits several events joins one only if a detail the reports repeat singles it out: the
    one event with a report of its sub-event type, else the one with a report of its death toll."""
    for col in ("sub_event_type", "killed"):
        v = r.row.get(col)
        if v is None:
            continue
        same = [e for e in cands if any(x.row.get(col) == v for x in e.reports)]
        if len(same) == 1:
            return same
    return []


def _covered(ev: Event, r: Report) -> bool:
    """An event a later report may refer back to without its date: one that other articles (two or more) have
    reported, and whose death tolls include the report's own, when it gives one."""
    docs = {x.row.get("doc_id") for x in ev.reports} - {r.row.get("doc_id")}
    k = r.row.get("killed")
    return len(docs) >= 2 and (k is None or any(x.row.get("killed") == k for x in ev.reports))


def _rank(r: Report) -> int:
    """Place specificity: a place in a known admin1, the admin1, a place in no known admin1, the country."""
    return {"specific": 0 if r.admin1 else 2, "admin1": 1, "country": 3}[r.level]


class _Blocks:
    """The events made so far, indexed by (block, week) and by (place key, week): a report is compared only with
    the events of its place or admin1 block in the weeks its dates could reach."""

    def __init__(self, tol: int):
        self.tol = tol
        self.index: dict[tuple, list[Event]] = defaultdict(list)  # (block, week) -> events touching that week
        self.by_place: dict[tuple, list[Event]] = defaultdict(list)  # (place key, week) -> events
        self.blocks_of: dict[str, set] = defaultdict(set)  # country -> its blocks, for reports naming no admin1

    def _search(self, table: dict, keys: Iterable, weeks: range, r: Report) -> list[Event]:
        seen, found = set(), []
        for k in keys:
            for w in weeks:
                for ev in table.get((k, w), ()):
                    if id(ev) not in seen:
                        seen.add(id(ev))
                        if compatible(ev, r, self.tol):
                            found.append(ev)
        return found

    def candidates(self, r: Report) -> list[Event]:
        """The events `r` may join (the module docstring: a precise report the closest, a vague one the only)."""
        lo, hi, day = r.window
        weeks = range((lo - self.tol) // WEEK, (hi + self.tol) // WEEK + 1)
        exact = self._search(self.by_place, sorted(r.places), weeks, r) if r.places else []
        if exact and (day or len(exact) == 1):
            # the same named place within the day tolerance: the closest such event; a month or year report at a
            # named place: the one event at that place in its period (the place is the detail that singles it out)
            return exact
        blocks = [r.block] if r.admin1 else sorted(self.blocks_of[r.country], key=str)
        cands = self._search(self.index, blocks, weeks, r)
        if r.level == "country" or (not (day and r.specific and r.admin1) and len(cands) > 1):
            cands = _the_one(cands, r)
        return cands

    def looking_back(self, r: Report) -> tuple[Report, list[Event]] | None:
        """The event a report dated only by its article's day may join when none is on that day: within the
        `report_lag_days` before it, the one a repeated detail singles out (`_the_one`), however many fit. The
        report joins as one of that period (a coarse report), so the event's day stays that of its day reports."""
        if not r.admin1 or r.level == "country":
            return None  # a week anywhere in the country is no place to look back over
        lo = r.window[0] - int(settings()["report_lag_days"])
        back = dataclasses.replace(r, window=(lo, r.window[1], False))
        cands = [e for e in _the_one(self.candidates(back), r) if _covered(e, r)]
        return (back, cands) if cands else None

    def register(self, ev: Event, old: tuple | None, had: set) -> None:
        """Index `ev` under the weeks its span now touches (a wider span never leaves a week it touched) and its
        new place keys."""
        new = ev.span()
        home = ev.reports[0].block
        self.blocks_of[home[0]].add(home)
        for w in range(new[0] // WEEK, new[1] // WEEK + 1):
            fresh = old is None or not (old[0] // WEEK <= w <= old[1] // WEEK)
            if fresh:
                self.index[(home, w)].append(ev)
            for p in ev.places:
                if fresh or p not in had:
                    self.by_place[(p, w)].append(ev)


def group(rows: Iterable[Mapping]) -> list[list[dict]]:
    """The incident rows (dicts with SUMMARY_COLUMNS) in groups, one per event, each in input order; groups in
    order of their first report."""
    blocks = _Blocks(int(settings()["day_tolerance"]))
    reports = [_report(dict(row), i) for i, row in enumerate(rows)]
    placeable = [r for r in reports if r.level is not None and r.window is not None and r.family is not None]
    # most specific first: day reports before month/year ones, each from the most to the least specific place
    placeable.sort(key=lambda r: (not r.window[2], _rank(r), r.window[1] - r.window[0], r.window[0], r.seq))
    assigned: dict[int, Event] = {}
    for r in placeable:
        cands = blocks.candidates(r)
        if not cands and r.by_publication and (back := blocks.looking_back(r)):
            r, cands = back  # dated by its article's day, no event on it: the one event of the week before
        ev = min(cands, key=lambda e: _distance(e, r)) if cands else Event()
        old = ev.span() if cands else None
        had = set(ev.places)
        ev.add(r)
        assigned[r.seq] = ev
        blocks.register(ev, old, had)
    out: dict[int, list[dict]] = {}  # an incident that cannot be placed is an event of its own
    for r in reports:
        ev = assigned.get(r.seq)
        key = min(x.seq for x in ev.reports) if ev is not None else r.seq
        out.setdefault(key, []).append(r.row)
    return [out[k] for k in sorted(out)]


@while_paused  # collector.py: full collections would rescan every live summary
def build(incidents: Iterable[pa.Table], documents: Iterable[pa.Table]) -> tuple[pa.Table, dict[str, str]]:
    """The events table and the map incident_id -> event_id, from incident summaries (actor ids already the
    corpus-level ones) and the documents' source and published columns."""
    docs: dict[str, tuple] = {}
    for t in documents:
        for d, s, p in zip(*(t.column(c).to_pylist() for c in ("doc_id", "source", "published"))):
            docs.setdefault(d, (s, p))
    rows: list[dict] = []
    for t in incidents:
        for row in t.select([c for c in SUMMARY_COLUMNS if c in t.column_names]).to_pylist():
            row["published"] = docs.get(row["doc_id"], (None, None))[1]
            rows.append(row)
    out, id_map = [], {}
    for g in group(rows):
        ev = summarise(g, docs)
        out.append(ev)
        for r in g:
            id_map[r["incident_id"]] = ev["event_id"]
    out.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["event_id"]))
    return table_from_rows("events", out, SCHEMAS["events"]), id_map


def add_event_ids(t: pa.Table, id_map: Mapping[str, str]) -> pa.Table:
    """An incidents table with its `event_id` column filled in from the grouping."""
    ids = pa.array([id_map.get(i) for i in t.column("incident_id").to_pylist()], pa.string())
    if "event_id" in t.column_names:
        return t.set_column(t.column_names.index("event_id"), "event_id", ids)
    return t.append_column("event_id", ids)
