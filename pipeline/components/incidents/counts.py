"""Step 3d, how many: killed and injured in a sentence, from the number reader (pipeline.numbers) and from
victims named one by one."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ... import docindex
from ... import numbers as _numbers
from ...syntax import VERB_POS, conj_heads, negated
from ...text import VALUE_ENTS
from ..base import note_problem
from .model import DocContext

ADDITIVE = re.compile(r"\b(?:in addition to|besides|apart from|as well as)\b", re.I)
_ONE_DETS = ("a", "an", "the", "his", "her", "their", "one")


def larger(a: int | None, b: int | None) -> int | None:
    """The larger of two optional counts."""
    return b if a is None else a if b is None else max(a, b)


def smaller(a: int | None, b: int | None) -> int | None:
    """The smaller of two optional counts (ACLED Codebook 2023, 'Fatalities': when reports differ, the most
    conservative figure is used)."""
    return b if a is None else a if b is None else min(a, b)


def counted_nouns(sent: Span) -> frozenset[str]:
    """The nouns a number counts in a sentence, singular ('Four officers were killed' -> {'officer'}; the pipeline
    has no lemmatizer): who a figure is a figure of. The nouns with a child are picked from the parse arrays."""
    doc, p = sent.doc, docindex.index(sent.doc).parse
    nouns = (doc[i] for i in range(sent.start, sent.end) if p.pos[i] in ("NOUN", "PROPN") and i in p.children)
    return frozenset(_singular(t.lower_) for t in nouns if t.ent_type_ not in VALUE_ENTS and any(
        c.dep_ == "nummod" or c.like_num and c.dep_ in ("quantmod", "amod", "compound") for c in t.children))


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def restated(a: int | None, b: int | None, same_victims: bool) -> int | None:
    """One figure of two reports of an event: the lower when both count the same victims (ACLED Codebook 2023,
    'Fatalities': conflicting reports take the most conservative figure), else the larger (a figure of other
    victims, 'four officers were killed' ... 'the two hostages were killed', is part of the toll, not a report
    of it)."""
    return smaller(a, b) if same_victims else larger(a, b)


def number_counts(ctx: DocContext, sent: Span) -> tuple[int | None, int | None]:
    """(killed, injured) the number reader finds; a number parser bug leaves them empty and is reported."""
    try:
        c = _numbers.find_casualties(docindex.span_text(sent))
    except Exception as e:  # noqa: BLE001 - a number parser bug leaves the counts empty, reported
        note_problem(sent.doc, ctx.stage, e, "the casualty counts of one sentence are left empty")
        return None, None
    return getattr(c, "killed", None), getattr(c, "injured", None)


def _one_victim(h) -> bool:
    """A named person ('Nabi') or one common noun ('a civilian', 'his brother')."""
    ent = h.ent_type_
    if h.pos_ == "PROPN" and ent in ("PERSON", "") or ent == "PERSON":
        return True
    return h.pos_ == "NOUN" and h.tag_ == "NN" and any(
        c.dep_ in ("det", "poss") and c.lower_ in _ONE_DETS or c.dep_ == "poss" for c in h.children)


def victims(sent: Span, verbs: set[str]) -> int | None:
    """Victims named one by one ("shot and killed Nabi, a civilian"; "Himmat and an assailant were killed"): the
    count the number reader cannot give because no number is written."""
    best, doc, p = None, sent.doc, docindex.index(sent.doc).parse
    for i in range(sent.start, sent.end):
        if p.lower[i] not in verbs or p.pos[i] not in VERB_POS:
            continue
        t = doc[i]
        if negated(t):
            continue
        pats = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if not pats:
            continue
        n = 0
        for h in conj_heads(pats[0]):
            if not _one_victim(h):
                return best
            n += 1
        best = larger(best, n or None)
    return best


def sentence_counts(ctx: DocContext, sent: Span) -> tuple[int | None, int | None, bool]:
    """(killed, injured, additive) of a sentence: the larger of the written and the one-by-one count."""
    k, inj = number_counts(ctx, sent)
    k = larger(k, victims(sent, ctx.lex.kill_verbs))
    inj = larger(inj, victims(sent, ctx.lex.injure_verbs))
    return k, inj, bool(ADDITIVE.search(docindex.span_text(sent)))
