"""Number phrases: "1,200", "two hundred and fifty", "at least four", "dozens" (vague), "no" (zero), "a" (one)."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import (
    ARTICLE_ONE,
    DIGITS_RE,
    DOZEN,
    FIXED,
    NOT_ZERO_AFTER_NO,
    NUM_FIRST,
    ONE_MORE,
    ORDINAL_LEAD,
    ORDINALS,
    QUALS,
    SCALES,
    TENS,
    TOKEN_RE,
    UNITS,
    VAGUE,
    ZERO,
    match,
)


@dataclass(frozen=True)
class Num:
    """A number phrase: tokens [start, end), value (None when vague), kind: count/vague/zero/ordinal/article."""

    start: int
    end: int
    value: int | None
    kind: str


def _words_value(lows: list[str], k: int) -> tuple[int, int] | None:
    """Longest well-formed number-word phrase at token k -> (end token, value); None if there is none.

    A tiny state machine, so that "one two" is read as 1 (not 3) and "two hundred and fifty" as 250.
    """
    n = len(lows)
    total = cur = 0
    state = "start"
    best: tuple[int, int] | None = None
    j = k
    while j < n:
        parts = lows[j].split("-")
        ok = True
        s_total, s_cur, s_state = total, cur, state
        for pi, w in enumerate(parts):
            nxt = parts[pi + 1] if pi + 1 < len(parts) else (lows[j + 1] if j + 1 < n else "")
            if w in ("a", "an") and s_state == "start" and (nxt in SCALES or nxt == "dozen") and len(parts) == 1:
                s_cur, s_state = 1, "a"
            elif w in UNITS and w != "zero" and (
                s_state in ("start", "hundred", "big", "and") or (s_state == "tens" and UNITS[w] < 10)
            ):
                s_cur += UNITS[w]
                s_state = "unit"
            elif w in TENS and s_state in ("start", "hundred", "big", "and"):
                s_cur += TENS[w]
                s_state = "tens"
            elif w == "hundred" and s_state in ("unit", "a") and 0 < s_cur < 20:
                s_cur *= 100
                s_state = "hundred"
            elif w in SCALES and w != "hundred" and s_state in ("unit", "tens", "hundred", "a"):
                s_total += s_cur * SCALES[w]
                s_cur, s_state = 0, "big"
            elif w == "dozen" and s_state in ("unit", "a") and 0 < s_cur < 20:
                s_cur *= DOZEN
                s_state = "dozen"
            elif w == "and" and len(parts) == 1 and s_state in ("hundred", "big") and (
                nxt in UNITS or nxt.split("-")[0] in TENS
            ):
                s_state = "and"
            else:
                ok = False
                break
        if not ok:
            break
        total, cur, state = s_total, s_cur, s_state
        j += 1
        if state not in ("a", "and", "start"):
            best = (j, total + cur)
        if state == "dozen":
            break
    return best


def _core_at(lows: list[str], k: int) -> Num | None:
    """The number itself (no qualifier) at token k."""
    n = len(lows)
    if k >= n:
        return None
    t = lows[k]
    if t[0].isdigit():
        if DIGITS_RE.fullmatch(t):
            return Num(k, k + 1, int(t.replace(",", "")), "count")
        return None  # decimals ("1.5", "1.200") are not head counts
    m = match(lows, k, VAGUE)
    w = _words_value(lows, k)
    if w is not None and (not m or w[0] - k >= m):
        return Num(k, w[0], w[1], "count")
    if m:
        return Num(k, k + m, None, "vague")
    if t in ORDINAL_LEAD and k + 1 < n and lows[k + 1] in ORDINALS:
        return Num(k, k + 2, 1, "ordinal")
    m = match(lows, k, ZERO)
    if m and not (t == "no" and m == 1 and k + 1 < n and lows[k + 1] in NOT_ZERO_AFTER_NO):
        return Num(k, k + m, 0, "zero")
    m = match(lows, k, ARTICLE_ONE)
    if m:
        return Num(k, k + m, 1, "article")
    if t in FIXED:
        return Num(k, k + 1, FIXED[t], "count")
    return None


def number_at(lows: list[str], i: int) -> Num | None:
    """A number phrase starting at token i: optional qualifier ("at least") and a number."""
    t = lows[i]
    if not (t in NUM_FIRST or t[0].isdigit() or ("-" in t and t.split("-", 1)[0] in NUM_FIRST)):
        return None
    q = match(lows, i, QUALS)
    if q:
        core = _core_at(lows, i + q)
        if core is not None and core.kind in ("count", "vague"):
            return Num(i, core.end, core.value, core.kind)
        if lows[i] in ONE_MORE and q == 1:
            return Num(i, i + 1, 1, "ordinal")
    return _core_at(lows, i)


def tokenize(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    ms = list(TOKEN_RE.finditer(text))
    texts = [m.group() for m in ms]
    return texts, [t.lower() for t in texts], [m.start() for m in ms], [m.end() for m in ms]


def parse_number(text: str) -> int | None:
    """The number a short phrase states: "1,200" -> 1200, "two hundred and fifty" -> 250, "at least four" -> 4.

    Returns None when the phrase is not exactly one number phrase, or when it is vague ("dozens",
    "several", "an unknown number"): callers must not turn a vague quantity into a guess. "a"/"an" -> 1 and
    "no"/"none" -> 0, as in "a civilian was killed" / "no one was killed". "1.200" is not 1200 (only comma
    thousands are read), so that decimals are never mistaken for counts.
    """
    if not isinstance(text, str):
        return None
    _texts, lows, _s, _e = tokenize(text)
    while lows and not lows[-1][0].isalnum():
        lows.pop()
    if not lows:
        return None
    num = number_at(lows, 0)
    if num is None or num.end != len(lows) or num.kind == "ordinal" and lows[0] not in ONE_MORE:
        return None
    return num.value

