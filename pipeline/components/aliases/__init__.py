"""`sitrep_aliases`: group a document's mentions into actors; every mention gets `span._.actor_key`.

Links, within one document: spelling variants ("Dara al-Balad" -> "Daraa al-Balad", rapidfuzz), surnames and
partial names to the one full name they belong to ("Hourani" -> "Hamza al-Hourani"), registry aliases
("Daesh", "ISIL" -> "Islamic State"), acronyms and "also known as" ("Islamic State of Iraq and the Levant (ISIL)"),
and short forms of a faction to its one fuller form ("the regime", "regime forces" -> "Syrian regime forces").
Places get coordinates from the gazetteer, choosing among same-name places by the document's other places.

The steps: `clusters` (the link rules), `geo` (placing the place clusters), `records` (state forces, names, keys,
roles); their per-Doc facts are one `model.DocContext`, never state of the component.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ... import extensions, gazetteer
from ...gazetteer import place_key
from ...linkrules import Guards
from ..base import Component, read_model_json
from .clusters import initials, link
from .geo import geocode
from .model import DocContext, Lookups
from .records import build_actors, join_state_forces, state_forces, state_media, state_name

extensions.register()


class AliasLinker(Component):
    """Settings: `fuzzy_cutoff` (rapidfuzz ratio of two spellings of one name) and `nominals` (the description
    nouns of models/nominals.json: the heads an organisation is described by; written by `to_disk`). The gazetteer
    and the faction registry are process-wide (`gazetteer`, shared with the corpus linker), not the component's."""

    data_files = {"nominals": read_model_json}

    def setup(self, data: dict) -> None:
        gaz, capitals = gazetteer.places(), gazetteer.capitals()
        canon = gazetteer.factions()[1]
        self.lookups = Lookups(gaz, canon, capitals, Guards(gaz, canon, capitals), gazetteer.country_names(),
                               self.settings["fuzzy_cutoff"],
                               frozenset(data["nominals"]["classes"]["ORG"]) if "nominals" in data else frozenset())

    def process(self, doc: Doc) -> Doc:
        lx = self.lookups
        ctx = DocContext.build(doc, lx.guards)
        link(ctx, lx)
        clusters = ctx.clusters()
        places = geocode(ctx, lx, clusters)
        state, media = state_forces(ctx, lx, clusters, places), state_media(ctx, lx, clusters, places)
        if state or media:
            join_state_forces(ctx, state, media)
            clusters = ctx.clusters()
        doc._.actor_clusters = build_actors(ctx, lx, clusters, places, state, media)  # sitrep_actors: doc._.actors
        return doc


@Language.factory("sitrep_aliases", default_config={"fuzzy_cutoff": 88.0, "nominals": "nominals.json"},
                  assigns=["doc._.actor_clusters", "span._.actor_key"], requires=["doc.ents", "token.dep"])
def make_aliases(nlp: Language, name: str, fuzzy_cutoff: float, nominals: str) -> AliasLinker:
    return AliasLinker(nlp, name, fuzzy_cutoff=fuzzy_cutoff, nominals=nominals)


__all__ = ["AliasLinker", "initials", "make_aliases", "place_key", "state_name"]
