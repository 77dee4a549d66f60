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
5. Sign-off: a dash and one to three capitalised words at the end of a line ("... in March 2011.-AFP").
6. Agency byline: an agency name (with the credit nouns before it: "Monitor AFP") between two units: with no
   credit noun, not after a verb, preposition or lower-case word ("told AFP", "according to AFP" are text);
   followed by a capitalised word that opens the next sentence or by a line end.
7. Embedded post: a link token ("pic.twitter.com/...") with the clause-less text before it back to a unit
   boundary, and the author, "(handle)" and date after it.
8. Tail: the words after a line's last sentence-final mark, when the line has one, they hold no clause and are at
   most 40 tokens ("... in March 2011. Manar/Mazen", "... Media Office) Twitter").

Ranges are character offsets of the text as ingested, sorted and merged, in `doc._.boilerplate`; `inside(doc, c)`
says whether character `c` is furniture. The component runs after the model (it reads tags and sentences) and
before `sitrep_entities`.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from .. import docindex, extensions
from ..lexicon import words
from .base import Component, read_model_json

extensions.register()

DEFAULT_LEXICON = "boilerplate.json"
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
FUNCTION_POS = {"DET", "ADP", "PRON", "SCONJ", "CCONJ", "AUX", "PART"}
SENT_END = {".", "!", "?", "...", "…"}
CLOSE_QUOTES = {'"', "”", "’", "'", "»"}
DASHES = {"-", "--", "—", "–", "---"}
NAME_JOINERS = {"and", ",", "/", ";", "&"}
BRACKET_JOINERS = {"and", "/", ":", "-", ",", "&"}
DATE_JOINERS = {"at", "on", ",", "-", ":", "+", "/", "."}
MAX_LIST_RUN = 40
MAX_BRACKET = 6
MAX_DATELINE = 6
MAX_TAIL = 40


def inside(doc: Doc, char: int) -> bool:
    """Whether character `char` of `doc` lies in page furniture (`doc._.boilerplate`)."""
    return in_ranges(doc._.boilerplate or [], char)


def in_ranges(ranges: list[list[int]], char: int) -> bool:
    """`char` in one of the sorted, disjoint [start, end) `ranges`."""
    k = bisect.bisect_right(ranges, [char, float("inf")]) - 1
    return k >= 0 and ranges[k][0] <= char < ranges[k][1]


def start_outside(ranges: list[list[int]], text: str, start: int, end: int) -> int | None:
    """Where a span [start, end) of `text` starts once the furniture it starts in is cut off: `start` when it
    starts outside furniture, the first non-space character after that furniture, or None when nothing of the
    span is left outside furniture ("DAMASCUS (Reuters) - Syrian forces shelled ..." starts at "Syrian")."""
    while True:
        k = bisect.bisect_right(ranges, [start, float("inf")]) - 1
        if k < 0 or not ranges[k][0] <= start < ranges[k][1]:
            return start
        start = ranges[k][1]
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return None


def merge(ranges: list[tuple[int, int]]) -> list[list[int]]:
    """Sorted, overlapping or touching ranges joined."""
    out: list[list[int]] = []
    for s, e in sorted(ranges):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


