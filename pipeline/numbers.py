"""Numbers and casualty counts read from one sentence of conflict news.

Why rules and not a model: counts must be exact and explainable ("at least four" is 4, "dozens" is no
number at all), they run on every sentence of thousands of articles, and the vocabulary is small and
stable. The vocabulary lives in ``models/numbers.json`` so that it can be extended without touching code.

Conventions (the ones GTD and ACLED use):

- a stated lower bound counts as the number ("at least 10" -> 10, "more than 20" -> 20);
- vague quantities are not numbers ("dozens", "several", "an unknown number" -> None), and a clause
  with a vague or unknown count makes the whole count of that kind unknown rather than an undercount;
- perpetrators count ("a suicide bomber blew himself up" -> 1 killed);
- people listed after "including" / "among them" are a subset and are not added again;
- "casualties" alone is ambiguous (killed and/or injured) and gives no count, except "no casualties" -> 0 / 0;
- "killed or wounded" with one number cannot be split and gives no count for either.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Casualties", "LEXICON_PATH", "find_casualties", "parse_number"]

LEXICON_PATH = Path(__file__).resolve().parent.parent / "models" / "numbers.json"

# Words, comma-thousands numbers, plain numbers (decimals stay one token so that they are never read as counts),
# dotted abbreviations ("U.S."), and single punctuation characters. Hyphenated and apostrophe words
# ("twenty-five", "al-Hourani", "wasn't") are one token.
_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*|\S")
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _load_lexicon(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


_LEX = _load_lexicon(LEXICON_PATH)


def _phrase_table(phrases) -> dict[str, list[tuple[str, ...]]]:
    """Index multi-word phrases by their first token, longest first, for token-level matching."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        toks = tuple(t.lower() for t in _TOKEN_RE.findall(p))
        if toks:
            table.setdefault(toks[0], []).append(toks)
    for v in table.values():
        v.sort(key=len, reverse=True)
    return table


def _match(lows: list[str], i: int, table: dict[str, list[tuple[str, ...]]]) -> int:
    """Length in tokens of the longest phrase of `table` starting at token i (0 if none)."""
    if i >= len(lows):
        return 0
    for ph in table.get(lows[i], ()):
        n = len(ph)
        if tuple(lows[i:i + n]) == ph:
            return n
    return 0


_UNITS: dict[str, int] = _LEX["units"]
_TENS: dict[str, int] = _LEX["tens"]
_SCALES: dict[str, int] = _LEX["scales"]
_DOZEN: int = _LEX["dozen"]
_QUALS = _phrase_table(_LEX["qualifiers"])
_VAGUE = _phrase_table(_LEX["vague_quantifiers"])
_ZERO = _phrase_table(_LEX["zero_words"])
_ARTICLE_ONE = _phrase_table(_LEX["article_one"])
_FIXED: dict[str, int] = _LEX["fixed"]
_ORDINALS = frozenset(_LEX["ordinals"])
_ORDINAL_LEAD = frozenset(_LEX["ordinal_lead"])
_ONE_MORE = frozenset(_LEX["one_more"])
_NUM_FIRST = (frozenset(_UNITS) | frozenset(_TENS) | frozenset(_QUALS) | frozenset(_VAGUE) | frozenset(_ZERO)
              | frozenset(_ARTICLE_ONE) | frozenset(_FIXED) | _ORDINAL_LEAD | {"a", "an"})  # tokens a number can start
_NOT_ZERO_AFTER_NO = frozenset({"longer", "more", "less", "fewer", "later", "sooner", "matter", "doubt", "way"})

