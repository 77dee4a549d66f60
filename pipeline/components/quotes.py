"""`sitrep_quotes`: direct and reported quotes with their speakers, on `doc._.quotes`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions

extensions.register()


class QuoteExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


@Language.factory("sitrep_quotes", default_config={})
def make_quotes(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp, name)
