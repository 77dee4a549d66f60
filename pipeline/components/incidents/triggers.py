"""Step 1, find triggers: the lexicon's event cues in the Doc and the sentences a keyword combination types."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..boilerplate import in_ranges
from .lexicon import Lexicon
from .model import Cue

_MONTH_MARCH = re.compile(r"\bMarch\b(?=\s*\d)|(?<=\d)(?:st|nd|rd|th)?\s+March\b")


def find_cues(doc: Doc, lex: Lexicon) -> list[Cue]:
    """Longest non-overlapping cue matches (an `air strike` is not a `strike`), in text order."""
    found = sorted(lex.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
    taken = bytearray(len(doc))
    out = []
    furniture = doc._.boilerplate or []  # page furniture (sitrep_boilerplate): no incident starts there
    for mid, s, e in found:
        if any(taken[s:e]) or furniture and in_ranges(furniture, doc[s].idx):
            continue
        group = lex.groups[int(doc.vocab.strings[mid])]
        if group["kind"] == "ignore":  # "riot police" is no riot
            taken[s:e] = b"\x01" * (e - s)
            continue
        if doc[s].ent_type_ in ("DATE", "TIME") and group["kind"] != "anaphor":
            continue  # "4 March", "a March 2018 attack": a month is no march
        taken[s:e] = b"\x01" * (e - s)
        out.append(Cue(group, doc[s:e]))
    out.sort(key=lambda c: c.span.start)
    return out


def undated(sent: Span) -> str:
    """Sentence text with its dates blanked, for the keyword combos ('on 1 March' is no protest march)."""
    parts = [" " * len(t.text_with_ws) if t.ent_type_ in ("DATE", "TIME") else t.text_with_ws for t in sent]
    return _MONTH_MARCH.sub(lambda m: " " * len(m.group(0)), "".join(parts))


def may_combo(lex: Lexicon, texts: list[str]) -> list[bool]:
    """Could a combination hold in each of the sentences `texts` (of one Doc)? Its words must all be in the raw
    text (blanking dates only takes words away), so most sentences skip the per-token rewrite `undated` makes. A
    pattern matches only a text holding one of its words as a substring: the combinations none of whose patterns
    is ruled out for the whole Doc (a word in no sentence is in none of them joined) are the only ones searched,
    and a sentence is searched for a pattern only when it holds one of the pattern's words."""
    lows = [t.lower() for t in texts]
    joined = "\n".join(lows)
    words = lex.combo_words

    def has(rx: re.Pattern, low: str) -> bool:
        return any(w in low for w in words[rx]) and rx.search(low) is not None

    combos = [c for c in lex.combos if all(any(w in joined for w in words[rx]) for rx in c.when)]
    if not combos:
        return [False] * len(lows)
    return [any(all(has(rx, low) for rx in c.when) for c in combos) for low in lows]


def combo(lex: Lexicon, text: str) -> tuple[str, set] | None:
    """The highest-priority combination rule the text satisfies (protest + tear gas, bomb + defused ...): its
    sub-event type and the types it overrides."""
    low = text.lower()
    if lex.combo_ignore is not None:
        low = lex.combo_ignore.sub(" ", low)
    for c in lex.combos:
        if all(rx.search(low) for rx in c.when) and not (c.unless and c.unless.search(low)):
            return c.sub, c.overrides
    return None


def anaphor_tokens(cues: list[Cue]) -> set[int]:
    """Tokens inside an anaphor ('the attack', 'the assault'): an event named again, never a side."""
    return {i for c in cues if c.kind == "anaphor" for i in range(c.span.start, c.span.end)}


def cue_tokens(cues: list[Cue]) -> set[int]:
    """Tokens inside a cue other than an anaphor ('the attack'): an event word is never an actor or a place."""
    return {i for c in cues if c.kind != "anaphor" for i in range(c.span.start, c.span.end)}


def act_tokens(cues: list[Cue]) -> set[int]:
    """Tokens inside an event or casualty cue (an act: 'ambush', 'kill'), not a weapon ('Coalition aircraft' is a
    side that carries one)."""
    return {i for c in cues if c.kind in ("event", "casualty") for i in range(c.span.start, c.span.end)}
