"""`sitrep_entities`: the model's entities + gazetteers (places, factions) + label repair -> PERSON/PLACE/FACTION/ORG.

Why: the small model tags "Daraa al-Balad" PERSON and "Karak" ORG and misses "regime forces". Three cheap
signals fix most of that: an offline gazetteer (GeoNames + curated districts), faction patterns and the UCDP
registry, and context cues ("in X", "the X neighborhood", "shelled X", "Gen. X"). Then one label per string
across the document, so a place tagged right once is right everywhere. Other model labels (DATE, CARDINAL, ...)
are kept as they are: the incident stage reads them.

The steps, one module each: `labels` (the model's entities in our labels), `factions` and `places` (candidates
from patterns, registry and gazetteer), `select` (one span per token), `votes` (one label per string, weights in
models/entity_votes.json), `relabel` (what other names of the document say), `states` (foreign states as
sides), `finish` (`doc.ents`). Records are in `model`, word classes in `words`.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ... import docindex, extensions
from ..base import Component, read_model_json
from .finish import cut_at_furniture, extend_admin, set_ents
from .labels import model_entities
from .model import VOTES_FILE, Flags, Selection
from .places import gazetteer_spans
from .relabel import lone_name_words, platforms, registry_factions, spelled_acronyms
from .resources import Resources
from .select import choose_factions, choose_model, choose_places, choose_rest, faction_candidates
from .states import foreign_states
from .votes import vote_labels
from .words import ADMIN_NOUNS, DEFAULT_LABEL_MAP, PLACE_NOUNS, PLACE_PREPS

extensions.register()

NOT_ACTOR_NAMES = "not_actor_names.json"


class EntityTagger(Component):
    """Settings: `label_map` (model label -> ours), `patterns_file` (faction patterns in models/),
    `max_junk_words` (longest line that is a label, not a sentence), `fuzzy_cutoff` (spelling variants)."""

    data_files = {"patterns_file": read_model_json}

    def __init__(self, nlp: Language, name: str, **settings: Any):
        self.tokenizer = nlp.tokenizer  # makes the registry's phrase patterns
        super().__init__(nlp, name, **settings)

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None, **data: Any) -> None:
        data.setdefault("not_actor_names", read_model_json(NOT_ACTOR_NAMES))
        data.setdefault("votes", read_model_json(VOTES_FILE))
        super().initialize(get_examples, nlp=nlp, **data)

    def setup(self, data: dict[str, Any]) -> None:
        self.res = Resources.build(self.vocab, self.tokenizer, self.settings, data["patterns_file"],
                                   data["not_actor_names"], data["votes"])

    def process(self, doc: Doc) -> None:
        res, text, flags = self.res, docindex.index(doc).text, Flags.of(doc)
        model, keep_other = model_entities(res, doc)
        sel = Selection.empty(len(doc))
        choose_factions(res, doc, faction_candidates(res, doc, flags.lower, model), model, sel)
        for ent in keep_other:  # dates, numbers: "in May" is a month
            sel.take(ent.start, ent.end)
        gaz_hits = {(s, e): key for s, e, key in gazetteer_spans(res, text, flags) if sel.free(s, e)}
        used_gaz = choose_model(res, doc, model, gaz_hits, sel)
        choose_places(res, doc, gaz_hits, used_gaz, sel)
        choose_rest(res, doc, flags.title, sel)
        cut_at_furniture(doc, sel)  # before the vote: "Aleppo - YouTube" is voted as "Aleppo"
        self.repair(doc, sel)
        extend_admin(doc, sel)
        set_ents(res, doc, text, sel, keep_other)

    def repair(self, doc: Doc, sel: Selection) -> None:
        """Labels from the whole document: the vote per string, then what other names and states say."""
        vote_labels(self.res, doc, sel.chosen)
        registry_factions(self.res, doc, sel.chosen)
        spelled_acronyms(doc, sel.chosen)
        platforms(doc, sel.chosen)
        lone_name_words(self.res, doc, sel.chosen)
        foreign_states(self.res, doc, sel.chosen)


@Language.factory("sitrep_entities", default_config={"label_map": DEFAULT_LABEL_MAP,
                                                     "patterns_file": "faction_patterns.json",
                                                     "max_junk_words": 3, "fuzzy_cutoff": 88.0},
                  assigns=["doc.ents"], requires=["doc.ents", "token.pos", "token.dep", "doc._.boilerplate"])
def make_entities(nlp: Language, name: str, label_map: dict[str, str], patterns_file: str, max_junk_words: int,
                  fuzzy_cutoff: float) -> EntityTagger:
    return EntityTagger(nlp, name, label_map=label_map, patterns_file=patterns_file, max_junk_words=max_junk_words,
                        fuzzy_cutoff=fuzzy_cutoff)


__all__ = ["ADMIN_NOUNS", "DEFAULT_LABEL_MAP", "EntityTagger", "PLACE_NOUNS", "PLACE_PREPS", "make_entities"]
