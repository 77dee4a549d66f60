"""The word classes furniture is told by (`Furniture`, compiled once from models/boilerplate.json) and one Doc seen
as lines of tokens (`Page`, built per Doc): the token classes and unit boundaries the rules of the package
docstring are written in."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from ...lexicon import words

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
FUNCTION_POS = {"DET", "ADP", "PRON", "SCONJ", "CCONJ", "AUX", "PART"}
SENT_END = {".", "!", "?", "...", "…"}
CLOSE_QUOTES = {'"', "”", "’", "'", "»"}
DASHES = {"-", "--", "—", "–", "---"}
NAME_JOINERS = {"and", ",", "/", ";", "&"}
BRACKET_JOINERS = {"and", "/", ":", "-", ",", "&"}
DATE_JOINERS = {"at", "on", ",", "-", ":", "+", "/", "."}
LABEL_KINDS = ("list", "action", "credit", "date")


class Furniture:
    """The lexicon compiled into lookups: labels as tuples of lower-cased token strings (tokenized as the text
    is, by `make_doc`), word classes as sets."""

    def __init__(self, lex: dict[str, Any], make_doc: Callable[[str], Doc]):
        self.label_kinds: dict[tuple[str, ...], str] = {}
        for kind in LABEL_KINDS:
            for lab in lex[f"{kind}_labels"]:
                self.label_kinds[tuple(t.lower_ for t in make_doc(lab))] = kind
        self.label_len = max(len(k) for k in self.label_kinds)
        self.first_words = {k[0] for k in self.label_kinds}
        self.credit_nouns = {w.lower() for w in lex["credit_nouns"]}
        self.agencies = {w.lower() for w in lex["agencies"]}
        self.platforms = frozenset(w.lower() for w in lex.get("platforms", ()))
        credit_labels = {k[0] for k, kind in self.label_kinds.items() if kind == "credit"}
        self.credit_words = self.credit_nouns | self.agencies | credit_labels
        marks = tuple(lex["url_marks"])
        # one regex over the token instead of a test per mark: this runs on every token of every document
        self.url_rx = re.compile("|".join(re.escape(m) for m in marks)) if marks else None
        self.calendar = words("calendar")
        self.cal_abbrev = {w[:k] for w in self.calendar for k in (3, 4)}


def cap(t: Token) -> bool:
    """Written with a capital: title case, all caps with a letter, or a capital first character."""
    return t.is_title or t.is_upper and any(c.isalpha() for c in t.text) or t.text[:1].isupper()


def clause(t: Token) -> bool:
    """A finite verb written in lower case (the package docstring's *clause*)."""
    return t.tag_ in FINITE_TAGS and t.is_lower


@dataclass
class Page:
    """One Doc as lines of tokens (a line is a paragraph of `DocIndex`), with the lexicon it is read with."""
    doc: Doc
    fw: Furniture
    lines: list[tuple[int, int]]  # [start, end) token range of each line
    line_of: list[int]  # the line of each token

    def line_end(self, i: int) -> int:
        return self.lines[self.line_of[i]][1]

    def line_start(self, i: int) -> int:
        return self.lines[self.line_of[i]][0]

    def is_date(self, t: Token) -> bool:
        """Digits, or a month or weekday word or its abbreviation ("Oct", "Thu.")."""
        low = t.lower_.rstrip(".")
        return any(c.isdigit() for c in t.text) or low in self.fw.calendar or len(low) >= 3 and \
            low in self.fw.cal_abbrev

    def link(self, t: Token) -> bool:
        return t.like_url or (self.fw.url_rx is not None and self.fw.url_rx.search(t.lower_) is not None)

    def sent_end_at(self, i: int) -> bool:
        """Token `i` ends a sentence: a sentence-final mark, or a closing quote right after one."""
        t = self.doc[i]
        if t.text in SENT_END:
            return True
        return t.text in CLOSE_QUOTES and i > 0 and self.doc[i - 1].text in SENT_END

    def boundary_before(self, i: int) -> bool:
        """A unit boundary just before token `i`: line start, a sentence-final mark or a date."""
        if i <= self.line_start(i):
            return True
        return self.sent_end_at(i - 1) or self.is_date(self.doc[i - 1])

    def match_label(self, i: int) -> tuple[int, str] | None:
        """The longest furniture label starting at token `i` within its line: (end token, label kind)."""
        doc, end = self.doc, self.line_end(i)
        for k in range(min(self.fw.label_len, end - i), 0, -1):
            key = tuple(doc[j].lower_ for j in range(i, i + k))
            if key in self.fw.label_kinds:
                return i + k, self.fw.label_kinds[key]
        return None

    def zone(self, k: int) -> bool:
        """A time zone: a short all-caps word beside a clock time ("16:06 GMT", "GMT 13:06")."""
        doc = self.doc
        if not (doc[k].is_upper and doc[k].is_alpha and len(doc[k]) <= 4):
            return False
        return any(0 <= x < len(doc) and ":" in doc[x].text and any(c.isdigit() for c in doc[x].text)
                   for x in (k - 1, k + 1))
