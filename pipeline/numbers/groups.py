"""The walks of the number reader: the subject groups before a casualty verb, walking back ("one civilian and six
assailants were killed"), and the object groups after one, walking forward ("killing three people and a child")."""
from __future__ import annotations

from .lexicon import (
    DETS,
    NOT_NAMES,
    OBJECT_START,
    PASSIVE_AUX,
    PL_PRON,
    RELPRON,
    SEPARATORS,
    SG_PRON,
    YEAR_RE,
)
from .tokens import Tokens
from .words import Num

#: one group of a subject or object: (count or None when unknown, character span, start token of its number)
Group = tuple[int | None, tuple[int, int], int | None]


class Groups(Tokens):
    """The token layer plus the walks; `used` holds the start tokens of number phrases already counted."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.used: set[int] = set()
        self.subject_stop = -1  # where the last subject walk stopped


    def _segment_group(self, a: int, b: int, stop: str,
                       first: bool) -> Group | None:
        """Read one subject segment, tokens [a, b): (count or None if unknown, span, number start) or None."""
        k = a
        saw_number = False
        best: Num | None = None
        year_like: Num | None = None
        while k < b:
            num = self.num_starting(k) if self._cls[k] != "paren" else None
            if num is not None and num.end <= b:
                saw_number = saw_number or num.kind != "article"
                nxt = self.lows[num.end] if num.end < self.n else ""
                if not self._bad_head(num.end, b) and nxt not in ("-", ":", "/"):
                    if num.kind == "count" and YEAR_RE.fullmatch(self.lows[num.end - 1]):
                        prev = self.lows[num.start - 1] if num.start > 0 else ""
                        if not (prev in NOT_NAMES or prev[:1].isdigit()):
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
        if b - a == 1 and lows[a] in SG_PRON:
            return 1, self.span(a, b), None
        if lows[b - 1] in PL_PRON:
            return None, self.span(a, b), None
        if self._is_name(a, b):
            return 1, self.span(a, b), None
        if lows[a] in DETS and b - a >= 2:
            return (1 if self._singular_np(a, b) else None), self.span(a, b), None
        if not self._singular_np(a, b):
            return None, self.span(a, b), None
        return None

    def subject(self, j: int, number: str | None, numbered_only: bool = False) -> list[Group]:
        """Groups of the subject ending at token j (inclusive), walking back: "one civilian and six assailants".

        `numbered_only` stops at the first group without a number (for counts without a verb: "20 others wounded").
        """
        lows = self.lows
        if j >= 0 and lows[j] in RELPRON:
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
        groups = self._walk_back(j, numbered_only)
        if number == "pl" and len(groups) == 1 and groups[0][2] is None and groups[0][0] == 1:
            # "the assailant was killed" is one person; "the family were killed" is not a count
            groups = [(None, groups[0][1], None)]
        return groups

    def _walk_back(self, j: int, numbered_only: bool) -> list[Group]:
        """The segments of a subject list ending at token j, last first; sets `subject_stop` where it ends."""
        cls, lows = self._cls, self.lows
        groups: list[Group] = []
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
            if stop == "comma" and seen_and and j > 0 and self._list_comma(j):
                # ", and B": a subset item closed here ("X, including Y, and B were killed"); a plain list
                # comma means the subset list goes on
                mark = len(groups) if lows[j + 1] in SEPARATORS else 0
                j -= 1
                continue
            break
        self.subject_stop = j
        return groups

    def _list_comma(self, j: int) -> bool:
        """Does the comma at token j join list items ("A, B and C were killed")? Only to a segment with a number,
        or to the end of a subset list."""
        cls, nxt_a = self._cls, j - 1
        while nxt_a >= 0 and cls[nxt_a] in ("np", "num", "paren"):
            nxt_a -= 1
        return (nxt_a >= 0 and cls[nxt_a] == "subset") or any(self.num_starting(k) for k in range(nxt_a + 1, j))

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
            elif self._cls[k] == "punct" or low in PASSIVE_AUX or self._cls[k] == "trigger":
                break
        return commas[0] if len(commas) == 1 else None

    def objects(self, j: int) -> list[Group]:
        """Groups of the object starting at token j, walking forward: "killing three people and a child"."""
        cls, lows, n = self._cls, self.lows, self.n
        groups: list[Group] = []
        after_sep = False
        while j < n:
            if lows[j] in DETS and self.num_starting(j + 1):
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
            elif self.texts[j][0].isupper() and lows[j] not in NOT_NAMES and cls[j] == "np":
                k = j + 1
                while k < n and cls[k] == "np" and self._is_name(k, k + 1):
                    k += 1
                if k < n and cls[k] in ("np", "verb"):
                    break  # "the execution of Taliban detainees", "injured SANA reported": not a person killed
                groups.append((1, self.span(j, k), None))  # "shot and killed Colonel Fakhruddin Kamalzada"
                j = k
                if j < n and lows[j] == ",":
                    break  # "Kamalzada, a senior intelligence officer": an appositive, not a second person
            elif lows[j] in DETS:
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
                if nxt < n and (self.num_starting(nxt) or lows[nxt] in OBJECT_START) and cls[nxt] != "trigger":
                    j = nxt
                    after_sep = True
                    continue
            break
        return groups

    def _starts_object(self, j: int) -> bool:
        """Can an object of "killed" start at token j: a number, a determiner, a pronoun or a name?"""
        return bool(self.num_starting(j)) or self.lows[j] in OBJECT_START or (
            self.texts[j][0].isupper() and self.lows[j] not in NOT_NAMES and self._cls[j] == "np")

    def adjacent_number(self, k: int) -> Num | None:
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
