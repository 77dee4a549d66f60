"""Attitude adjectives as cues: "X is confident that A", "X was adamant that A", "X is willing to A", "X has been
critical of A".

Definition (PolNeAR annotation guidelines, Newell et al. 2018): a description of the source ("Lowell was happy",
"Lowell felt hungry") is no attribution, but an emotion or stance that gives the source's disposition toward a
fact or a thing is ("Lowell was happy that the ice cream was pickle-free", "Lowell was shocked that ..."): beliefs,
intentions and desires, support or opposition are attitudes held by the source. So an adjective of attitude is a
cue only with its complement, and the complement is the content: a that-clause, a to-infinitive (an intention:
"willing to", "determined to"), or the object of the preposition that links the attitude to its object ("critical
of", "passionate about"). The adjective is predicated of the source by a copula or a verb like "seem" or
"remain" ("X is / was / remains confident that ..."); the source is the subject of that verb. The classes are
data: `attitude_adjectives` in models/quote_cues.json, adjective -> the complements it takes ("that", "to" or a
preposition).
"""
from __future__ import annotations

from spacy.tokens import Token


class Attitudes:
    """Adjective -> the complements it takes; `content` gives one adjective's content span and its predicate."""

    def __init__(self, table: dict[str, list[str]], linking: frozenset[str]):
        self.table = {a: frozenset(c) for a, c in table.items()}
        self.linking = linking

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.table)

    def predicate(self, adj: Token) -> Token | None:
        """The verb that predicates `adj` of the source: the copula or linking verb it complements ("X is /
        remains / seemed confident"), or `adj` itself as a participle with its own "be" ("X was convinced")."""
        if adj.dep_ in ("acomp", "oprd") and adj.head.lower_ in self.linking:
            return adj.head
        if adj.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") and c.lower_ in self.linking
                                     for c in adj.children):
            return adj
        return None

    def content(self, adj: Token) -> tuple[Token, int, int] | None:
        """(predicate, start, end) of the complement of attitude adjective `adj`, or None."""
        takes = self.table.get(adj.lower_)
        pred = self.predicate(adj) if takes else None
        if pred is None:
            return None
        heads = [adj] if pred is adj else [adj, pred]
        for h in heads:
            for c in h.rights:
                if c.i <= adj.i:
                    continue
                if "that" in takes and c.dep_ == "ccomp" and c.tag_ != "VBG":
                    return pred, c.left_edge.i, c.right_edge.i + 1
                if "to" in takes and c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to"
                                                               for g in c.children):
                    return pred, c.left_edge.i, c.right_edge.i + 1
                if c.dep_ == "prep" and c.lower_ in takes:
                    obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None:
                        return pred, obj.left_edge.i, obj.right_edge.i + 1
        return None
