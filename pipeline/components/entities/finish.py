"""The chosen spans as `doc.ents`: "Idlib province" whole, no name running into page furniture, no photo credit
or section label, the model's other entities (dates, numbers) kept where no actor is."""
from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ... import lexicon
from ...daterules import MONTH_ABBR, MONTHS, WEEKDAY_ABBR, WEEKDAYS
from ..boilerplate import in_ranges
from .model import Selection
from .resources import Resources
from .words import ADMIN_NOUNS, HEADLINE_WORDS

CALENDAR = frozenset(MONTHS) | frozenset(MONTH_ABBR) | frozenset(WEEKDAYS) | frozenset(WEEKDAY_ABBR)
TRAILING_FUNCTION_WORDS = frozenset({"at", "in", "on", "of", "the", "and", "for", "to", "from", "with", "by", "as"})
_FURNITURE = lexicon.load("boilerplate.json")
PLACE_STOPPERS = frozenset(_FURNITURE["agencies"]) | frozenset(_FURNITURE["credit_nouns"]) | HEADLINE_WORDS
REGION_NOUNS = frozenset({"province", "provinces", "governorate", "countryside"})  # "the province of Idlib"


def extend_admin(doc: Doc, sel: Selection) -> None:
    """"Idlib province" is the name of the province, not the city; so are "the province of Idlib" and "rural
    Damascus" (the governorate, CORPUS.md: `linkrules.REGION_OF` reads them as "Idlib province"), and the last of
    "Raqqa and Deir Ezzor provinces"."""
    for c in sel.chosen:
        if c.label != "PLACE":
            continue
        if c.end < len(doc) and (doc[c.end].lower_ in ADMIN_NOUNS or doc[c.end].lower_[:-1] in ADMIN_NOUNS
                                 and doc[c.end].tag_ == "NNS") and not sel.taken[c.end]:
            c.end += 1
        elif c.start >= 2 and doc[c.start - 1].lower_ == "of" and doc[c.start - 2].lower_ in REGION_NOUNS \
                and not sel.taken[c.start - 2]:
            c.start -= 2
        elif c.start >= 1 and doc[c.start - 1].lower_ == "rural" and not sel.taken[c.start - 1]:
            c.start -= 1


def cut_at_furniture(doc: Doc, sel: Selection) -> None:
    """Page furniture (sitrep_boilerplate): no mention starts or runs there; "Syrias Aleppo Monitor AFP": the
    name ends where the byline starts."""
    furniture = doc._.boilerplate or []
    if furniture:
        for c in sel.chosen:
            c.end = next((t for t in range(c.start, c.end) if in_ranges(furniture, doc[t].idx)), c.end)


def calendar_word(doc: Doc, start: int, end: int) -> bool:
    """"Thursday 30 Jun 2016": a month or weekday name beside a number is part of a date, not a name (the
    gazetteer's "Jun" in Spain, "Sun" anywhere)."""
    if end - start != 1 or doc[start].lower_.rstrip(".") not in CALENDAR:
        return False
    return (start > 0 and doc[start - 1].like_num) or (end < len(doc) and doc[end].like_num)


def junk(res: Resources, doc: Doc, text: str, start: int, end: int) -> bool:
    """Photo credits ("[Getty]") and section labels ("Live Story"): short lines that are not sentences; a
    calendar word inside a date."""
    if calendar_word(doc, start, end):
        return True
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    if s > 0 and text[s - 1] == "[" and text[e:e + 1] == "]":
        return True
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    line = text[ls:le if le >= 0 else len(text)].strip()
    # at most max_junk_words + 1 words are split off: enough to tell a short line, without splitting a paragraph
    return len(line.split(None, res.max_junk_words)) <= res.max_junk_words and not line.endswith(
        (".", "!", "?", '"', "”", ":"))


def _weekday(tok) -> bool:
    """"Wednesday", and its possessive as the text gives it ("Wednesday's" is two tokens, "Wednesdays" one)."""
    w = tok.lower_
    return w in WEEKDAYS or w.endswith("s") and w[:-1] in WEEKDAYS


def trim_dates(doc: Doc, c) -> None:
    """A name holds no date: "the UN Security Council on Wednesday" and "Wednesday's U.N. Security Council" are
    the Council; the model's span ran over the day the sentence gives."""
    while c.end - c.start > 2 and doc[c.end - 2].lower_ in TRAILING_FUNCTION_WORDS \
            and doc[c.end - 1].lower_.rstrip(".") in CALENDAR:
        c.end -= 2
    while c.end - c.start > 1 and _weekday(doc[c.start]):
        c.start += 2 if doc[c.start + 1].lower_ == "'s" and c.end - c.start > 2 else 1


def set_ents(res: Resources, doc: Doc, text: str, sel: Selection, keep_other: list[Span]) -> None:
    """`doc.ents`: the chosen spans that are no junk, and the kept model entities no chosen span overlaps. A
    name never ends in a function word: a title-case headline's "Raqqa At" is Raqqa."""
    for c in sel.chosen:
        trim_dates(doc, c)
        if c.label == "PLACE":
            # "Aleppo AP", "Damascus Monitor", "Aleppo Bombing as Evacuation ...": a title-case headline or a
            # credit runs on after the place's name; the name ends before the agency, credit noun or event word
            c.end = next((t for t in range(c.start + 1, c.end) if doc[t].lower_ in PLACE_STOPPERS), c.end)
        while c.end - c.start > 1 and doc[c.end - 1].lower_ in TRAILING_FUNCTION_WORDS:
            c.end -= 1
    ents = [Span(doc, c.start, c.end, label=c.label) for c in sel.chosen if c.label and c.end > c.start
            and not junk(res, doc, text, c.start, c.end)
            and not (c.end - c.start == 1 and doc[c.start].text in res.not_names)]
    mine = {t for sp in ents for t in range(sp.start, sp.end)}
    doc.ents = filter_spans(ents + [e for e in keep_other if not any(t in mine for t in range(e.start, e.end))])
