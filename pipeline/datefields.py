"""Dates of a record, not of its events: the `published`/`date` field (`parse_date_field`) and the publication date
in an article's header when no field gives one (`find_published`). They share the month and day patterns and the
calendar helpers of `dates`, which resolves the date expressions of the text itself.
"""
from __future__ import annotations

import datetime as dt
import re

from .daterules import _month_num, _numeric_date, _resolve, _safe_date
from .dates import _MONTH_ANY, _RX

__all__ = ["DATEPARSER_LANGUAGES", "find_published", "parse_date_field"]


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


def is_header_date(text: str, start: int, end: int, head_chars: int = 800) -> bool:
    """Is the date at chars [start, end) a full date (with its year) standing where `find_published` reads the
    publication date: at the start of one of the first header lines, after at most a label ("Date of publication
    7 April 2017", "Published: ...", "By X |", a capitalised dateline)? Such a date dates the record, not an event
    it reports (ACLED: an event is dated by the day it happened; the publication date is only the fallback, and
    then it is no explicit date)."""
    if start >= head_chars or not _ANY_YEAR.search(text[start:end]):
        return False  # "Saturdays blast hit a convoy": a weekday starting the text dates its event
    ls = text.rfind("\n", 0, start) + 1
    if text.count("\n", 0, ls) >= MAX_HEADER_LINES:
        return False
    return _HEADER_PREFIX.match(text[ls:start]) is not None

