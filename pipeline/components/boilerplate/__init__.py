"""`sitrep_boilerplate`: mark page furniture, so that no mention, quote or incident starts inside it.

A scraped article carries the page around it: share and subscribe buttons, tag lists, bylines, copyright and
trust lines, photo credits, "Read more" links, datelines. Left in, "Subscribe TRT World", "Tags Syria Islamic
State group" or "Monitor AFP" become actors. Scrapers often flatten the page to one line and drop punctuation,
so furniture is found FROM ITS FORM inside the text, never from one site's strings.

Definitions (a *unit boundary* is the start or end of a line, a sentence-final mark `. ! ?` (or a closing quote
after one), or a date written as numbers and month/weekday words; a *clause* has a finite verb written in lower
case (PTB tags VBD VBZ VBP MD): the capitalised words of a menu or tag list are names whose tags the model
guesses, so they never count):

1. Label run: a capitalised furniture label (models/boilerplate.json: list, action, credit and date labels such
   as "Tags", "Subscribe", "Copyright", "Reporting by", "Last updated") that, unless it opens a list, does not
   continue a capitalised name, and the words after it up to the next sentence-final mark or line end. A list
   label's run (a tag or link list) holds content words only: it also ends before a capitalised function word
   ("Tags Syria Idlib | The brigade said"), before the sentence of a lower-case finite verb whose subject
   follows a tag ("Tags Aleppo | At least 29 rebels were killed"; a verb-tagged word with no subject of its own
   is a tag), or after 40 tokens. Any other label's run is furniture only when it holds no clause ("Photos and
   video emerging ... show" is a sentence, not a credit); a credit label before a capitalised caption is
   furniture alone ("(Photo Smoke is seen ...)"). A date label's run is the label and the date and time words
   after it, then an optional byline ("by" + names).
2. Byline: at a line start, after an optional date, "by" and a run of capitalised names (joined by "and", ",",
   "/", ";").
3. Credit in brackets: a bracketed group of at most 6 capitalised words (with "and", "/", ":", "-") that holds
   an agency or credit word ("(AFP Photo)", "(TRT World and Agencies)", "(Source: ...)") or stands at a unit
   boundary ("... on July 10. (AFP) Residents ..."); an acronym that spells the initials of the name before it
   ("Syrian Arab News Agency (SANA)") is that name's definition, not a credit.
4. Dateline: at a unit boundary, at most 6 capitalised words, commas and a bracketed group, with an all-caps word
   or the bracket, then a dash: "DAMASCUS (Reuters) -", "Aleppo SANA-". Only the dateline is furniture, the
   sentence after the dash is text.
5. Sign-off: a dash and one to three capitalised words at the end of a line ("... in March 2011.-AFP"); a dash
   and a platform's name (models/boilerplate.json `platforms`), the site suffix of an embedded video's title
   ("Air strikes on Atareb kill dozens of civilians - YouTube"), anywhere.
6. Agency byline: an agency name (with the credit nouns before it: "Monitor AFP") between two units: with no
   credit noun, not after a verb, preposition or lower-case word ("told AFP", "according to AFP" are text);
   followed by a capitalised word that opens the next sentence or by a line end. A photo credit: the agency
   name, a slash and at most two capitalised words ("REUTERS/Bassam Khabieh", "REUTERS/Stringer"), anywhere.
7. Embedded post: a link token ("pic.twitter.com/...") with the clause-less text before it back to a unit
   boundary, and the author, "(handle)" and date after it.
8. Tail: the words after a line's last sentence-final mark, when the line has one, they hold no clause and are at
   most 40 tokens ("... in March 2011. Manar/Mazen", "... Media Office) Twitter").

Ranges are character offsets of the text as ingested, sorted and merged, in `doc._.boilerplate`; `inside(doc, c)`
says whether character `c` is furniture. The component runs after the model (it reads tags and sentences) and
before `sitrep_entities`.

Modules: `page` (the word classes and one Doc as lines of tokens), `labels` (rules 1-2), `credits` (rules 3-8),
`ranges` (the character ranges and the questions other stages ask of them).
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ... import docindex, extensions
from ..base import Component, read_model_json
from . import credits, labels
from .page import DASHES, Furniture, Page, cap
from .ranges import in_ranges, inside, merge, start_outside

extensions.register()

__all__ = ["Boilerplate", "in_ranges", "inside", "merge", "start_outside"]

DEFAULT_LEXICON = "boilerplate.json"


class Boilerplate(Component):
    data_files = {"lexicon": read_model_json}

    def __init__(self, nlp: Language, name: str, lexicon: str):
        self._make_doc = nlp.make_doc
        super().__init__(nlp, name, lexicon=lexicon)

    def setup(self, data: dict[str, Any]) -> None:
        self.fw = Furniture(data["lexicon"], self._make_doc)
        self.first_words = {self.vocab.strings.add(w) for w in self.fw.first_words}

    def process(self, doc: Doc) -> None:
        doc._.boilerplate = []
        if not len(doc):
            return
        page = self._page(doc)
        spans = self._token_rules(page, docindex.index(doc).lowers)
        spans.extend(sp for s, e in page.lines if (sp := credits.tail(page, s, e)))
        ranges = []
        for s, e in spans:
            while e > s and doc[e - 1].is_space:
                e -= 1
            if e > s:
                ranges.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
        doc._.boilerplate = merge(ranges)

    def _page(self, doc: Doc) -> Page:
        """The Doc as lines: the paragraphs of its `DocIndex`, as token ranges."""
        ix = docindex.index(doc)
        line_of = [0] * len(doc)
        lines: list[tuple[int, int]] = []
        for k, (ps, pe) in enumerate(ix.paragraphs):
            i, j = ix.token_range(ps, pe)
            lines.append((i, j))
            line_of[i:j] = [k] * (j - i)
        return Page(doc, self.fw, lines, line_of)

    def _token_rules(self, page: Page, lower: list[int]) -> list[tuple[int, int]]:
        """Each token tried against the rules it can start (a label word, a bracket, a dash, "by", an agency
        name, a link): the furniture found, as token ranges."""
        doc, fw = page.doc, self.fw
        spans: list[tuple[int, int] | None] = []
        for i, t in enumerate(doc):
            if t.is_space:
                continue
            if lower[i] in self.first_words and cap(t):
                spans.append(labels.label_run(page, i))
            if t.text == "(":
                spans.append(credits.bracket(page, i))
            elif t.text in DASHES:
                spans.extend((credits.dateline(page, i), credits.signoff(page, i)))
            elif t.lower_ == "by":
                spans.append(labels.byline(page, i))
            elif t.lower_ in fw.agencies and cap(t):
                spans.append(credits.agency(page, i))
            if page.link(t):
                spans.append(credits.post(page, i))
        return [sp for sp in spans if sp]


@Language.factory("sitrep_boilerplate", default_config={"lexicon": DEFAULT_LEXICON},
                  assigns=["doc._.boilerplate"], requires=["token.tag", "doc.sents"])
def make_boilerplate(nlp: Language, name: str, lexicon: str) -> Boilerplate:
    return Boilerplate(nlp, name, lexicon)
