"""Step 3c, when: the date mention of the clause (or sentence) nearest the trigger; undated mentions take the
narrative date or the publication date."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span

from ... import datefields, docindex, lexicon
from ... import dates as _dates
from ..base import note_problem
from .model import DocContext, Mention, When


def date_mentions(ctx: DocContext) -> list:
    """The dates of the text (pipeline.dates), with the possessive weekdays copy without apostrophes writes
    ("Saturdays blast"). A date parser bug must not lose the incidents: they are kept undated and the failure
    is an `errors` row."""
    try:
        found = list(_dates.find_dates(ctx.ix.text, ctx.published))
    except Exception as e:  # noqa: BLE001 - kept undated, reported
        note_problem(ctx.doc, ctx.stage, e, "its incidents are kept without dates from the text")
        return []
    extra = [d for d in possessive_weekdays(ctx.ix.text, ctx.published)
             if not any(d.start < x.end and x.start < d.end for x in found)]
    return sorted(found + extra, key=lambda d: d.start) if extra else found


# "Saturdays blast": "Saturday's blast" with the apostrophe dropped (FA-KES copy) dates the noun after it, like
# "Tuesday's fighting" (the same or the latest such day up to publication); "on Saturdays" (every Saturday) is
# no date, nor the second of "on Saturdays and Sundays".
POSSESSIVE_WEEKDAY = re.compile(r"(?<![A-Za-z])(?P<wd>" + "|".join(w.capitalize() for w in _dates.WEEKDAYS)
                                + r")s(?= [a-z])")
HABITUAL = re.compile(r"\b(?:on|every|most|some|all)\s+(?:the\s+)?$|days\s+(?:and|or)\s+$", re.IGNORECASE)


def possessive_weekdays(text: str, published) -> list:
    """The possessive weekdays written without the apostrophe, as date mentions resolved against publication."""
    if not published:
        return []
    try:
        pub = dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return []
    out = []
    for m in POSSESSIVE_WEEKDAY.finditer(text):
        if HABITUAL.search(text[max(0, m.start() - 16):m.start()]):
            continue
        day = _dates.resolve_weekday(_dates.WEEKDAYS[m["wd"].lower()], pub)
        out.append(_dates.DateMention(m.start(), m.end(), m.group(), day.isoformat(), "day"))
    return out


def fill_date(ctx: DocContext, m: Mention, sent: Span) -> None:
    """The explicit date of the sentence nearest the trigger, preferring one inside the mention; none when it
    follows a background cue ('since the ...'), nor the header's publication date ("Date of publication 7 April
    2017 ..." starts the first sentence: the event then takes the text's own cue, else the publication date)."""
    text, bg = ctx.ix.text, ctx.lex.bg_dates
    s0, s1 = sent.start_char, sent.end_char  # Span offsets build Tokens on each access: read them once
    inside = [d for d in ctx.date_mentions if s0 <= d.start and d.end <= s1 and d.value
              and not (bg and bg.search(text[max(0, d.start - 25):d.start].lower()))
              and not in_since_phrase(sent, d.start) and not dates_statement(sent, d.start)
              and not datefields.is_header_date(text, d.start, d.end)]
    if inside:
        pos = m.trigger.idx
        d = min(inside, key=lambda d: (not (m.start_char <= d.start < m.end_char), abs(d.start - pos)))
        m.date = When(d.value, d.text, d.precision, True)


def dates_statement(sent: Span, start: int) -> bool:
    """The date at char `start` modifies a verb of saying after it ("the organisation said Tuesday", "said on
    Thursday") or a statement noun, directly or through the participle describing it ("in a statement distributed
    on a Daesh channel on Tuesday"): it dates the statement, not the event (ACLED Codebook 2023: an event is dated
    by the day it happened; the day it was reported is only the fallback, as the publication date is)."""
    tok = sent.doc[docindex.index(sent.doc).token_at(start)]
    while tok.dep_ in ("compound", "nummod", "amod", "det") and tok.head.i != tok.i:
        tok = tok.head  # "last Tuesday", "2 Jul": the date phrase's head
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "on" else tok.head
    # only after the verb: in "... east of Homs Saturday the monitor said" the parser hangs the day on "said",
    # but it stands in the reported clause, before the speaker
    if tok.dep_ in ("npadvmod", "pobj", "tmod") and head.lower_ in SPEECH_VERBS and tok.i > head.i:
        return True
    # "in a statement distributed ... on Tuesday", "a report published on Wednesday": the date of the document
    return tok.dep_ in ("npadvmod", "pobj", "tmod") and (head.lower_ in STATEMENT_NOUNS or head.dep_ == "acl"
                                                          and head.head.lower_ in STATEMENT_NOUNS)


SPEECH_VERBS = lexicon.words("speech_verbs")
STATEMENT_NOUNS = lexicon.words("statement_nouns", "quote_cues.json")  # a statement, report, video, communique


# the phrase words between "since" and the date it dates: "since the outbreak of the war in 2011"
SINCE_CHAIN = frozenset({"pobj", "prep", "compound", "nmod", "poss", "amod", "nummod", "appos", "det", "npadvmod"})


def in_since_phrase(sent: Span, start: int) -> bool:
    """The date at char `start` sits inside a "since ..." phrase ("since the outbreak of the war in 2011"): it dates
    the start of a period the sentence looks back over, not the event (background, like "since 2011")."""
    tok = sent.doc[docindex.index(sent.doc).token_at(start)]
    for _ in range(8):
        if tok.lower_ == "since" and tok.dep_ == "prep":
            return True
        if tok.dep_ not in SINCE_CHAIN or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def year_only(m: Mention, published: str | None) -> bool:
    """A report dated only by a year before the article's ("agreed to destroy its chemical weapons in 2013",
    "protests in 2011" in a 2017 article) is history, not an event ACLED can code: its time precision is at worst
    the month (codebook: time_precision 1 day, 2 week, 3 month). Without a publication date the year may be the
    report's own ("In 2019 protesters ..."), and in the article's own year it is news."""
    return bool(m.explicit and m.date is not None and m.date.precision == "year" and published
                and str(m.date.value)[:4] < str(published)[:4])


def resolve(mentions: list[Mention], published: str | None) -> None:
    """Undated mentions take the narrative date (the last explicit one) or the publication date. Relative days
    ("the day prior") are settled by dates.find_dates against the date before them."""
    narrative = None
    for m in mentions:
        if m.explicit:
            if m.date.precision == "day":
                narrative = m.date.value
            continue
        base = narrative or published
        if base:
            m.date = When(str(base)[:10], None, "day", False, published=narrative is None)
