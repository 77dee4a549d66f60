"""`DocIndex`: the per-Doc facts every stage reads, built once per Doc instead of once per component.

The text (`Doc.text` rebuilds the string from the tokens on every access), token start offsets, the actor-label
entity at each token, the entities by label, the paragraphs (one per non-empty line: news text puts each paragraph
on its own line) and the sentences (spaCy's, cut again at line breaks so that headlines and datelines never join
the next sentence).

`index(doc)` returns the index of `doc`, rebuilding only what changed: the entity part is recomputed when
`doc.ents` differs from the entities it was built on (a stage that edits `doc.ents` needs no bookkeeping), the
text, offsets, paragraphs and sentences are kept. One index is cached per process (the Doc being processed), so
memory does not grow with the batch and nothing is stored on the Doc (nothing to serialise between processes).

`DocIndex.parse` gives the parse as plain lists (heads, labels, children), read once per Doc with `Doc.to_array`:
a walk up or down the tree over these makes no `Token` objects (each `doc[i]`, `.head` or `.children` step makes
one, which is what made the clause and ancestor walks of the incidents stage slow). It is read on first use, by a
stage after the parser; no stage changes the parse afterwards.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import DEP, HEAD, IDX, LOWER, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

from .schema import LABEL_TYPE

PARA_SEP = re.compile(r"\s*\n\s*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs: the non-empty lines, whitespace around them excluded."""
    out, pos = [], 0
    for m in PARA_SEP.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def line_sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences cut again at line breaks; the newline tokens themselves belong to no sentence."""
    spans = []
    for sent in doc.sents:
        start = sent.start
        for t in sent:
            if t.is_space and "\n" in t.text:
                if t.i > start:
                    spans.append(doc[start:t.i])
                start = t.i + 1
        if start < sent.end:
            spans.append(doc[start:sent.end])
    return spans


@dataclass
class EntityIndex:
    """The actor-label entities (PERSON, PLACE, FACTION, ORG ...: `schema.LABEL_TYPE`) and where they are."""
    ents: list[Span]
    at: list[int]  # per token: the position in `ents` of the entity covering it, or -1
    by_label: dict[str, list[Span]] = field(default_factory=dict)
    any_at: list[int] = field(default_factory=list)  # per token: the position in `every` of any entity, or -1
    every: list[Span] = field(default_factory=list)  # all of doc.ents, dates and numbers included

    @classmethod
    def build(cls, doc: Doc) -> EntityIndex:
        ents, at, any_at, every = [], [-1] * len(doc), [-1] * len(doc), list(doc.ents)
        by_label: dict[str, list[Span]] = defaultdict(list)
        for k, e in enumerate(every):
            any_at[e.start:e.end] = [k] * (e.end - e.start)  # dates and numbers too: tokens a name cannot take
            if e.label_ in LABEL_TYPE:
                at[e.start:e.end] = [len(ents)] * (e.end - e.start)
                ents.append(e)
                by_label[e.label_].append(e)
        return cls(ents, at, dict(by_label), any_at, every)


class ParseArrays:
    """The parse of a Doc as lists indexed by token: `heads[i]` the head's index (the root is its own head),
    `deps[i]`, `pos[i]`, `tags[i]`, `lower[i]` the strings `Token.dep_`, `.pos_`, `.tag_`, `.lower_` give, and
    `children.get(i, ())` the indices of the tokens whose head is `i`, in text order (`Token.children`)."""

    __slots__ = ("heads", "deps", "pos", "tags", "lower", "children")

    def __init__(self, doc: Doc):
        n = len(doc)
        strings = doc.vocab.strings
        arr = doc.to_array([HEAD, DEP, POS, TAG, LOWER]) if n else numpy.zeros((0, 5), dtype="uint64")
        # HEAD is the offset to the head, stored unsigned: read it back as a signed number
        self.heads = (arr[:, 0].astype("int64") + numpy.arange(n)).tolist()
        self.deps = _names(arr[:, 1], strings.__getitem__)
        self.pos = _names(arr[:, 2], POS_NAMES.__getitem__)
        self.tags = _names(arr[:, 3], strings.__getitem__)
        self.lower = _names(arr[:, 4], strings.__getitem__)
        children: dict[int, list[int]] = {}  # only the tokens that have children: fewer objects to make
        for i, h in enumerate(self.heads):
            if h != i:
                children.setdefault(h, []).append(i)
        self.children = children


def _names(column, name) -> list[str]:
    """The strings of a column of ids, each distinct id looked up once."""
    ids, where = numpy.unique(column, return_inverse=True)
    names = [name(int(x)) for x in ids]
    return [names[k] for k in where.tolist()]


class DocIndex:
    """Read-only facts of one Doc; see the module docstring. Build with `index(doc)`."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._ents_sig: tuple = ()
        self._ents: EntityIndex | None = None

    @cached_property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def tok_starts(self) -> list[int]:
        """Character offset of each token's first character."""
        return self.doc.to_array(IDX).tolist() if len(self.doc) else []

    @cached_property
    def lowers(self) -> list[int]:
        """The hash of each token's lower-cased form: one array read for every stage, no Token objects made."""
        return self.doc.to_array(LOWER).tolist() if len(self.doc) else []

    @cached_property
    def parse(self) -> ParseArrays:
        """The parse as lists (`ParseArrays`): read on first use, after the parser."""
        return ParseArrays(self.doc)

    def positions(self, ids: set[int] | frozenset[int]) -> list[int]:
        """The tokens whose lower-cased form's hash is in `ids` (`vocab.strings[word]` gives a word's hash)."""
        return [i for i, h in enumerate(self.lowers) if h in ids]

    def token_range(self, start_char: int, end_char: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens that start in [start_char, end_char)."""
        return bisect.bisect_left(self.tok_starts, start_char), bisect.bisect_left(self.tok_starts, end_char)

    def token_at(self, char: int) -> int:
        """Index of the token holding character `char` (the last token starting at or before it)."""
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    # ------------------------------------------------------------------ entities
    @property
    def entities(self) -> EntityIndex:
        """The entity index for the current `doc.ents` (recomputed only when they changed)."""
        sig = tuple((e.start, e.end, e.label) for e in self.doc.ents)
        if self._ents is None or sig != self._ents_sig:
            self._ents, self._ents_sig = EntityIndex.build(self.doc), sig
        return self._ents

    @property
    def ents(self) -> list[Span]:
        return self.entities.ents

    @property
    def ent_at(self) -> list[int]:
        return self.entities.at

    def ent(self, i: int) -> Span | None:
        """The actor-label entity covering token `i`, if any."""
        k = self.entities.at[i]
        return self.entities.ents[k] if k >= 0 else None

    def ents_by_label(self, label: str) -> list[Span]:
        return self.entities.by_label.get(label, [])

    # ------------------------------------------------------------------ paragraphs and sentences
    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Character spans of the paragraphs (non-empty lines)."""
        return paragraphs(self.text)

    @cached_property
    def _para_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph holding (or last starting before) character `char`."""
        return max(0, bisect.bisect_right(self._para_starts, char) - 1)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences cut at line breaks, in order; [] when the Doc has no sentence boundaries."""
        if not len(self.doc) or not self.doc.has_annotation("SENT_START") and not self.doc.has_annotation("DEP"):
            return [self.doc[:]] if len(self.doc) else []
        return line_sentences(self.doc)

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_of(self, i: int) -> Span:
        """The sentence holding token `i` (a newline token: the sentence before it)."""
        return self.sentences[max(0, bisect.bisect_right(self._sent_starts, i) - 1)]


def span_text(span: Span) -> str:
    """`span.text`, cut from the Doc's text kept by the index (`Span.text` joins its tokens' texts anew)."""
    return index(span.doc).text[span.start_char:span.end_char]


_LAST: list = [None, None]  # [doc, index]: the Doc being processed and its index (one per process)


def index(doc: Doc) -> DocIndex:
    """The shared index of `doc`; the same object for every stage that processes this Doc."""
    if _LAST[0] is not doc:
        _LAST[0], _LAST[1] = doc, DocIndex(doc)
    return _LAST[1]


def release() -> None:
    """Drop the cached index (the last stage calls it, so the Doc is not kept alive after the pipeline)."""
    _LAST[0] = _LAST[1] = None
