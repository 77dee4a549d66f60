"""Date expressions in conflict news, resolved against the publication date (date fields and the publication
date in an article's header: `datefields`).

Why mostly regexes: news dates are overwhelmingly relative to the publication date ("on Wednesday",
"Tuesday's fighting", "the day prior", "last month"), which a general date parser resolves against *now*
and so gets wrong for every archived article. The resolution rules here are ours, explicit and tested;
they run on every sentence of thousands of articles, so all patterns are compiled once at import and
dateparser is used only for the long tail of date *fields* (``datefields.parse_date_field``), never per sentence.

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

from .daterules import (  # noqa: F401 - resolve_weekday and the calendar names are part of this module's API
    _DROP,
    MAX_DAYS_AFTER_PUBLISHED,
    MONTH_ABBR,
    MONTHS,
    WEEKDAY_ABBR,
    WEEKDAYS,
    _count,
    _resolve,
    resolve_weekday,
)

__all__ = ["DateMention", "find_dates", "resolve_weekday"]

# The number words the patterns below match ("three days ago"); numbers.parse_number gives their values.
_NUM_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred",
)
_VAGUE_COUNT = ("a few", "few", "several", "many", "a couple of", "couple of", "some")



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
    from .datefields import parse_date_field  # at call time: datefields builds on this module's patterns

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
