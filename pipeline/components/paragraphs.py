"""`sitrep_paragraphs`: a line break starts a sentence, before the parser runs.

News text puts headlines, datelines and captions on their own lines without final punctuation; left to itself the
parser joins them to the next sentence and every later stage reads a wrong parse.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import Component


class ParagraphBreaks(Component):
    """No settings and no data: the rule is the definition above."""

    def process(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if prev.is_space and "\n" in prev.text and not doc[i].is_space:
                doc[i].is_sent_start = True
        return doc


@Language.factory("sitrep_paragraphs", default_config={}, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(nlp, name)
