"""`sitrep_quotes`: direct and reported quotes with their speakers, on `doc._.quotes`.

Quotation marks are paired with a character scan (`marks`: robust to the sentence splitter breaking inside
quotes; double marks, and single ones told from apostrophes by their form; nested and multi-paragraph
quotes included); the attribution is read from a short window before or after
the marks (`cues`: the cue verb, a colon, a dash and a name, a transcript label) and the parse (`subjects`: the
cue's subject), or from a speech-act verb governing a short fragment ("called it “a disgrace”"). Reported speech
comes from the parse alone (`indirect`, `reported`): a speech verb with a clausal complement, a parenthetical cue,
or "according to X"; a marked fragment inside it makes it "mixed". Marked text with no cue is kept only when it
continues a quoted speaker (`continuation`); everything else in marks (scare quotes, names, pull quotes) is
dropped. Speakers (`mentions`, `speakers`): pronouns resolve to the last suitable speaker or mention; the
`confidence` weights, cues, titles and pronouns are data (models/quote_cues.json). Records: `model`.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ... import docindex
from ..base import Component, read_model_json
from ..boilerplate import start_outside
from . import marks
from .continuation import uncued
from .cues import direct_quotes, nested_quotes
from .model import Candidate, Cues, DocContext, Segment
from .reported import reported_quotes
from .speakers import attribute

DEFAULT_LEXICON = "quote_cues.json"  # relative to models/

__all__ = ["DEFAULT_LEXICON", "QuoteExtractor", "extract", "make_quotes", "prepare"]


def prepare(doc: Doc, cues: Cues) -> tuple[DocContext, list[Segment], list[Segment]]:
    """The Doc's context, its marked spans (their tokens marked `inside`) and the quotes nested in them."""
    ctx = DocContext.build(doc, cues)
    segs = marks.segments(ctx.text, ctx.paras, cues.max_scare_words)
    nested = [s for s in segs if s.nested]
    # a nickname inside a name (Marcia “Cia” Price) is neither a quote nor a boundary of a cue window
    segs = [s for s in segs if not s.nested and not marks.nickname(ctx.text, s)]
    ctx.inside = [False] * len(doc)
    for s in segs:
        s.toks = ctx.tok_range(s.start, s.end)
        for t in range(*s.toks):
            ctx.inside[t] = True
    return ctx, segs, nested


def extract(doc: Doc, cues: Cues) -> list[dict]:
    """The quote records of `doc`: the four steps over the marked spans and the parse."""
    if not docindex.index(doc).text.strip() or len(doc) == 0:
        return []
    ctx, segs, nested = prepare(doc, cues)
    used_cues = direct_quotes(ctx, segs)
    nested_quotes(ctx, segs, nested)
    reported = reported_quotes(ctx, segs, used_cues)
    uncued(ctx, segs, reported)
    direct = [Candidate(s.attr, s.start, s.end, "direct", s.cont, s.frag) for s in segs + nested
              if s.kind == "direct" and s.attr]
    return attribute(ctx, reported + direct)


def outside_furniture(doc: Doc, quotes: list[dict]) -> list[dict]:
    """No quote starts in page furniture (sitrep_boilerplate): one that runs on past it starts after it (a
    sentence the scraper glued to a tag list), one inside it is dropped."""
    furniture = doc._.boilerplate or []
    if not furniture:
        return quotes
    text = docindex.index(doc).text
    out = []
    for q in quotes:
        start = start_outside(furniture, text, q["start_char"], q["end_char"])
        if start is None:
            continue
        if start != q["start_char"]:
            q = {**q, "start_char": start, "text": text[start:q["end_char"]]}
        out.append(q)
    return out


class QuoteExtractor(Component):
    """The component: the lexicon compiled into `Cues` once; each Doc gets its own `DocContext`."""
    data_files = {"lexicon": read_model_json}

    def __init__(self, nlp: Language, name: str, **settings: Any):
        self.strings = nlp.vocab.strings
        super().__init__(nlp, name, **settings)

    def setup(self, data: dict[str, Any]) -> None:
        self.cues = Cues.build(data["lexicon"], self.strings, self.settings["max_scare_words"],
                               self.settings["min_indirect_tokens"])

    def process(self, doc: Doc) -> None:
        doc._.quotes = []  # a failure below leaves no quotes and an errors row (Component.__call__)
        doc._.quotes = outside_furniture(doc, extract(doc, self.cues))


@Language.factory("sitrep_quotes", default_config={"lexicon": DEFAULT_LEXICON, "max_scare_words": 4,
                                                   "min_indirect_tokens": 2},
                  assigns=["doc._.quotes", "doc._.speaker_roles"],
                  requires=["token.dep", "token.tag", "doc.ents", "doc._.actor_clusters"])
def make_quotes(nlp: Language, name: str, lexicon: str, max_scare_words: int,
                min_indirect_tokens: int) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, lexicon=lexicon, max_scare_words=max_scare_words,
                          min_indirect_tokens=min_indirect_tokens)
