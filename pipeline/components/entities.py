"""`sitrep_entities`: map the base model's entity labels onto PERSON / PLACE / FACTION / ORG.

Other labels the model predicts (DATE, CARDINAL, ...) are kept as they are: the incident stage reads them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions

extensions.register()

DEFAULT_LABEL_MAP = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG"}
DROP = {"NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}


class EntityMapper:
    def __init__(self, nlp: Language, name: str, label_map: dict[str, str]):
        self.name = name
        self.label_map = dict(label_map)

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            if ent.label_ in self.label_map:
                ents.append(Span(doc, ent.start, ent.end, label=self.label_map[ent.label_]))
            elif ent.label_ not in DROP:
                ents.append(ent)
        doc.ents = ents
        return doc


@Language.factory("sitrep_entities", default_config={"label_map": DEFAULT_LABEL_MAP})
def make_entities(nlp: Language, name: str, label_map: dict[str, str]) -> EntityMapper:
    return EntityMapper(nlp, name, label_map)