_KINDS = ("killed", "injured")
_CATS = ("passive", "intransitive", "active", "nominal_of", "counted", "self")
_TRIGGERS: dict[str, dict[str, dict[str, list[tuple[str, ...]]]]] = {
    kind: {cat: _phrase_table(_LEX[kind].get(cat, [])) for cat in _CATS} for kind in _KINDS
}
_TOLL = frozenset(_LEX["killed"]["toll_words"])
_TOLL_NOT_AFTER = frozenset(_LEX["killed"]["toll_not_after"])
_CUM_STRONG = re.compile("|".join(_LEX["cumulative_strong"]))
_CUM_WEAK = re.compile("|".join(_LEX["cumulative_weak"]))
_CUM_BEFORE = re.compile("|".join(_LEX["cumulative_before"]))
_HEADLINE_VERBS = frozenset(_LEX["headline_verbs"])
_ZERO_NOUNS: dict[str, list[str]] = _LEX["zero_nouns"]
_PASSIVE_AUX = frozenset(_LEX["passive_aux"])
_NEG_AUX = frozenset(_LEX["negated_aux"])
_SG_AUX = frozenset(_LEX["singular_aux"])
_PL_AUX = frozenset(_LEX["plural_aux"])
_PERFECT_AUX = frozenset(_LEX["perfect_aux"])
_NEGATIONS = frozenset(_LEX["negations"])
_ADVERBS = frozenset(_LEX["adverbs"])
_RELPRON = frozenset(_LEX["relative_pronouns"])
_SEPARATORS = frozenset(_LEX["separators"])
_SUBSET = frozenset(w for w in _LEX["subset_markers"] if " " not in w)
_CLAUSE = frozenset(_LEX["clause_words"])
_PREPS = frozenset(_LEX["prepositions"])
_VERBS = frozenset(_LEX["verbs"])
_DETS = frozenset(_LEX["determiners"])
_SG_PRON = frozenset(_LEX["singular_pronouns"])
_PL_PRON = frozenset(_LEX["plural_pronouns"])
_PARTICLES = frozenset(_LEX["name_particles"])
_NOT_NAMES = frozenset(_LEX["not_names"])
_PLURAL_NOUNS = frozenset(_LEX["plural_nouns"])
_ED_ADJ = frozenset(_LEX["ed_adjectives"])
_ING_ADJ = frozenset(_LEX["ing_adjectives"])
_TIME_UNITS = frozenset(_LEX["time_units"])
_NON_PERSON = frozenset(_LEX["non_person_nouns"])
_TRIGGER_WORDS = (frozenset(
    first for kind in _KINDS for cat in _CATS for first in _TRIGGERS[kind][cat]
) | _TOLL | {"casualties", "casualty"}) - {"suicide"}
_OBJECT_START = _DETS | {"him", "her", "them"}


def _static_classes() -> dict[str, str]:
    """Class of the words whose class does not depend on context, in order of precedence (first wins)."""
    out: dict[str, str] = {"-": "np", "'": "np", "’": "np", ",": "comma"}
    for cls, words in (("sep", _SEPARATORS), ("subset", _SUBSET), ("trigger", _TRIGGER_WORDS),
                       ("verb", _VERBS | _PASSIVE_AUX | _NEG_AUX), ("clause", _CLAUSE), ("prep", _PREPS)):
        for w in words:
            out.setdefault(w, cls)
    return out


_STATIC_CLASS = _static_classes()


def _trigger_index() -> dict[str, list[tuple[tuple[str, ...], str, frozenset[str]]]]:
    """first token -> [(phrase, kind, categories)], longest first: one lookup per token finds any trigger."""
    cats_of: dict[tuple[tuple[str, ...], str], set[str]] = {}
    for kind in _KINDS:
        for cat in _CATS:
            for phrases in _TRIGGERS[kind][cat].values():
                for ph in phrases:
                    cats_of.setdefault((ph, kind), set()).add(cat)
    index: dict[str, list[tuple[tuple[str, ...], str, frozenset[str]]]] = {}
    for (ph, kind), cats in cats_of.items():
        index.setdefault(ph[0], []).append((ph, kind, frozenset(cats)))
    for v in index.values():
        v.sort(key=lambda e: (-len(e[0]), _KINDS.index(e[1])))
    return index


_TRIGGER_INDEX = _trigger_index()
_TOLL_SKIP_BEFORE = frozenset({"in", "since", "of"})
_FLOATING = frozenset({"all", "both", "each"})



_COMMON_WORDS = frozenset({
    "their", "his", "her", "the", "of", "and", "to", "left", "found", "shot", "lost", "claimed", "claiming", "claim",
    "took", "taking", "cost", "costing", "seriously", "critically", "confirmed", "declared", "pronounced", "leaving",
    "suffered", "sustained", "up", "down", "himself", "herself", "themselves", "minor", "serious", "critical"})


def _prefilter_stems() -> tuple[str, ...]:
    """For every trigger phrase, the first five letters of its longest word: a sentence that contains none of
    these cannot state a casualty count, and substring tests reject it at C speed."""
    phrases = [ph for kind in _KINDS for cat in _CATS for group in _TRIGGERS[kind][cat].values() for ph in group]
    phrases += [(w,) for w in _TOLL] + [tuple(n.split()) for words in _ZERO_NOUNS.values() for n in words]
    return tuple(sorted({max(ph, key=lambda w: (w not in _COMMON_WORDS, len(w)))[:5] for ph in phrases}))


_PREFILTER_STEMS = _prefilter_stems()
_PREFILTER = re.compile("|".join(map(re.escape, _PREFILTER_STEMS)))  # plain literals on lower-cased text: fast