class Boilerplate(Component):
    data_files = {"lexicon": read_model_json}

    def __init__(self, nlp: Language, name: str, lexicon: str):
        self._make_doc = nlp.make_doc
        super().__init__(nlp, name, lexicon=lexicon)

    def setup(self, data: dict[str, Any]) -> None:
        """Labels as tuples of lower-cased token strings, tokenized as the text is; word classes as sets."""
        lex = data["lexicon"]
        self.label_kinds: dict[tuple[str, ...], str] = {}
        for kind in ("list", "action", "credit", "date"):
            for lab in lex[f"{kind}_labels"]:
                self.label_kinds[tuple(t.lower_ for t in self._make_doc(lab))] = kind
        self.label_len = max(len(k) for k in self.label_kinds)
        self.first_words = {self.vocab.strings.add(k[0]) for k in self.label_kinds}
        self.credit_nouns = {w.lower() for w in lex["credit_nouns"]}
        self.agencies = {w.lower() for w in lex["agencies"]}
        credit_labels = {k[0] for k, kind in self.label_kinds.items() if kind == "credit"}
        self.credit_words = self.credit_nouns | self.agencies | credit_labels
        self.url_marks = tuple(lex["url_marks"])
        self._url_rx = re.compile("|".join(re.escape(m) for m in self.url_marks)) if self.url_marks else None
        self.calendar = words("calendar")
        self.cal_abbrev = {w[:k] for w in self.calendar for k in (3, 4)}

    # ------------------------------------------------------------------ token classes
    def _is_date(self, t) -> bool:
        """Digits, or a month or weekday word or its abbreviation ("Oct", "Thu.")."""
        low = t.lower_.rstrip(".")
        return any(c.isdigit() for c in t.text) or low in self.calendar or len(low) >= 3 and low in self.cal_abbrev

    @staticmethod
    def _cap(t) -> bool:
        return t.is_title or t.is_upper and any(c.isalpha() for c in t.text) or t.text[:1].isupper()

    @staticmethod
    def _clause(t) -> bool:
        return t.tag_ in FINITE_TAGS and t.is_lower

    def _link(self, t) -> bool:
        # one regex over the token instead of a test per mark: this runs on every token of every document
        return t.like_url or (self._url_rx is not None and self._url_rx.search(t.lower_) is not None)

    # ------------------------------------------------------------------ the pass
    def process(self, doc: Doc) -> None:
        doc._.boilerplate = []
        n = len(doc)
        if not n:
            return
        ix = docindex.index(doc)
        arr = doc.to_array([LOWER, IS_TITLE, IS_UPPER, IS_ALPHA, IDX, LENGTH]).tolist()
        lower = [a[0] for a in arr]
        # line of each token, as [start, end) token ranges
        line_of = [0] * n
        lines: list[tuple[int, int]] = []
        for k, (ps, pe) in enumerate(ix.paragraphs):
            i, j = ix.token_range(ps, pe)
            lines.append((i, j))
            line_of[i:j] = [k] * (j - i)
        self._doc, self._lines, self._line_of = doc, lines, line_of
        spans: list[tuple[int, int]] = []  # token ranges
        for i in range(n):
            t = doc[i]
            if t.is_space:
                continue
            if lower[i] in self.first_words and self._cap(t):
                sp = self._label_run(i)
                if sp:
                    spans.append(sp)
            if t.text == "(":
                sp = self._bracket(i)
                if sp:
                    spans.append(sp)
            elif t.text in DASHES:
                spans.extend(x for x in (self._dateline(i), self._signoff(i)) if x)
            elif t.lower_ == "by":
                sp = self._byline(i)
                if sp:
                    spans.append(sp)
            elif t.lower_ in self.agencies and self._cap(t):
                sp = self._agency(i)
                if sp:
                    spans.append(sp)
            if self._link(t):
                spans.append(self._post(i))
        for s, e in lines:
            sp = self._tail(s, e)
            if sp:
                spans.append(sp)
        ranges = []
        for s, e in spans:
            while e > s and doc[e - 1].is_space:
                e -= 1
            if e > s:
                ranges.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
        doc._.boilerplate = merge(ranges)

    # ------------------------------------------------------------------ helpers
    def _line_end(self, i: int) -> int:
        return self._lines[self._line_of[i]][1]

    def _line_start(self, i: int) -> int:
        return self._lines[self._line_of[i]][0]

    def _sent_end_at(self, i: int) -> bool:
        """Token `i` ends a sentence: a sentence-final mark, or a closing quote right after one."""
        doc = self._doc
        t = doc[i]
        if t.text in SENT_END:
            return True
        return t.text in CLOSE_QUOTES and i > 0 and doc[i - 1].text in SENT_END

    def _boundary_before(self, i: int) -> bool:
        """A unit boundary just before token `i`: line start, a sentence-final mark or a date."""
        if i <= self._line_start(i):
            return True
        j = i - 1
        return self._sent_end_at(j) or self._is_date(self._doc[j])

    def _match_label(self, i: int) -> tuple[int, str] | None:
        doc, end = self._doc, self._line_end(i)
        for k in range(min(self.label_len, end - i), 0, -1):
            key = tuple(doc[j].lower_ for j in range(i, i + k))
            if key in self.label_kinds:
                return i + k, self.label_kinds[key]
        return None

    # ------------------------------------------------------------------ rules
    def _label_run(self, i: int) -> tuple[int, int] | None:
        """Rule 1 (and rule 2 after a date label)."""
        doc = self._doc
        hit = self._match_label(i)
        if hit is None:
            return None
        j, kind = hit
        if kind != "list" and i > self._line_start(i) and doc[i - 1].is_title and not self._boundary_before(i) \
                and not doc[i - 1].is_sent_start:
            return None  # "Open Source Center": the label word continues a name (a tag list may follow a title)
        end = self._line_end(i)
        if j < end and doc[j].text == ":":
            j += 1
        if kind == "date":
            k = j
            while k < end and (self._is_date(doc[k]) or doc[k].lower_ in DATE_JOINERS or self._zone(k)):
                k += 1
            if k == j:
                return None  # "Updated figures show ...": no date after the label
            by = self._names_after_by(k)
            return i, by or k
        k = j
        while k < end and not self._sent_end_at(k):
            t = doc[k]
            if kind == "list":
                if k - i >= MAX_LIST_RUN or t.is_title and t.pos_ in FUNCTION_POS:
                    break
                if self._clause(t):
                    cut = self._clause_start(j, k)
                    if cut > j:  # the sentence after the list; a verb without its own subject is a tag word
                        k = cut
                        break
            elif self._clause(t):
                # a sentence: only a label that stands before a capitalised caption is furniture ("Photo Smoke
                # is seen ..."), the label word of "Photos and video emerging ... show" is text
                return (i, j) if j < end and doc[j].is_title and kind == "credit" and j > i else None
            k += 1
        if k < end and self._sent_end_at(k):
            k += 1
        return (i, k) if k > j or kind != "list" else None

    def _clause_start(self, j: int, v: int) -> int:
        """Where the sentence of the finite verb at `v` begins, when it began after token `j`: the model's last
        sentence start in (j, v], else the first word of the verb's subject ("Tags Aleppo | At least 29 rebels
        were killed"); `j` when the verb has no subject after `j` (then it is no clause)."""
        doc = self._doc
        for x in range(v, j, -1):
            if doc[x].is_sent_start and doc[x].text[:1].isupper():
                return x
        verb = doc[v].head if doc[v].dep_ in ("aux", "auxpass") else doc[v]
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and j <= c.i < v]
        if not subj:
            return j
        if subj[0].left_edge.i > j:
            return subj[0].left_edge.i
        start = subj[0].i  # the subtree reaches into the list: the subject word and its own modifiers
        for c in reversed(list(subj[0].lefts)):
            if c.i == start - 1 and c.dep_ in ("amod", "compound", "det", "nummod", "quantmod"):
                start = c.i
        return start

    def _zone(self, k: int) -> bool:
        """A time zone: a short all-caps word beside a clock time ("16:06 GMT", "GMT 13:06")."""
        doc = self._doc
        if not (doc[k].is_upper and doc[k].is_alpha and len(doc[k]) <= 4):
            return False
        return any(0 <= x < len(doc) and ":" in doc[x].text and any(c.isdigit() for c in doc[x].text)
                   for x in (k - 1, k + 1))

    def _names_after_by(self, k: int) -> int | None:
        """End of "by NAME ... and NAME" starting at token `k`, if it is there."""
        doc, end = self._doc, self._line_end(k) if k < len(self._doc) else k
        if k >= end or doc[k].lower_ != "by":
            return None
        j = k + 1
        last = None
        while j < end:
            t = doc[j]
            if t.is_title and t.is_alpha or t.text[:1].isupper() and "-" in t.text or t.is_upper and t.is_alpha:
                if t.pos_ == "NUM" or t.like_num:
                    break
                last = j + 1
            elif t.lower_ in NAME_JOINERS or t.text == "-" and last == j:
                pass
            else:
                break
            j += 1
        return last

    def _byline(self, i: int) -> tuple[int, int] | None:
        """Rule 2: "by NAMES" at a line start, or after a date that starts the line."""
        doc = self._doc
        s = self._line_start(i)
        j = i
        while j > s and (self._is_date(doc[j - 1]) or doc[j - 1].lower_ in DATE_JOINERS):
            j -= 1
        if j != s:
            return None
        e = self._names_after_by(i)
        return (i, e) if e else None

    def _bracket(self, i: int) -> tuple[int, int] | None:
        """Rule 3."""
        doc = self._doc
        end = min(self._line_end(i), i + MAX_BRACKET + 2)
        k = i + 1
        while k < end and doc[k].text != ")":
            t = doc[k]
            if not (self._cap(t) or t.lower_ in BRACKET_JOINERS or t.text == "©"):
                return None
            k += 1
        if k >= end or k == i + 1:
            return None
        inner = doc[i + 1:k]
        credit = any(t.lower_ in self.credit_words for t in inner)
        if not credit and not self._boundary_before(i):
            return None
        if len(inner) == 1 and inner[0].is_upper and self._spells_before(i, inner[0].text):
            return None
        return i, k + 1

    def _spells_before(self, i: int, acronym: str) -> bool:
        """The capitalised words before token `i` have `acronym` as their initials."""
        doc = self._doc
        letters = ""
        j = i - 1
        while j >= 0 and len(letters) < len(acronym) and (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in
                                                            ("of", "for", "and", "the", "-")):
            if doc[j].text[:1].isupper():
                letters = doc[j].text[0] + letters
            j -= 1
        return letters.upper() == acronym.upper().replace(".", "")

    def _dateline(self, d: int) -> tuple[int, int] | None:
        """Rule 4: the dash at `d` closes "CITY (AGENCY) -"."""
        doc = self._doc
        if d + 1 >= self._line_end(d) or doc[d + 1].is_space:
            return None
        if not doc[d - 1].whitespace_ and not doc[d].whitespace_ and not doc[d + 1].is_title:
            return None  # "US-led", "CJTF-OIR": a hyphen inside a word
        s = self._line_start(d)
        j = d
        caps = bracket = False
        count = 0
        while j > s and count < MAX_DATELINE:
            t = doc[j - 1]
            if t.text == ")":
                o = j - 1
                while o > s and doc[o].text != "(" and j - o <= MAX_BRACKET + 1:
                    o -= 1
                if doc[o].text != "(":
                    return None
                bracket, j = True, o
                count += 1
                continue
            if t.text == ",":
                j -= 1
                continue
            if not (self._cap(t) and t.is_alpha or t.text[:1].isupper() and "-" in t.text) or \
                    t.pos_ in FUNCTION_POS | {"ADV", "VERB"} and not t.is_upper or len(t) == 1:
                break
            if t.is_upper and len(t) >= 2:
                caps = True
            j -= 1
            count += 1
        if j == d or not (caps or bracket) or not self._boundary_before(j):
            return None
        if j > s and not self._sent_end_at(j - 1) and not self._is_date(doc[j - 1]):
            return None
        return j, d + 1

    def _signoff(self, d: int) -> tuple[int, int] | None:
        """Rule 5: "-AFP" at a line end."""
        doc = self._doc
        end = self._line_end(d)
        k = d + 1
        while k < end and doc[k].text in DASHES:
            k += 1
        if not 1 <= end - k <= 3 or not all(self._cap(doc[x]) and doc[x].is_alpha for x in range(k, end)):
            return None
        return d, end

    def _agency(self, i: int) -> tuple[int, int] | None:
        """Rule 6: "Monitor AFP" between two sentences."""
        doc = self._doc
        end = self._line_end(i)
        nxt = i + 1
        if nxt < end and not (doc[nxt].text[:1].isupper() and (doc[nxt].is_sent_start or doc[nxt].is_title)):
            return None
        s = i
        while s > self._line_start(i) and doc[s - 1].lower_ in self.credit_nouns and self._cap(doc[s - 1]):
            s -= 1
        if s == i and s > self._line_start(i):  # a lone agency name after a verb or preposition is text
            prev = doc[s - 1]
            if prev.pos_ in ("VERB", "ADP", "AUX", "DET", "PART") or prev.is_lower and not prev.is_punct:
                return None
        return s, i + 1

    def _post(self, i: int) -> tuple[int, int]:
        """Rule 7: a link, the clause-less text before it and the credit after it."""
        doc = self._doc
        s, end = self._line_start(i), self._line_end(i)
        j = i
        while j > s and not self._sent_end_at(j - 1) and not self._clause(doc[j - 1]) and i - j < 30:
            j -= 1
        if j > s and self._clause(doc[j - 1]):
            j = i
        k = i + 1
        while k < end and (self._cap(doc[k]) and doc[k].is_alpha and k - i <= 4):
            k += 1
        if k < end and doc[k].text == "(":
            c = k + 1
            while c < end and doc[c].text != ")" and c - k <= 4:
                c += 1
            if c < end and doc[c].text == ")":
                k = c + 1
        while k < end and (self._is_date(doc[k]) or doc[k].text == ","):
            k += 1
        return j, k

    def _tail(self, s: int, e: int) -> tuple[int, int] | None:
        """Rule 8: the clause-less words after the line's last sentence-final mark."""
        doc = self._doc
        while e > s and doc[e - 1].is_space:
            e -= 1
        k = e
        while k > s and not self._sent_end_at(k - 1):
            k -= 1
            if e - k > MAX_TAIL or self._clause(doc[k]):
                return None
        if k <= s or k == e or not any(doc[x].is_alpha for x in range(k, e)):
            return None  # no tail, or only the closing quotes of the last sentence
        return k, e


@Language.factory("sitrep_boilerplate", default_config={"lexicon": DEFAULT_LEXICON},
                  assigns=["doc._.boilerplate"], requires=["token.tag", "doc.sents"])
def make_boilerplate(nlp: Language, name: str, lexicon: str) -> Boilerplate:
    return Boilerplate(nlp, name, lexicon)
