"""What the tagger reads besides the Doc, built once per pipeline: settings, matchers, gazetteer and registry."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

from ... import gazetteer
from ...lexicon import plurals
from .factions import pattern_matcher, registry_matcher
from .media import media_matcher
from .model import Votes
from .words import ARABIC_ARTICLES, FACTION_HEADS, ORG_HEADS


@dataclass
class Resources:
    label_map: dict[str, str]
    max_junk_words: int
    fuzzy_cutoff: float
    votes: Votes
    matcher: Matcher
    anchor_ids: set[int]
    arabic_heads: frozenset[str]
    not_names: frozenset[str]
    not_first: frozenset[str]
    phrases: PhraseMatcher
    short_acronyms: set[str]
    canon: dict[str, str]
    gaz: Any  # gazetteer.Gazetteer
    article_ids: set[int]
    hyphen: int
    head_ids: set[int]
    country_names: set[str]
    country_names_lower: set[str]
    capitals: dict[str, str]
    country_keys: Any
    pattern_words: frozenset[str]  # the words faction patterns are made of (nationality, modifier, head)
    media: Matcher  # state media (models/state_media.json)

    @classmethod
    def build(cls, vocab: Vocab, tokenizer: Tokenizer, settings: dict[str, Any], patterns: dict, stop: dict,
              votes: dict) -> Resources:
        """From the factory settings and the data files (faction patterns, names that are no actor, vote weights)."""
        matcher, anchor_ids = pattern_matcher(vocab, patterns)
        facs, canon = gazetteer.factions()
        phrases, short_acronyms = registry_matcher(vocab, tokenizer, facs)
        gaz = gazetteer.places()
        strings = vocab.strings
        country_names = set(gazetteer.country_names().values())
        return cls(
            label_map=dict(settings["label_map"]), max_junk_words=settings["max_junk_words"],
            fuzzy_cutoff=settings["fuzzy_cutoff"], votes=Votes.from_data(votes), matcher=matcher, anchor_ids=anchor_ids,
            arabic_heads=frozenset(patterns["lists"].get("arabic_head", ())),
            not_names=frozenset(stop["names"]), not_first=frozenset(stop["first_words"]),
            phrases=phrases, short_acronyms=short_acronyms, canon=canon, gaz=gaz,
            article_ids={strings.add(a) for a in ARABIC_ARTICLES}, hyphen=strings.add("-"),
            head_ids={strings.add(h) for h in plurals(ORG_HEADS | FACTION_HEADS)},
            country_names=country_names, country_names_lower={n.lower() for n in country_names},
            capitals=gazetteer.capitals(),
            # all-caps words are acronyms ("SANA" the news agency), places only when they name a country ("US")
            country_keys=gaz.country_keys,
            pattern_words=frozenset(w for k in ("nationality", "modifier", "head", "backed")
                                    for p in patterns["lists"][k] for w in p.split()),
            media=media_matcher(vocab))
