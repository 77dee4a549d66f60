"""The records the alias steps share: the process-wide lookups, and the facts of one Doc (never kept on the
component, so two documents can never see each other's mentions)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ... import docindex, gazetteer
from ...linkrules import GuardedUnionFind, Guards
from ...text import norm_name

Key = tuple[str, str]  # (label, normalised name): the mentions of one key are one name
Clusters = dict[Key, list[Key]]  # cluster root -> its member keys


@dataclass(frozen=True)
class Lookups:
    """The component's data: the gazetteer, the faction registry (name -> canonical name), capitals (name ->
    ISO-2), the link guards, country names by ISO-2, the fuzzy cutoff (rapidfuzz ratio of two spellings) and the
    head nouns an organisation is described by ("the Observatory", "the council": models/nominals.json)."""
    gaz: gazetteer.Gazetteer
    canon: dict[str, str]
    capitals: dict[str, str]
    guards: Guards
    countries: dict[str, str]
    fuzzy_cutoff: float
    org_heads: frozenset[str] = frozenset()


def mention_key(guards: Guards, ent: Span) -> Key:
    """A mention's name key: its label and normalised name, a possessive without apostrophe ("Syrias") folded,
    and a place's compass word ("eastern Homs" is Homs: `Guards.place_base`)."""
    text = ent.text if ent.label_ == "PERSON" else guards.place_base(ent.text) if ent.label_ == "PLACE" \
        else guards.possessive_base(ent.text)
    return ent.label_, norm_name(text) or text.lower()


@dataclass
class DocContext:
    """One Doc's mentions grouped by name key, the keys longest first, and the guarded sets that link them."""
    doc: Doc
    text: str
    mentions: list[Span]  # the actor mentions (labels of LABEL_TYPE), in text order
    groups: dict[Key, list[Span]]
    keys: list[Key]
    sets: GuardedUnionFind

    @classmethod
    def build(cls, doc: Doc, guards: Guards) -> DocContext:
        ix = docindex.index(doc)
        mentions = list(ix.ents)
        groups: dict[Key, list[Span]] = defaultdict(list)
        for ent in mentions:
            groups[mention_key(guards, ent)].append(ent)
        keys = sorted(groups, key=lambda k: (-len(k[1]), k))
        # every link is proposed, then kept only if the cluster still passes the guards (linkrules.py)
        sets = GuardedUnionFind({k: guards.signature(k[0], groups[k][0].text) for k in keys})
        text = ix.text  # doc.text rebuilds the string: the shared index reads it once
        return cls(doc, text, mentions, groups, keys, sets)

    def first(self, k: Key) -> str:
        """The text of the first mention of a key."""
        return self.groups[k][0].text

    def count(self, members: list[Key]) -> int:
        """How many mentions the keys have together."""
        return sum(len(self.groups[m]) for m in members)

    def clusters(self) -> Clusters:
        """The current clusters: root -> member keys, in key order."""
        out: Clusters = defaultdict(list)
        for k in self.keys:
            out[self.sets.find(k)].append(k)
        return out
