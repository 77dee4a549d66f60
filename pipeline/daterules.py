"""How each kind of date expression resolves against the publication date P (the rules are listed in `dates`):
calendar arithmetic and one small resolver per kind, so that each rule reads and tests on its own."""
from __future__ import annotations

import datetime as dt
import re

from .numbers import parse_number

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
# Day-month without a year: how far after the publication date a date may fall before we take the previous year.
MAX_DAYS_AFTER_PUBLISHED = 62


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


def _exact(g: dict, published: dt.date | None, mod: str) -> _Value:
    d = _safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
    return (d.isoformat(), "day") if d else _DROP


def _numeric(g: dict, published: dt.date | None, mod: str) -> _Value:
    d = _numeric_date(int(g["a"]), int(g["b"]), int(g["year"]), g["sep"])
    return (d.isoformat(), "day") if d else _DROP


def _day_month(g: dict, published: dt.date | None, mod: str) -> _Value:
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


def _month_year(g: dict, published: dt.date | None, mod: str) -> _Value:
    return _month_value(int(g["year"]), _month_num(g["mon"])), "month"


def _month_alone(g: dict, published: dt.date | None, mod: str) -> _Value:
    if published is None:
        return None, None
    month = _month_num(g["mon"])
    year = published.year if month <= published.month else published.year - 1
    return _month_value(year, month), "month"


def _month_rel(g: dict, published: dt.date | None, mod: str) -> _Value:
    if published is None:
        return None, None
    delta = {"last": -1, "previous": -1, "next": 1}.get(g["rel"].lower(), 0)
    return _month_value(published.year + delta, _month_num(g["mon"])), "month"


def _year(g: dict, published: dt.date | None, mod: str) -> _Value:
    return g["year"], "year"


def _weekday(g: dict, published: dt.date | None, mod: str) -> _Value:
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


def _relday(g: dict, published: dt.date | None, mod: str) -> _Value:
    if published is None:
        return None, None
    s = " ".join(g["s"].lower().split())
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(s, 0)
    return (published + dt.timedelta(days=offset)).isoformat(), "day"


def _ago(g: dict, published: dt.date | None, mod: str) -> _Value:
    n = _count(g["n"])
    unit = g["unit"].lower().rstrip("s")
    if published is None or n is None or unit == "week":
        return None, None
    if unit == "day":
        return (published - dt.timedelta(days=n)).isoformat(), "day"
    if unit == "month":
        return _month_value(*_add_months(published.year, published.month, -n)), "month"
    return str(published.year - n), "year"


def _period(g: dict, published: dt.date | None, mod: str) -> _Value:
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


# how each kind of expression is resolved; durations and anchored forms ("the day prior") have no resolver here
_RESOLVERS = {"iso": _exact, "numeric": _numeric, "dmy": _day_month, "mdy": _day_month, "my": _month_year,
              "month": _month_alone, "month_rel": _month_rel, "year": _year, "weekday": _weekday,
              "relday": _relday, "ago": _ago, "period": _period, "weekend": _period}


def _resolve(kind: str, m: re.Match[str], published: dt.date | None, mod: str = "") -> _Value:
    """Value and precision of one matched expression (anchored ones are settled later)."""
    resolver = _RESOLVERS.get(kind)
    return resolver(m.groupdict(), published, mod) if resolver else (None, None)