def _zero_regex() -> re.Pattern[str]:
    adjs = "|".join(sorted((r"\s+".join(map(re.escape, a.split())) for a in _LEX["zero_adjectives"]),
                           key=len, reverse=True))
    nouns = {kind: "|".join(sorted((r"\s+".join(map(re.escape, n.split())) for n in words), key=len, reverse=True))
             for kind, words in _ZERO_NOUNS.items()}
    what = "|".join(f"(?P<{kind}>{alt})" for kind, alt in nouns.items())
    return re.compile(
        r"\b(?:no|without|nor|not\s+(?:\w+\s+){0,3}?any|never\s+(?:\w+\s+){0,2}?any)\s+"
        rf"(?:(?:{adjs})\s+){{0,2}}(?:{what})\b",
        re.IGNORECASE,
    )


_ZERO_RE = _zero_regex()


@dataclass(frozen=True)
class _Num:
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
            if w in ("a", "an") and s_state == "start" and (nxt in _SCALES or nxt == "dozen") and len(parts) == 1:
                s_cur, s_state = 1, "a"
            elif w in _UNITS and w != "zero" and (
                s_state in ("start", "hundred", "big", "and") or (s_state == "tens" and _UNITS[w] < 10)
            ):
                s_cur += _UNITS[w]
                s_state = "unit"
            elif w in _TENS and s_state in ("start", "hundred", "big", "and"):
                s_cur += _TENS[w]
                s_state = "tens"
            elif w == "hundred" and s_state in ("unit", "a") and 0 < s_cur < 20:
                s_cur *= 100
                s_state = "hundred"
            elif w in _SCALES and w != "hundred" and s_state in ("unit", "tens", "hundred", "a"):
                s_total += s_cur * _SCALES[w]
                s_cur, s_state = 0, "big"
            elif w == "dozen" and s_state in ("unit", "a") and 0 < s_cur < 20:
                s_cur *= _DOZEN
                s_state = "dozen"
            elif w == "and" and len(parts) == 1 and s_state in ("hundred", "big") and (
                nxt in _UNITS or nxt.split("-")[0] in _TENS
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


def _core_at(lows: list[str], k: int) -> _Num | None:
    """The number itself (no qualifier) at token k."""
    n = len(lows)
    if k >= n:
        return None
    t = lows[k]
    if t[0].isdigit():
        if _DIGITS_RE.fullmatch(t):
            return _Num(k, k + 1, int(t.replace(",", "")), "count")
        return None  # decimals ("1.5", "1.200") are not head counts
    m = _match(lows, k, _VAGUE)
    w = _words_value(lows, k)
    if w is not None and (not m or w[0] - k >= m):
        return _Num(k, w[0], w[1], "count")
    if m:
        return _Num(k, k + m, None, "vague")
    if t in _ORDINAL_LEAD and k + 1 < n and lows[k + 1] in _ORDINALS:
        return _Num(k, k + 2, 1, "ordinal")
    m = _match(lows, k, _ZERO)
    if m and not (t == "no" and m == 1 and k + 1 < n and lows[k + 1] in _NOT_ZERO_AFTER_NO):
        return _Num(k, k + m, 0, "zero")
    m = _match(lows, k, _ARTICLE_ONE)
    if m:
        return _Num(k, k + m, 1, "article")
    if t in _FIXED:
        return _Num(k, k + 1, _FIXED[t], "count")
    return None


def _number_at(lows: list[str], i: int) -> _Num | None:
    """A number phrase starting at token i: optional qualifier ("at least") and a number."""
    t = lows[i]
    if not (t in _NUM_FIRST or t[0].isdigit() or ("-" in t and t.split("-", 1)[0] in _NUM_FIRST)):
        return None
    q = _match(lows, i, _QUALS)
    if q:
        core = _core_at(lows, i + q)
        if core is not None and core.kind in ("count", "vague"):
            return _Num(i, core.end, core.value, core.kind)
        if lows[i] in _ONE_MORE and q == 1:
            return _Num(i, i + 1, 1, "ordinal")
    return _core_at(lows, i)


def _tokenize(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    ms = list(_TOKEN_RE.finditer(text))
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
    _texts, lows, _s, _e = _tokenize(text)
    while lows and not lows[-1][0].isalnum():
        lows.pop()
    if not lows:
        return None
    num = _number_at(lows, 0)
    if num is None or num.end != len(lows) or num.kind == "ordinal" and lows[0] not in _ONE_MORE:
        return None
    return num.value


@dataclass(frozen=True)
class Casualties:
    """Killed and injured counts stated in one sentence; None = not stated (0 only when the text says none).

    The spans are character offsets into the sentence of the number phrase that gave each count; when
    several groups add up ("one civilian and six assailants") the span runs from the first to the last.
    """

    killed: int | None
    injured: int | None
    killed_span: tuple[int, int] | None
    injured_span: tuple[int, int] | None


_NONE = Casualties(None, None, None, None)


class _Sentence:
    """One sentence's tokens with their number phrases, and the walks that read counts off them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.texts, self.lows, self.starts, self.ends = _tokenize(text)
        n = self.n = len(self.lows)
        self.cover: list[_Num | None] = [None] * n
        i = 0
        while i < n:
            num = _number_at(self.lows, i)
            if num is None:
                i += 1
                continue
            for k in range(num.start, num.end):
                self.cover[k] = num
            i = num.end
        self._paren = self._parentheses()
        self._cls = [self._classify(k) for k in range(n)]
        self.used: set[int] = set()  # start tokens of number phrases already counted
        self.items: dict[str, list[tuple[int | None, int, int]]] = {"killed": [], "injured": []}
        self.tolls: list[tuple[int | None, int, int]] = []
        self.subject_stop = -1
        self.addition = self._in_addition_to()

    def _parentheses(self) -> set[int]:
        """Tokens of short parentheticals ("(NDS)", "(ANA)"): transparent to the walks, their numbers unread."""
        out: set[int] = set()
        lows = self.lows
        for k, t in enumerate(lows):
            if t == "(":
                for e in range(k + 1, min(self.n, k + 10)):
                    if lows[e] == ")":
                        out.update(range(k, e + 1))
                        break
                    if lows[e] in ("(", ".", ";"):
                        break
        return out

    # token classes --------------------------------------------------------------------------------------------

    def _classify(self, k: int) -> str:
        """Role of token k in the walks: num, np (part of a noun phrase), sep ("and"), comma, punct, subset
        ("including"), trigger, verb, clause, prep, paren."""
        if k in self._paren:
            return "paren"
        if self.cover[k] is not None:
            return "num"
        low = self.lows[k]
        c = _STATIC_CLASS.get(low)
        if c is not None:
            return c
        if not low[0].isalnum():
            return "punct"
        if (len(low) > 4 and self.texts[k].islower() and (low.endswith("ed") or len(low) > 5 and low.endswith("ing"))
                and (k == 0 or (self.cover[k - 1] is None and self.lows[k - 1] not in _DETS))):
            # "-ed"/"-ing" words are verbs, except right after a number or a determiner ("two uprising members")
            if low.endswith("ed") and low not in _ED_ADJ:
                return "verb"
            if low.endswith("ing") and low not in _ING_ADJ:
                return "verb"
        return "np"

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Character span of tokens [a, b)."""
        return self.starts[a], self.ends[b - 1]

    def num_starting(self, k: int) -> _Num | None:
        c = self.cover[k] if 0 <= k < self.n else None
        return c if c is not None and c.start == k else None

    def _bad_head(self, a: int, b: int) -> bool:
        """Tokens [a, b) after a number: is this a time span or a thing, not people ("two days", "60 pieces")?"""
        if a >= b:
            return False
        if self.lows[a] in _TIME_UNITS:
            return True
        head_end = b
        for k in range(a, b):
            if self.lows[k] == "of":
                head_end = k
                break
        while head_end > a and (head_end - 1 in self._paren or not self.lows[head_end - 1][0].isalnum()):
            head_end -= 1
        return head_end > a and self.lows[head_end - 1] in _NON_PERSON  # the head noun: "a village chief" is a person

    def _singular_np(self, a: int, b: int) -> bool:
        head = self.lows[b - 1]
        if head in _PLURAL_NOUNS or head in _PL_PRON:
            return False
        return not (head.endswith("s") and not head.endswith(("ss", "us", "is")))

    def _is_name(self, a: int, b: int) -> bool:
        for k in range(a, b):
            t, low = self.texts[k], self.lows[k]
            if low in _NOT_NAMES:
                return False
            if not (t[0].isupper() or low in _PARTICLES or low.split("-")[0] in _PARTICLES or low in ("-", "'")):
                return False
        return True

    # walks ----------------------------------------------------------------------------------------------------

    def _segment_group(self, a: int, b: int, stop: str,
                       first: bool) -> tuple[int | None, tuple[int, int], int | None] | None:
        """Read one subject segment, tokens [a, b): (count or None if unknown, span, number start) or None."""
        k = a
        saw_number = False
        best: _Num | None = None
        year_like: _Num | None = None
        while k < b:
            num = self.num_starting(k) if self._cls[k] != "paren" else None
            if num is not None and num.end <= b:
                saw_number = saw_number or num.kind != "article"
                nxt = self.lows[num.end] if num.end < self.n else ""
                if not self._bad_head(num.end, b) and nxt not in ("-", ":", "/"):
                    if num.kind == "count" and _YEAR_RE.fullmatch(self.lows[num.end - 1]):
                        prev = self.lows[num.start - 1] if num.start > 0 else ""
                        if not (prev in _NOT_NAMES or prev[:1].isdigit()):
                            year_like = num  # "2000 people" (FA-KES strips commas), unless another number
                    else:
                        best = num
                        if nxt == "of":
                            break  # "one of the five soldiers", "two of his relatives": the partitive is the count
                k = num.end
                continue
            k += 1
        best = best or year_like  # "Mon Jul 11 2016 175 Nusra Terrorists Killed": the year is a date
        if best is not None:
            # the number nearest the head noun: "Mon Jul 11 2016 175 Nusra Terrorists Killed" -> 175
            if not first and best.start == a and stop in ("prep", "verb", "trigger"):
                return None  # an object ("attacked a checkpoint and ..."), not a subject
            if best.start in self.used:
                return None
            return best.value, self.span(best.start, best.end), best.start
        # no number: a person named or referred to in the singular counts as one
        if saw_number or (not first and stop in ("prep", "verb", "trigger")):
            return None
        lows = self.lows
        if b - a == 1 and lows[a] in _SG_PRON:
            return 1, self.span(a, b), None
        if lows[b - 1] in _PL_PRON:
            return None, self.span(a, b), None
        if self._is_name(a, b):
            return 1, self.span(a, b), None
        if lows[a] in _DETS and b - a >= 2:
            return (1 if self._singular_np(a, b) else None), self.span(a, b), None
        if not self._singular_np(a, b):
            return None, self.span(a, b), None
        return None

    def subject(self, j: int, number: str | None,
                numbered_only: bool = False) -> list[tuple[int | None, tuple[int, int], int | None]]:
        """Groups of the subject ending at token j (inclusive), walking back: "one civilian and six assailants".

        `numbered_only` stops at the first group without a number (for counts without a verb: "20 others wounded").
        """
        cls, lows = self._cls, self.lows
        groups: list[tuple[int | None, tuple[int, int], int | None]] = []
        if j >= 0 and lows[j] in _RELPRON:
            j -= 1
        if j >= 0 and lows[j] == ",":
            # ", including ... ," / ", most of them civilians," / ", an activist," between subject and verb:
            # skip the parenthetical and read the subject before it
            opening = self._opening_comma(j)
            if opening is not None:
                groups = self.subject(opening - 1, number, numbered_only)
                if groups:
                    return groups
            j -= 1
        mark = 0  # groups before the last comma crossed: a subset list ("including ...") ends there
        seen_and = False
        first = True
        while j >= 0:
            end = j
            while j >= 0 and cls[j] in ("np", "num", "paren"):
                j -= 1
            a, b = j + 1, end + 1
            stop = cls[j] if j >= 0 else "start"
            if stop == "subset":
                groups = groups[:mark]  # what follows "including" is a subset of what comes before
                j -= 1
                if j >= 0 and lows[j] == ",":
                    j -= 1
                seen_and = False
                first = not groups
                continue
            if a < b:
                g = self._segment_group(a, b, stop, first)
                if g is None or (numbered_only and g[2] is None):
                    break
                groups.append(g)
            elif first:
                break
            first = False
            if stop == "sep":
                seen_and = True
                j -= 1
                continue
            if stop == "comma" and seen_and and j > 0:
                # "A, B and C were killed": only after an "and", and only to a segment with a number
                nxt_a = j - 1
                while nxt_a >= 0 and cls[nxt_a] in ("np", "num", "paren"):
                    nxt_a -= 1
                if (nxt_a >= 0 and cls[nxt_a] == "subset") or any(self.num_starting(k) for k in range(nxt_a + 1, j)):
                    # ", and B": a subset item closed here ("X, including Y, and B were killed"); a plain list
                    # comma means the subset list goes on
                    mark = len(groups) if lows[j + 1] in _SEPARATORS else 0
                    j -= 1
                    continue
            break
        self.subject_stop = j
        if number == "pl" and len(groups) == 1 and groups[0][2] is None and groups[0][0] == 1:
            # "the assailant was killed" is one person; "the family were killed" is not a count
            groups = [(None, groups[0][1], None)]
        return groups

    def _opening_comma(self, c: int) -> int | None:
        """The comma that opens the parenthetical closed by the comma at token c, if the clause has one."""
        commas = []
        for k in range(c - 1, max(-1, c - 40), -1):
            low = self.lows[k]
            if low == ",":
                if k > 0 and self._cls[k - 1] in ("np", "num", "paren"):
                    commas.append(k)
                    if k + 1 < self.n and self._cls[k + 1] == "subset":
                        return k  # ", including A, B, and C," is one parenthetical
            elif self._cls[k] == "punct" or low in _PASSIVE_AUX or self._cls[k] == "trigger":
                break
        return commas[0] if len(commas) == 1 else None

    def objects(self, j: int) -> list[tuple[int | None, tuple[int, int], int | None]]:
        """Groups of the object starting at token j, walking forward: "killing three people and a child"."""
        cls, lows, n = self._cls, self.lows, self.n
        groups: list[tuple[int | None, tuple[int, int], int | None]] = []
        after_sep = False
        while j < n:
            if lows[j] in _DETS and self.num_starting(j + 1):
                j += 1
            num = self.num_starting(j)
            if num is not None:
                k = num.end
                while k < n and cls[k] in ("np", "num", "paren"):
                    k += 1
                if self._bad_head(num.end, k) or num.start in self.used:
                    break
                groups.append((num.value, self.span(num.start, num.end), num.start))
                j = k
            elif lows[j] in ("him", "her") and (j + 1 >= n or cls[j + 1] != "np"):
                groups.append((1, self.span(j, j + 1), None))
                j += 1
            elif self.texts[j][0].isupper() and lows[j] not in _NOT_NAMES and cls[j] == "np":
                k = j + 1
                while k < n and cls[k] == "np" and self._is_name(k, k + 1):
                    k += 1
                if k < n and cls[k] in ("np", "verb"):
                    break  # "the execution of Taliban detainees", "injured SANA reported": not a person killed
                groups.append((1, self.span(j, k), None))  # "shot and killed Colonel Fakhruddin Kamalzada"
                j = k
                if j < n and lows[j] == ",":
                    break  # "Kamalzada, a senior intelligence officer": an appositive, not a second person
            elif lows[j] in _DETS:
                k = j + 1
                while k < n and cls[k] == "np":
                    k += 1
                if k == j + 1 or self._bad_head(j + 1, k):
                    break
                groups.append((1 if self._singular_np(j, k) else None, self.span(j, k), None))
                j = k
            else:
                break
            if after_sep and j < n and cls[j] in ("verb", "trigger"):
                groups.pop()  # "killed two soldiers and three civilians were wounded": a new clause's subject
                break
            after_sep = False
            if j < n and lows[j] in (",", "and"):
                nxt = j + 1
                if nxt < n and lows[nxt] == "and":
                    nxt += 1
                if nxt < n and (self.num_starting(nxt) or lows[nxt] in _OBJECT_START) and cls[nxt] != "trigger":
                    j = nxt
                    after_sep = True
                    continue
            break
        return groups

    def _starts_object(self, j: int) -> bool:
        """Can an object of "killed" start at token j: a number, a determiner, a pronoun or a name?"""
        return bool(self.num_starting(j)) or self.lows[j] in _OBJECT_START or (
            self.texts[j][0].isupper() and self.lows[j] not in _NOT_NAMES and self._cls[j] == "np")

    def adjacent_number(self, k: int) -> _Num | None:
        """The number just before token k ("5 dead", "48 people dead"), up to three words away."""
        j = k - 1
        steps = 0
        while j >= 0 and self._cls[j] == "np" and steps < 3:
            j -= 1
            steps += 1
        c = self.cover[j] if j >= 0 else None
        if c is None or c.start in self.used or self._bad_head(c.end, k):
            return None
        if c.kind == "article" and c.end == k:
            return None  # "a dead man" is fine, but "an injured" alone is not a count
        return c

    # triggers -------------------------------------------------------------------------------------------------

    def _chain_back(self, k: int) -> tuple[int, bool, bool, str | None]:
        """Auxiliaries and adverbs before a verb at token k: (first token, passive?, negated?, number)."""
        j = k - 1
        passive = negated = False
        number: str | None = None
        while j >= 0:
            low = self.lows[j]
            if low in _PASSIVE_AUX or low in _NEG_AUX:
                passive = True
                negated = negated or low in _NEG_AUX
            elif low in _NEGATIONS:
                negated = True
            elif low in _PERFECT_AUX:
                pass
            elif low in _FLOATING and j > 0 and (self.lows[j - 1] in _PASSIVE_AUX or self.lows[j - 1] in _NEG_AUX):
                pass  # "were all killed", but not "both were killed" (there "both" is the subject)
            elif not (low in _ADVERBS or (low.endswith("ly") and low not in ("fatally", "mortally"))):
                break
            if low in _SG_AUX:
                number = "sg"
            elif low in _PL_AUX:
                number = "pl"
            j -= 1
        return j + 1, passive, negated, number

    def _match_trigger(self, k: int) -> tuple[str, frozenset[str], int] | None:
        """Longest casualty phrase at token k: (kind, its categories, length in tokens)."""
        lows = self.lows
        for phrase, kind, cats in _TRIGGER_INDEX.get(lows[k], ()):
            n = len(phrase)
            if tuple(lows[k:k + n]) == phrase:
                return kind, cats, n
        return None

    def _paired(self, kind: str, k: int) -> int:
        """Length of "or wounded" / "and injured" after a trigger of `kind` ending before k (0 if none)."""
        lows = self.lows
        j = k
        if j < self.n and lows[j] in ("or", "and", "/"):
            j += 1
            if j + 1 < self.n and lows[j] == "/" and lows[j + 1] == "or":
                j += 2
        if j < self.n:  # "killed or wounded", "killed and injured", headline "Killed Injured"
            other = "injured" if kind == "killed" else "killed"
            for cat in ("passive", "counted", "active"):
                m = _match(lows, j, _TRIGGERS[other][cat])
                if m:
                    return j + m - k
        return 0

    def _add(self, kind: str, groups, paired: bool) -> None:
        if not groups:
            return
        for _v, _sp, start in groups:
            if start is not None:
                self.used.add(start)
        if paired:
            values = [g[0] for g in groups]
            span = (min(g[1][0] for g in groups), max(g[1][1] for g in groups))
            value = 0 if all(v == 0 for v in values) else None  # "killed or wounded": no split, unless nobody
            self.items["killed"].append((value, *span))
            self.items["injured"].append((value, *span))
        else:
            self.items[kind].extend((v, *sp) for v, sp, _start in groups)

    def run(self) -> None:
        lows, n = self.lows, self.n
        k = 0
        while k < n:
            if lows[k] in _TOLL and (k == 0 or lows[k - 1] not in _TOLL_NOT_AFTER):
                self._toll(k)
                k += 1
                continue
            t = self._match_trigger(k)
            if t is None:
                k += 1
                continue
            kind, cats, length = t
            after = k + length
            if "self" in cats:
                self.items["killed"].append((1, self.starts[k], self.ends[after - 1]))
                k = after
                continue
            pair_len = self._paired(kind, after)
            paired = pair_len > 0
            if "nominal_of" in cats:
                self._add(kind, self.objects(after), paired)
                k = after + pair_len
                continue
            first, passive, negated, number = self._chain_back(k)
            if ("passive" in cats and passive) or ("intransitive" in cats and not self.num_starting(after)):
                if negated:
                    self._add(kind, [(0, (self.starts[first], self.ends[after - 1]), None)], paired)
                else:
                    groups = self.subject(first - 1, number)
                    if after + 1 < n and lows[after] == "along" and lows[after + 1] == "with":
                        groups = groups + self.objects(after + 2)  # "Uddin was killed along with his deputy"
                    if kind == "killed" and groups and self.addition and self.subject_stop == self.addition[0]:
                        groups += self.addition[1]  # the assailants killed besides the victims
                        self.addition = None
                    self._add(kind, groups, paired)
                k = after + pair_len
                continue
            obj = after + pair_len
            if "active" in cats and obj < n and self._starts_object(obj):
                groups = self.objects(obj)
                if groups and self._headline_pair(kind, k, groups):
                    groups = []  # "8 persons killed 58 others injured" (commas stripped): two counts, not a verb
                if groups:
                    self._add(kind, groups, paired)
                    k = after + pair_len
                    continue
            if "counted" in cats and not passive:
                # "5 dead and 20 injured", "two security members and 10 assailants injured in the attack"
                groups = self.subject(k - 1, None, numbered_only=True) if self.adjacent_number(k) else []
                self._add(kind, groups, paired)
            k = after + pair_len

    def _in_addition_to(self) -> tuple[int, list] | None:
        """GTD's "In addition to the assailant, 25 people were killed": (comma token, groups) for the dead."""
        lows = self.lows
        if lows[:3] != ["in", "addition", "to"]:
            return None
        try:
            comma = lows.index(",", 3)
        except ValueError:
            return None
        t = self._match_trigger(3) if self.n > 3 else None
        if t is not None and t[0] == "killed" and "nominal_of" in t[1]:
            groups = self.objects(3 + t[2])
        elif all(c in ("np", "num", "paren") for c in self._cls[3:comma]) and comma > 3:
            g = self._segment_group(3, comma, "start", True)
            groups = [g] if g is not None else []
        else:
            return None
        return (comma, groups) if groups else None

    def _headline_pair(self, kind: str, k: int, groups) -> bool:
        """Is "N killed M injured" two headline counts rather than "killed M" with M injured after it?"""
        if len(groups) != 1 or groups[0][2] is None or self.adjacent_number(k) is None:
            return False
        j = groups[0][2]
        while j < self.n and self._cls[j] in ("np", "num", "paren"):
            j += 1
        other = "injured" if kind == "killed" else "killed"
        return j < self.n and bool(_match(self.lows, j, _TRIGGERS[other]["counted"]))

    def _toll(self, k: int) -> None:
        """ "the death toll rose to 70", "putting the death toll at at least 70"."""
        for j in range(k + 1, min(self.n, k + 26)):
            if self._cls[j] == "punct":
                return
            num = self.num_starting(j)
            if num is None or num.kind in ("article", "ordinal"):
                continue
            t = self.lows[num.end - 1]
            if _YEAR_RE.fullmatch(t) and j > 0 and self.lows[j - 1] in _TOLL_SKIP_BEFORE:
                continue
            if self._bad_head(num.end, min(self.n, num.end + 1)):
                continue
            self.used.add(num.start)
            self.tolls.append((num.value, *self.span(num.start, num.end)))
            return

    def zeros(self) -> None:
        for m in _ZERO_RE.finditer(self.text):
            span = (m.start(), m.end())
            kinds = _KINDS if m.group("both") else ("killed",) if m.group("killed") else ("injured",)
            for kind in kinds:
                self.items[kind].append((0, *span))

    def _cumulative(self, its: list, tolls: list) -> tuple[list, list]:
        """Drop running totals: a count whose clause goes on 'since 2011' / 'in the war' (always), or 'so far'
        (when the sentence has another count). The clause runs from the count to the next count or ';'/'.'."""
        allc = sorted({a for _v, a, _b in its + tolls})
        text = self.text.lower()

        ends = sorted({b for _v, _a, b in its + tolls})

        def kind(a: int, b: int) -> int:
            nxt = next((x for x in allc if x > a), len(text))
            window = re.split(r"[;.](?:\s|$)", text[b:nxt], maxsplit=1)[0]
            prev = max([e for e in ends if e <= a], default=0)
            before = re.split(r"[;.](?:\s|$)", text[prev:a])[-1]
            if _CUM_STRONG.search(window) or _CUM_BEFORE.search(before):
                return 2
            return 1 if _CUM_WEAK.search(window) else 0
        marks = {(a, b): kind(a, b) for _v, a, b in its + tolls}
        if not any(marks.values()):
            return its, tolls
        keep = lambda xs: [x for x in xs if marks[(x[1], x[2])] == 0]  # noqa: E731
        if keep(its) or keep(tolls):
            return keep(its), keep(tolls)
        strong = lambda xs: [x for x in xs if marks[(x[1], x[2])] < 2]  # noqa: E731
        return strong(its), strong(tolls)

    def _restated(self, its: list) -> list:
        """A headline run into its lead states the count twice ('Bomb kills two in Kabul A bomb killed two')."""
        if len(its) == 2 and its[0][0] == its[1][0] and any(
                w in _HEADLINE_VERBS for w, e in zip(self.lows, self.ends) if e <= its[1][1]):
            return its[:1]
        return its

    def result(self) -> Casualties:
        out: dict[str, tuple[int | None, tuple[int, int] | None]] = {}
        for kind in _KINDS:
            its = [(v, a, b) for v, a, b in self.items[kind] if v is not None]
            tolls = [(v, a, b) for v, a, b in self.tolls if v is not None] if kind == "killed" else []
            its, tolls = self._cumulative(its, tolls)
            its = self._restated(its)
            value: int | None = None
            span: tuple[int, int] | None = None
            if its:  # vague groups add nothing: "four officers and an unknown number of assailants" is at least 4
                value = sum(v for v, _a, _b in its)
                span = (min(a for _v, a, _b in its), max(b for _v, _a, b in its))
            if kind == "killed":
                if tolls:
                    v, a, b = max(tolls)
                    if value is None or v >= value:
                        value, span = v, (a, b)
            out[kind] = (value, span)
        return Casualties(out["killed"][0], out["injured"][0], out["killed"][1], out["injured"][1])


def find_casualties(sentence: str) -> Casualties:
    """Killed and injured counts stated in one sentence, with the spans that gave them.

    Examples: "the death of one resident and the injury of at least four" -> 1 / 4; "one civilian and six
    assailants were killed" -> 7; "killing three people and injuring 12 others" -> 3 / 12; "the death toll rose
    to 70" -> 70 / None; "There were no reported casualties" -> 0 / 0; "dozens were wounded" -> None.
    Offsets are relative to `sentence`. Never raises on any string.
    """
    if not isinstance(sentence, str):
        return _NONE
    if _PREFILTER.search(sentence.lower()) is None:
        return _NONE
    s = _Sentence(sentence)
    s.run()
    s.zeros()
    return s.result()
