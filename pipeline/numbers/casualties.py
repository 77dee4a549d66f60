"""Casualty counts of one sentence: casualty trigger phrases ("were killed", "killing", "the death of", "dead"),
the subject or object groups each one counts, death tolls, zero statements ("no casualties"), and the rules that
settle them (running totals dropped, restated headline counts once, "killed or wounded" unsplit)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .groups import Groups
from .lexicon import (
    ADVERBS,
    CUM_BEFORE,
    CUM_STRONG,
    CUM_WEAK,
    FLOATING,
    HEADLINE_VERBS,
    KINDS,
    NEG_AUX,
    NEGATIONS,
    PASSIVE_AUX,
    PERFECT_AUX,
    PL_AUX,
    PREFILTER,
    SG_AUX,
    TOLL,
    TOLL_NOT_AFTER,
    TOLL_SKIP_BEFORE,
    TRIGGER_INDEX,
    TRIGGERS,
    YEAR_RE,
    ZERO_RE,
    match,
)


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


class Sentence(Groups):
    """One sentence read for casualty counts: the trigger phrases found, the groups they count, the death tolls;
    `result()` settles them into one killed and one injured figure."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.items: dict[str, list[tuple[int | None, int, int]]] = {"killed": [], "injured": []}
        self.tolls: list[tuple[int | None, int, int]] = []
        self.addition = self._in_addition_to()

    def _chain_back(self, k: int) -> tuple[int, bool, bool, str | None]:
        """Auxiliaries and adverbs before a verb at token k: (first token, passive?, negated?, number)."""
        j = k - 1
        passive = negated = False
        number: str | None = None
        while j >= 0:
            low = self.lows[j]
            if low in PASSIVE_AUX or low in NEG_AUX:
                passive = True
                negated = negated or low in NEG_AUX
            elif low in NEGATIONS:
                negated = True
            elif low in PERFECT_AUX:
                pass
            elif low in FLOATING and j > 0 and (self.lows[j - 1] in PASSIVE_AUX or self.lows[j - 1] in NEG_AUX):
                pass  # "were all killed", but not "both were killed" (there "both" is the subject)
            elif not (low in ADVERBS or (low.endswith("ly") and low not in ("fatally", "mortally"))):
                break
            if low in SG_AUX:
                number = "sg"
            elif low in PL_AUX:
                number = "pl"
            j -= 1
        return j + 1, passive, negated, number

    def _match_trigger(self, k: int) -> tuple[str, frozenset[str], int] | None:
        """Longest casualty phrase at token k: (kind, its categories, length in tokens)."""
        lows = self.lows
        for phrase, kind, cats in TRIGGER_INDEX.get(lows[k], ()):
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
                m = match(lows, j, TRIGGERS[other][cat])
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
            if lows[k] in TOLL and (k == 0 or lows[k - 1] not in TOLL_NOT_AFTER):
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
        return j < self.n and bool(match(self.lows, j, TRIGGERS[other]["counted"]))

    def _toll(self, k: int) -> None:
        """ "the death toll rose to 70", "putting the death toll at at least 70"."""
        for j in range(k + 1, min(self.n, k + 26)):
            if self._cls[j] == "punct":
                return
            num = self.num_starting(j)
            if num is None or num.kind in ("article", "ordinal"):
                continue
            t = self.lows[num.end - 1]
            if YEAR_RE.fullmatch(t) and j > 0 and self.lows[j - 1] in TOLL_SKIP_BEFORE:
                continue
            if self._bad_head(num.end, min(self.n, num.end + 1)):
                continue
            self.used.add(num.start)
            self.tolls.append((num.value, *self.span(num.start, num.end)))
            return

    def zeros(self) -> None:
        for m in ZERO_RE.finditer(self.text):
            span = (m.start(), m.end())
            kinds = KINDS if m.group("both") else ("killed",) if m.group("killed") else ("injured",)
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
            if CUM_STRONG.search(window) or CUM_BEFORE.search(before):
                return 2
            return 1 if CUM_WEAK.search(window) else 0
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
                w in HEADLINE_VERBS for w, e in zip(self.lows, self.ends) if e <= its[1][1]):
            return its[:1]
        return its

    def result(self) -> Casualties:
        out: dict[str, tuple[int | None, tuple[int, int] | None]] = {}
        for kind in KINDS:
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
    if PREFILTER.search(sentence.lower()) is None:
        return _NONE
    s = Sentence(sentence)
    s.run()
    s.zeros()
    return s.result()
