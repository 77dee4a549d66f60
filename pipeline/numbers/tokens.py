"""The token layer of the number reader: tokens, the number phrases covering them, short parentheticals and the
class of each token that the subject / object walks (`groups`) read."""
from __future__ import annotations

from .lexicon import (
    DETS,
    ED_ADJ,
    ING_ADJ,
    NON_PERSON,
    NOT_NAMES,
    PARTICLES,
    PL_PRON,
    PLURAL_NOUNS,
    STATIC_CLASS,
    TIME_UNITS,
)
from .words import Num, number_at, tokenize


class Tokens:
    """One sentence's tokens (the reader's own tokenizer: see `lexicon.TOKEN_RE`), the number phrase covering each
    token and each token's class in the walks (num, np, sep, comma, punct, subset, trigger, verb, clause, prep,
    paren)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.texts, self.lows, self.starts, self.ends = tokenize(text)
        n = self.n = len(self.lows)
        self.cover: list[Num | None] = [None] * n
        i = 0
        while i < n:
            num = number_at(self.lows, i)
            if num is None:
                i += 1
                continue
            for k in range(num.start, num.end):
                self.cover[k] = num
            i = num.end
        self._paren = self._parentheses()
        self._cls = [self._classify(k) for k in range(n)]

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
        c = STATIC_CLASS.get(low)
        if c is not None:
            return c
        if not low[0].isalnum():
            return "punct"
        if (len(low) > 4 and self.texts[k].islower() and (low.endswith("ed") or len(low) > 5 and low.endswith("ing"))
                and (k == 0 or (self.cover[k - 1] is None and self.lows[k - 1] not in DETS))):
            # "-ed"/"-ing" words are verbs, except right after a number or a determiner ("two uprising members")
            if low.endswith("ed") and low not in ED_ADJ:
                return "verb"
            if low.endswith("ing") and low not in ING_ADJ:
                return "verb"
        return "np"

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Character span of tokens [a, b)."""
        return self.starts[a], self.ends[b - 1]

    def num_starting(self, k: int) -> Num | None:
        c = self.cover[k] if 0 <= k < self.n else None
        return c if c is not None and c.start == k else None

    def _bad_head(self, a: int, b: int) -> bool:
        """Tokens [a, b) after a number: is this a time span or a thing, not people ("two days", "60 pieces")?"""
        if a >= b:
            return False
        if self.lows[a] in TIME_UNITS:
            return True
        head_end = b
        for k in range(a, b):
            if self.lows[k] == "of":
                head_end = k
                break
        while head_end > a and (head_end - 1 in self._paren or not self.lows[head_end - 1][0].isalnum()):
            head_end -= 1
        return head_end > a and self.lows[head_end - 1] in NON_PERSON  # the head noun: "a village chief" is a person

    def _singular_np(self, a: int, b: int) -> bool:
        head = self.lows[b - 1]
        if head in PLURAL_NOUNS or head in PL_PRON:
            return False
        return not (head.endswith("s") and not head.endswith(("ss", "us", "is")))

    def _is_name(self, a: int, b: int) -> bool:
        for k in range(a, b):
            t, low = self.texts[k], self.lows[k]
            if low in NOT_NAMES:
                return False
            if not (t[0].isupper() or low in PARTICLES or low.split("-")[0] in PARTICLES or low in ("-", "'")):
                return False
        return True

    # walks ----------------------------------------------------------------------------------------------------
