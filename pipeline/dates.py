"""Dates in conflict news: parse date fields, find the publication date, resolve date expressions.

Why mostly regexes: news dates are overwhelmingly relative to the publication date ("on Wednesday",
"Tuesday's fighting", "the day prior", "last month"), which a general date parser resolves against *now*
and so gets wrong for every archived article. The resolution rules here are ours, explicit and tested;
they run on every sentence of thousands of articles, so all patterns are compiled once at import and
dateparser is used only for the long tail of date *fields* (``parse_date_field``), never per sentence.

Resolution rules (``find_dates``), all against the publication date P:

- weekday ("on Wednesday", "Tuesday's"): the same or the previous such day (P itself if P is that day);
  "last Wednesday" is strictly before P, "next Wednesday" strictly after, "this Wednesday" is in P's
  Monday-Sunday week;
- day and month without a year ("24 July", "July 24"): P's year, unless that is more than 62 days after P
  (then the previous year) or more than 330 days before P while the next year's date is at most 14 days after
  P (then the next year: "on 3 January" written on 28 December);
- a month alone ("in May"): P's year, or the previous year when the month is after P's month; "June last year"
  is June of the previous year;
- "yesterday"/"today"/"tomorrow"/"last night": P -1 / 0 / +1 / -1 days;
- "the day prior", "the previous day", "a day earlier", "the next day", "two days later": counted from the
  nearest preceding date of day precision in the same text, else from P;
- "last week", "this week", "over the weekend": a week is not a precision, so the value is the month
  (precision ``month``) when the whole window lies in one month, else None. The window of "last week" runs
  from the Monday of the previous week to P - 1 (it covers both "the previous calendar week" and "the past
  seven days"); "this week" from the Monday of P's week to P; "the weekend" is the latest Saturday-Sunday not
  after P;
- "last month"/"this month"/"next month" -> ``YYYY-MM``; "last year"/"this year"/"next year" -> ``YYYY``;
  "N days ago" -> day; "N months ago" -> month; "N years ago" -> year; "N weeks ago" -> None;
- durations ("for over a month", "for three years", "the three years since") are reported with value None,
  so that callers can see them and know they are not points in time.

Without a publication date, relative expressions are still reported, with value None.
Numeric dates: ``7/28/2021`` is month/day (as in FA-KES and US sources) unless the first number is over 12;
``28.07.2021`` and ``28-07-2021`` are day.month unless the second number is over 12.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .numbers import parse_number

__all__ = ["DateMention", "find_dates", "find_published", "parse_date_field", "resolve_weekday"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                "sun": 6}
# The number words the patterns below match ("three days ago"); numbers.parse_number gives their values.
_NUM_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred",
)
_VAGUE_COUNT = ("a few", "few", "several", "many", "a couple of", "couple of", "some")

# Day-month without a year: how far after the publication date a date may fall before we take the previous year.
MAX_DAYS_AFTER_PUBLISHED = 62


@dataclass(frozen=True)
class DateMention:
    """A date expression in a text: character offsets, its text, and its value resolved to ISO.

    `value` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` with `precision` ``day``, ``month`` or ``year``;
    both are None for durations ("for three years") and for expressions that cannot be resolved (a weekday
    without a publication date).
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None


def _cased(words) -> str:
    """Alternation of Title-case and UPPER-case forms, longest first: month and day names are proper nouns,
    and matching them case-sensitively keeps "may", "march" and "sat" (verbs) out."""
    forms = {w.capitalize() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH_FULL = rf"(?:{_cased(MONTHS)})(?![A-Za-z])"
# One flat alternation each (no nested groups), so that the regex engine can skip quickly to a capital letter.
_MONTH_ANY = rf"(?:{_cased(MONTHS)}|{_cased(MONTH_ABBR)})(?![A-Za-z])"
_WEEKDAY_FULL = rf"(?:{_cased(WEEKDAYS)})(?![A-Za-z])"
_WEEKDAY_ANY = rf"(?:{_cased(WEEKDAYS)}|{_cased(WEEKDAY_ABBR)})(?![A-Za-z])"
_WD_PREFIX = rf"(?:{_WEEKDAY_ANY}\.?,?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
_NUM_WORD = "(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
# a whole number phrase, so "two hundred" and "twenty-five" are read whole, not as their last word
_NUM = rf"(?:\d{{1,3}}|{_NUM_WORD}(?:(?:-|\s+(?:and\s+)?){_NUM_WORD})*)"
_PREP_MONTH = (r"(?i:in|since|during|until|till|by|from|through|throughout|last|this|of|before|after|early|mid|late|"
               r"end\s+of|beginning\s+of|start\s+of|middle\s+of)")
_PREP_YEAR = (r"(?i:in|since|during|until|till|by|from|through|throughout|before|after|early|mid|late|of|"
              r"end\s+of|beginning\s+of|start\s+of|middle\s+of|spring|summer|autumn|fall|winter)")

# (kind, regex): every regex has a group "s" for the span reported, or the whole match is the span.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\w-])(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?![\d-])")),
    ("numeric", re.compile(
        r"(?<![\w/.-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d])")),
    ("dmy", re.compile(
        rf"(?<![\w.]){_WD_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<mon>{_MONTH_ANY})(?:\.?,?\s+{_YEAR})?")),
    ("mdy", re.compile(rf"(?<![\w.]){_WD_PREFIX}(?P<mon>{_MONTH_ANY})\.?\s+{_DAY}(?:,?\s+{_YEAR})?")),
    ("my", re.compile(rf"(?<![\w.])(?P<mon>{_MONTH_ANY})\.?,?\s+(?:of\s+)?{_YEAR}")),
    ("month_rel", re.compile(
        rf"(?<![\w.])(?P<mon>{_MONTH_FULL}),?\s+(?:of\s+)?(?P<rel>(?i:last|this|next|previous))\s+(?i:year)\b")),
    ("month", re.compile(rf"(?P<s>(?P<mon>{_MONTH_FULL}))")),  # only after a preposition: see _MONTH_BEFORE
    ("year", re.compile(rf"(?<![\w.,/]){_YEAR}(?!\s*[-–/]\s*\d|[,.]\d)")),  # only after a preposition
    ("weekday", re.compile(rf"(?P<wd>{_WEEKDAY_FULL})")),
    ("relday", re.compile(
        r"\b(?P<s>(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+(?:morning|afternoon|evening)"
        r"|last\s+night|earlier\s+today|tomorrow))\b")),
    ("anchor", re.compile(
        r"\b(?P<s>(?i:(?P<back>the\s+(?:day|night)\s+(?:prior|before|earlier)|the\s+previous\s+(?:day|night)"
        r"|the\s+preceding\s+day|(?:a|one)\s+day\s+(?:earlier|before|prior))"
        r"|(?P<fwd>the\s+(?:following|next)\s+(?:day|morning|night)|(?:a|one)\s+day\s+(?:later|after)"
        r"|the\s+day\s+after)"
        rf"|(?P<n>{_NUM})\s+days\s+(?P<dir>earlier|before|prior|later|after(?:wards)?)))\b")),
    ("ago", re.compile(
        rf"\b(?P<s>(?i:(?P<n>{_NUM}|a|an|a\s+few|few|several|many|a\s+couple\s+of)\s+"
        r"(?P<unit>days?|weeks?|months?|years?)\s+ago))\b")),
    ("period", re.compile(
        r"\b(?P<s>(?i:(?P<pmod>last|this|next|past|previous|coming|earlier\s+this|later\s+this|early\s+this"
        r"|early\s+last|late\s+last)\s+(?P<unit>week|month|year|weekend)))\b")),
    ("weekend", re.compile(r"\b(?i:over|during|at|on)\s+(?P<s>(?i:the\s+weekend))\b")),
    ("duration", re.compile(
        r"\b(?P<s>(?i:(?:for\s+)?(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following)\s+)?"
        r"(?:(?:more\s+than|over|nearly|almost|about|around|some|at\s+least|less\s+than|up\s+to|roughly"
        rf"|approximately)\s+)?(?:{_NUM}|a|an|a\s+few|few|several|many|a\s+couple\s+of|couple\s+of)\s+"
        r"(?:hours?|days?|weeks?|months?|years?|decades?)\b(?!\s+(?:ago|earlier|later|before|after|prior|old)\b"
        r"|-)(?:\s+since\b)?"
        r"|for\s+(?:hours|days|weeks|months|years|decades)\b))")),
]
_PRIORITY = {kind: i for i, (kind, _rx) in enumerate(_PATTERNS)}
_RX = dict(_PATTERNS)
# What must stand just before a month alone, a year alone, or a weekday (matched on the text before it).
_MONTH_BEFORE = re.compile(rf"\b{_PREP_MONTH}[\s-]+(?:(?i:early|mid|late)[\s-]+)?$")
_YEAR_BEFORE = re.compile(rf"\b{_PREP_YEAR}[\s-]+(?:the\s+year\s+)?$")
_WEEKDAY_MOD = re.compile(r"\b(?P<mod>(?i:last|next|this|on|by|since|until|from|early|late))\s+$")
_LOOKBACK = 30
# Cheap gates: a pattern runs only on texts that contain what it needs.
_GATE_MONTH = re.compile(_MONTH_ANY)
_GATE_NUMERIC = re.compile(r"\d[/.-]\d")
_GATE_WEEKDAY = re.compile(_WEEKDAY_FULL)
_RELDAY_WORDS = ("yesterday", "today", "tonight", "tomorrow", "morning", "afternoon", "evening", "night")
_UNIT_WORDS = ("hour", "day", "week", "month", "year", "decade")
_PERIOD_MODS = ("last ", "this ", "next ", "past ", "previous ", "coming ")
# Patterns that can start with many different words are run only in a window around the word they need
# (a unit of time): ten times faster than scanning every position of every sentence.
_WINDOWED = {
    "duration": (re.compile(r"hour|day|week|month|year|decade"), 70, 20),
    "anchor": (re.compile(r"day|night|morning"), 40, 20),
}  # matched on the lower-cased text: plain literals, which the regex engine scans fastest


def _month_num(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBR[key]


def _weekday_num(name: str) -> int:
    key = name.lower().rstrip(".")
    return WEEKDAYS[key] if key in WEEKDAYS else WEEKDAY_ABBR[key]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: dt.date) -> dt.date:
    """The date of "on <weekday>" in an article published on `published`: that day or the latest one before.

    News reports past events, so "Wednesday" in an article published on a Wednesday is that day, and "Thursday"
    is the Thursday six days earlier. `weekday` is 0 = Monday ... 6 = Sunday, as ``date.weekday()``.
    """
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}")
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _infer_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """A day and month without a year, placed in the year that makes it a recent date (see module docs)."""
    y = published.year
    cand = _safe_date(y, month, day) or _safe_date(y - 1, month, day) or _safe_date(y + 1, month, day)
    if cand is None:
        return None
    if (cand - published).days > MAX_DAYS_AFTER_PUBLISHED:
        return _safe_date(cand.year - 1, month, day) or _safe_date(cand.year - 4, month, day)
    if (published - cand).days > 330:
        nxt = _safe_date(cand.year + 1, month, day)
        if nxt is not None and (nxt - published).days <= 14:
            return nxt
    return cand


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _window(lo: dt.date, hi: dt.date) -> tuple[str | None, str | None]:
    """A span of days as a value: its month when it lies in one month, else unknown."""
    if hi < lo:
        lo, hi = hi, lo
    if (lo.year, lo.month) == (hi.year, hi.month):
        return _month_value(lo.year, lo.month), "month"
    return None, None


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _count(phrase: str) -> int | None:
    """The number a pattern captured ("three", "a", "12"), None for a vague one ("several", "a few"). A scale
    word alone counts one of it: the patterns start at "hundred" and leave its "a"/"one" out ("a hundred days
    ago")."""
    n = parse_number(phrase)
    return parse_number("one " + phrase) if n is None else n


_Value = tuple[str | None, str | None]
_DROP = ("drop", "drop")  # a pattern matched something that is not a date (e.g. "31 June")


def _numeric_date(a: int, b: int, year: int, sep: str) -> dt.date | None:
    """`7/28/2021` is M/D (US style) unless the first number cannot be a month; `28.7.2021`/`28-7-2021` is D.M."""
    if sep == "/":
        month, day = (a, b) if a <= 12 else (b, a)
    else:
        day, month = (a, b) if b <= 12 else (b, a)
    return _safe_date(year, month, day)


def _resolve(kind: str, m: re.Match[str], published: dt.date | None, mod: str = "") -> _Value:
    """Value and precision of one matched expression (anchored ones are settled later)."""
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
        return (d.isoformat(), "day") if d else _DROP
    if kind == "numeric":
        d = _numeric_date(int(g["a"]), int(g["b"]), int(g["year"]), g["sep"])
        return (d.isoformat(), "day") if d else _DROP
    if kind in ("dmy", "mdy"):
        month, day = _month_num(g["mon"]), int(g["day"])
        if not 1 <= day <= 31:
            return _DROP
        if g.get("year"):
            d = _safe_date(int(g["year"]), month, day)
            return (d.isoformat(), "day") if d else _DROP
        if _safe_date(2000, month, day) is None:
            return _DROP
        if published is None:
            return None, None
        d = _infer_year(month, day, published)
        return (d.isoformat(), "day") if d else _DROP
    if kind == "my":
        return _month_value(int(g["year"]), _month_num(g["mon"])), "month"
    if kind == "month":
        if published is None:
            return None, None
        month = _month_num(g["mon"])
        year = published.year if month <= published.month else published.year - 1
        return _month_value(year, month), "month"
    if kind == "month_rel":
        if published is None:
            return None, None
        delta = {"last": -1, "previous": -1, "next": 1}.get(g["rel"].lower(), 0)
        return _month_value(published.year + delta, _month_num(g["mon"])), "month"
    if kind == "year":
        return g["year"], "year"
    if kind == "weekday":
        if published is None:
            return None, None
        wd = _weekday_num(g["wd"])
        if mod == "last":
            d = resolve_weekday(wd, published - dt.timedelta(days=1))
        elif mod == "next":
            d = published + dt.timedelta(days=(wd - published.weekday() - 1) % 7 + 1)
        elif mod == "this":
            d = _monday(published) + dt.timedelta(days=wd)
        else:
            d = resolve_weekday(wd, published)
        return d.isoformat(), "day"
    if kind == "relday":
        if published is None:
            return None, None
        s = " ".join(g["s"].lower().split())
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(s, 0)
        return (published + dt.timedelta(days=offset)).isoformat(), "day"
    if kind == "ago":
        n = _count(g["n"])
        unit = g["unit"].lower().rstrip("s")
        if published is None or n is None or unit == "week":
            return None, None
        if unit == "day":
            return (published - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "month":
            return _month_value(*_add_months(published.year, published.month, -n)), "month"
        return str(published.year - n), "year"
    if kind in ("period", "weekend"):
        if published is None:
            return None, None
        mod = " ".join((g.get("pmod") or "the").lower().split())
        unit = (g.get("unit") or "weekend").lower()
        last = mod in ("last", "previous", "early last", "late last")
        nxt = mod in ("next", "coming")
        if unit == "week":
            if last or mod == "past":
                return _window(_monday(published) - dt.timedelta(days=7), published - dt.timedelta(days=1))
            if nxt:
                return _window(published + dt.timedelta(days=1), _monday(published) + dt.timedelta(days=13))
            return _window(_monday(published), published)
        if unit == "weekend":
            if nxt:
                sat = published + dt.timedelta(days=(5 - published.weekday() - 1) % 7 + 1)
                return _window(sat, sat + dt.timedelta(days=1))
            sat = resolve_weekday(5, published)
            return _window(sat, min(sat + dt.timedelta(days=1), published))
        if mod == "past":
            return None, None  # "the past month/year" is a duration
        delta = -1 if last else 1 if nxt else 0
        if unit == "month":
            return _month_value(*_add_months(published.year, published.month, delta)), "month"
        return str(published.year + delta), "year"
    return None, None  # durations, and anchored forms before anchoring


def _anchor_offset(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    if g.get("back"):
        return -1
    if g.get("fwd"):
        return 1
    n = _count(g["n"])
    if n is None:
        return None
    return -n if g["dir"].lower() in ("earlier", "before", "prior") else n


def _as_date(value) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return parse_date_field(value)
    except ValueError:
        return None


def _kinds_to_run(text: str, low: str) -> list[str]:
    """The patterns worth running on `text` (`low` is its lower-cased form): cheap gates skip most of them."""
    kinds = []
    has_month = _GATE_MONTH.search(text) is not None
    if _GATE_NUMERIC.search(text):
        kinds += ["iso", "numeric"]
    if has_month:
        kinds += ["dmy", "mdy", "my", "month_rel", "month"]
    if "19" in text or "20" in text:
        kinds.append("year")
    if _GATE_WEEKDAY.search(text):
        kinds.append("weekday")
    if any(w in low for w in _RELDAY_WORDS):
        kinds.append("relday")
    has_unit = any(w in low for w in _UNIT_WORDS)
    if has_unit or "night" in low or "morning" in low:
        kinds.append("anchor")
    if has_unit:
        kinds.append("duration")
        if " ago" in low:
            kinds.append("ago")
        if any(w in low for w in _PERIOD_MODS):
            kinds.append("period")
        if "weekend" in low:
            kinds.append("weekend")
    return kinds


def _matches(kind: str, rx: re.Pattern[str], text: str, low: str):
    """All matches of `rx` in `text`; windowed patterns are searched only around their key word."""
    if kind not in _WINDOWED or len(low) != len(text):
        return rx.finditer(text)
    word_rx, before, after = _WINDOWED[kind]
    seen: dict[tuple[int, int], re.Match[str]] = {}
    n = len(text)
    for w in word_rx.finditer(low):
        for m in rx.finditer(text, max(0, w.start() - before), min(n, w.end() + after)):
            seen.setdefault(m.span(), m)
    return list(seen.values())


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in `text`, sorted by start, resolved against the publication date.

    Overlapping matches keep the longest ("Wednesday, July 28, 2021" is one mention, not two). Relative
    expressions without a publication date are kept with value None. See the module docstring for the rules.
    `published` may also be given as a string (``Article.published`` is ISO text); an unreadable one counts as
    missing rather than failing the document.
    """
    if not text:
        return []
    published = _as_date(published)
    cands: list[tuple[int, int, int, str, re.Match[str], str]] = []
    low = text.lower()
    for kind in _kinds_to_run(text, low):
        rx = _RX[kind]
        for m in _matches(kind, rx, text, low):
            mod = ""
            s, e = m.span("s") if "s" in rx.groupindex else m.span()
            if kind in ("month", "year", "weekday"):
                before = text[max(0, s - _LOOKBACK):s]
                if kind == "weekday":
                    mm = _WEEKDAY_MOD.search(before)
                    mod = mm["mod"].lower() if mm else ""
                    if mod in ("last", "next", "this"):
                        s -= len(before) - mm.start()  # "last Wednesday" differs from "Wednesday"
                elif not (_MONTH_BEFORE if kind == "month" else _YEAR_BEFORE).search(before):
                    continue  # "May" and "2018" alone are dates only after "in", "since", ...
            if e > s:
                cands.append((s, e, _PRIORITY[kind], kind, m, mod))
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in cands:
        s, e = c[0], c[1]
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])

    out: list[DateMention] = []
    anchor = published
    for s, e, _p, kind, m, mod in chosen:
        if kind == "anchor":
            off = _anchor_offset(m)
            value, precision = ((anchor + dt.timedelta(days=off)).isoformat(), "day") if (
                anchor is not None and off is not None) else (None, None)
        else:
            value, precision = _resolve(kind, m, published, mod)
        if (value, precision) == _DROP:
            continue
        if precision == "day" and value is not None:
            anchor = dt.date.fromisoformat(value)
        out.append(DateMention(s, e, text[s:e], value, precision))
    return out


# --- date fields ------------------------------------------------------------------------------------------------

_ISO_FIELD = re.compile(
    r"\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?\s*")
_COMPACT_FIELD = re.compile(r"\s*(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)\s*")
_NUMERIC_FIELD = re.compile(r"\s*(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
                            r"(?:[T ,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?\s*")
_LABEL = re.compile(
    r"(?i)^\s*(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified)(?:\s+(?:on|at))?|date(?:\s+of\s+"
    r"publication)?|publication\s+date|dated?)\s*:?\s*")
_TRAILING_TIME = re.compile(
    r"(?i)(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?)?)\s*$")

_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # never "now": the result must not depend on the day we run
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "PARSERS": ["custom-formats", "absolute-time"],  # no relative dates ("yesterday") and no timestamps
    "RETURN_AS_TIMEZONE_AWARE": False,
    "DATE_ORDER": "DMY",
}
# A fixed list, so that language detection is deterministic; all are bundled with dateparser (no download).
DATEPARSER_LANGUAGES = ["en", "fr", "es", "de", "ar", "tr", "ru"]


def _dateparser_date(value: str) -> dt.date | None:
    import dateparser  # imported lazily: slow to import, and needed only for unusual date fields

    try:
        parsed = dateparser.parse(value, languages=DATEPARSER_LANGUAGES, settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError, IndexError, KeyError):  # odd inputs make it raise, not return None
        return None
    return parsed.date() if parsed is not None else None


def parse_date_field(value: str) -> dt.date:
    """The date in a `published`/`date` field: ISO (with or without a time), M/D/YYYY (FA-KES), "28 July 2021",
    "July 28, 2021", "Wed 05 Apr 2017", and, through dateparser, most other absolute forms and languages.

    Raises ValueError when the field holds no complete date (a month or a year alone is not a publication date),
    rather than guessing: the caller then falls back to the date found in the text.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError("empty date")
    for rx in (_ISO_FIELD, _COMPACT_FIELD):
        m = rx.fullmatch(value)
        if m:
            d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
            if d is None:
                raise ValueError(f"not a valid calendar date: {value!r}")
            return d
    m = _NUMERIC_FIELD.fullmatch(value)
    if m:
        d = _numeric_date(int(m["a"]), int(m["b"]), int(m["year"]), m["sep"])
        if d is None:
            raise ValueError(f"not a valid calendar date: {value!r}")
        return d
    core = _TRAILING_TIME.sub("", _LABEL.sub("", value)).strip().rstrip(".,")
    for kind in ("dmy", "mdy"):
        rx = _RX[kind]
        m = rx.fullmatch(core)
        if m and m.group("year"):
            d = _safe_date(int(m["year"]), _month_num(m["mon"]), int(m["day"]))
            if d is None:
                raise ValueError(f"not a valid calendar date: {value!r}")
            return d
    if len(value) > 200:
        raise ValueError(f"not a date (too long): {value[:40]!r}...")
    d = _dateparser_date(core or value)
    if d is None:
        raise ValueError(f"cannot read a complete date (day, month and year) from {value!r}")
    return d


# --- publication date in the text -------------------------------------------------------------------------------

_GLUED_YEAR = re.compile(rf"(?P<mon>{_MONTH_ANY})\s+(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)(?!\d)")
_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Za-z.'’-]+(?:[ -][A-Z][A-Za-z.'’-]+)*(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)*)?,"
    rf"[ \t]*(?:(?P<mon1>{_MONTH_ANY})[ \t]+(?P<day1>[0-3]?\d)|(?P<day2>[0-3]?\d)[ \t]+(?P<mon2>{_MONTH_ANY}))"
    r"(?:st|nd|rd|th)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[-–—:]")
_ANY_YEAR = re.compile(r"(?<![\d.,/-])(?:19|20)\d\d(?![\d])")
_HEADER_PREFIX = re.compile(
    r"^\s*(?:(?i:(?:first\s+|last\s+)?(?:published|posted|updated|modified)(?:\s+(?:on|at))?|date(?:\s+of\s+"
    r"publication)?|publication\s+date|by\s+[^,|\n]{1,60})|[A-Z][A-Z .'’-]{2,40},?)?\s*[:|,•·-]?\s*$")
MAX_HEADER_LINES = 15
MAX_SHORT_LINE = 100
SINGLE_LINE_HEAD = 250


def find_published(text: str, head_chars: int = 800) -> dt.date | None:
    """The publication date from an article's header, when no field gives it; None when the header has none.

    Accepted, earliest first: a full date (day, month, year) that starts a line (after an optional label such
    as "Published" or "Date of publication"), or stands in a short header line ("28 July, 2021",
    "By X | July 28, 2021"), or, in a text without line breaks (FA-KES), stands in its first 250 characters.
    Failing that, a dateline "DAMASCUS, July 28 (Reuters) -" when a year is given in the header above it.
    A date deep in the body is never taken: it is usually the date of something else.
    """
    if not text:
        return None
    head = text[:head_chars]
    head = _GLUED_YEAR.sub(lambda m: f"{m['mon']} {m['day']} {m['year']}", head)  # "Apr 232017" (JT)
    single_line = "\n" not in head.strip()
    line_starts = [0] + [i + 1 for i, ch in enumerate(head) if ch == "\n"]
    found: list[tuple[int, dt.date]] = []
    for kind in ("iso", "numeric", "dmy", "mdy"):
        rx = _RX[kind]
        for m in rx.finditer(head):
            if kind in ("dmy", "mdy") and not m.group("year"):
                continue
            value, precision = _resolve(kind, m, None)
            if precision != "day" or value is None:
                continue
            start = m.start()
            line_no = sum(1 for ls in line_starts if ls <= start) - 1
            if line_no >= MAX_HEADER_LINES:
                continue
            ls = line_starts[line_no]
            le = head.find("\n", start)
            line = head[ls:le if le >= 0 else len(head)]
            prefix = head[ls:start]
            ok = (_HEADER_PREFIX.match(prefix) is not None or len(line.strip()) <= MAX_SHORT_LINE
                  or (single_line and start < SINGLE_LINE_HEAD))
            if ok:
                found.append((start, dt.date.fromisoformat(value)))
    if found:
        return min(found)[1]
    for m in _DATELINE.finditer(head):
        years = _ANY_YEAR.findall(head[:m.start()])
        if not years:
            continue
        mon = m["mon1"] or m["mon2"]
        day = int(m["day1"] or m["day2"])
        d = _safe_date(int(years[-1]), _month_num(mon), day)
        if d is not None:
            return d
    return None
