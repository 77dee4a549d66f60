"""`sitrep_paragraphs`: a line break starts a sentence, and so does the text on either side of a time stamp of the
page, before the parser runs.

News text puts headlines, datelines and captions on their own lines without final punctuation; left to itself the
parser joins them to the next sentence and every later stage reads a wrong parse. Scrapers that flatten the page
to one line glue the time stamp between the headline and the lead ("... for slain pilot AFP Saturday 2 Jul 2016
Syrian government shelling ...", "Published April 13 2017 An air strike on Tuesday by ..."): the stamp is page
furniture (sitrep_boilerplate, rules 1 and 6: a date label or an agency name and the date words after it), never
part of a clause, so it is a sentence of its own and the lead starts after it.

A *time stamp* here is a full date: a run of calendar words (models/common.json `calendar`, and their
abbreviations) and numbers holding a month and a four-digit year, right after a date label ("Published",
"Updated") or a capitalised agency name (models/boilerplate.json), or at the start of the text, and followed by
a capitalised word. A date inside a sentence ("in March 2011 Syria ...") follows neither, and is left alone.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from .base import Component

STAMP_JOINERS = frozenset({",", "-", "/", "."})


class ParagraphBreaks(Component):
    """No settings; the word classes are read from the shared lexicons (see the module docstring)."""

    def setup(self, data: dict) -> None:
        cal = lexicon.words("calendar")
        self.months = {w for w in cal if not w.endswith("day")}
        self.months |= {w[:3] for w in self.months} | {"sept"}
        self.calendar = set(cal) | {w[:3] for w in cal} | {"sept", "tues", "thur", "thurs"}
        fw = lexicon.load("boilerplate.json")
        self.openers = {w for w in fw["date_labels"] if " " not in w} | set(fw["agencies"])

    def process(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if prev.is_space and "\n" in prev.text and not doc[i].is_space:
                doc[i].is_sent_start = True
        self._stamps(doc)
        return doc

    def _stamps(self, doc: Doc) -> None:
        i = 0
        while i < len(doc):
            j = self._stamp_end(doc, i)
            if j is None:
                i += 1
                continue
            opener = i - 1 if i > 0 and doc[i - 1].lower_ in self.openers and doc[i - 1].text[:1].isupper() else None
            if (opener is not None or i == 0) and j < len(doc) and doc[j].text[:1].isupper():
                if opener is not None and opener > 0:
                    doc[opener].is_sent_start = True
                doc[j].is_sent_start = True
                for k in range((opener if opener is not None else i) + 1, j):
                    doc[k].is_sent_start = False
            i = j

    def _stamp_end(self, doc: Doc, i: int) -> int | None:
        """The end of the full date starting at token `i` (a month and a four-digit year among calendar words,
        numbers and joiners), or None."""
        j, month, year = i, False, False
        while j < len(doc):
            t = doc[j]
            low = t.lower_.rstrip(".")
            if low in self.calendar:
                month = month or low in self.months
            elif t.is_digit and len(t) <= 4:
                year = year or len(t) == 4
            elif not (t.text in STAMP_JOINERS and j > i):
                break
            j += 1
        return j if month and year and j - i >= 2 else None


@Language.factory("sitrep_paragraphs", default_config={}, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(nlp, name)
