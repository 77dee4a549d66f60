"""`sitrep_truecase` and `sitrep_restore_case`: run the model on recased text, hand back the text as written.

A document mostly in capitals (pipeline/truecase.py says when, and how it is recased) is replaced, before the
model runs, by a Doc with the same tokens and whitespace whose words are recased one character for one
character; the original text waits in `doc.user_data`. The last stage builds the Doc of the original words
again and copies every annotation over (tags, parse, entities, span groups, extensions: the same tokens at the
same character offsets), so mention, quote and incident offsets and texts are those of the text as ingested.
Any other document passes both stages untouched.
"""
from __future__ import annotations

from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions
from ..truecase import Truecaser, mostly_caps
from .base import Component

extensions.register()

ORIGINAL = "sitrep_original_text"  # doc.user_data key: the text as written, while the recased Doc is processed
_TRUECASER: list[Truecaser] = []


def truecaser() -> Truecaser:
    """One Truecaser per process (its lexicon is built on the first document in capitals)."""
    if not _TRUECASER:
        _TRUECASER.append(Truecaser())
    return _TRUECASER[0]


def _copy_doc(doc: Doc, words: list[str]) -> Doc:
    new = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    new.user_data.update(doc.user_data)
    if hasattr(doc, "_context"):
        new._context = doc._context
    return new


class Truecase(Component):
    """Settings: `min_share` and `min_letters` (when a document is mostly in capitals). Its lexicon is the
    process-wide `truecaser()` (built from models/ on the first document in capitals)."""

    def setup(self, data: dict) -> None:
        self.min_share, self.min_letters = self.settings["min_share"], self.settings["min_letters"]

    def process(self, doc: Doc) -> Doc:
        text = doc.text
        if not mostly_caps(text, self.min_share, self.min_letters):
            return doc
        cased = truecaser()(text)
        if len(cased) != len(text):  # never: the recasing keeps every character's place
            return doc
        new = _copy_doc(doc, [cased[t.idx:t.idx + len(t)] for t in doc])
        new.user_data[ORIGINAL] = text
        return new


class RestoreCase(Component):
    """No settings and no data: it copies the annotations of the recased Doc onto the words as written."""

    def process(self, doc: Doc) -> Doc:
        text = doc.user_data.get(ORIGINAL)
        if text is None:
            return doc
        cased = doc.text
        new = _copy_doc(doc, [text[t.idx:t.idx + len(t)] for t in doc])
        del new.user_data[ORIGINAL]
        attrs = [TAG, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE, ENT_KB_ID]
        attrs += [HEAD, DEP] if doc.has_annotation("DEP") else [SENT_START]
        new.from_array(attrs, doc.to_array(attrs))
        for key, group in doc.spans.items():
            new.spans[key] = [Span(new, s.start, s.end, label=s.label_) for s in group]
        restore = _restorer(text, cased)
        for q in new._.quotes or []:
            q["text"] = text[q["start_char"]:q["end_char"]]
        for inc in new._.incidents or []:
            for k in ("evidence", "date_text"):
                if isinstance(inc.get(k), str):
                    inc[k] = restore(inc[k])
        return new


def _restorer(text: str, cased: str):
    """A string of the recased text -> the same characters as written (where it can be found)."""
    def restore(s: str) -> str:
        k = cased.find(s)
        return text[k:k + len(s)] if k >= 0 else s
    return restore


@Language.factory("sitrep_truecase", default_config={"min_share": 0.8, "min_letters": 20})
def make_truecase(nlp: Language, name: str, min_share: float, min_letters: int) -> Truecase:
    return Truecase(nlp, name, min_share=min_share, min_letters=min_letters)


@Language.factory("sitrep_restore_case", default_config={}, requires=["token.tag", "token.dep", "doc.ents"])
def make_restore_case(nlp: Language, name: str) -> RestoreCase:
    return RestoreCase(nlp, name)
