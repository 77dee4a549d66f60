"""`sitrep_nominals`: common-noun mentions of actors already named ("the town", "the group", "the commander").

Why: a quarter of the mentions of an actor in news are descriptions, not names, and the link a reader makes
("Joseph Votel, commander of U.S. Central Command"; "Daquq, a town south of Kirkuk"; "the Islamic State group ...
the group") is what ties a role or a place type to a name. A noun phrase whose head is a type noun (lexicon in
models/nominals.json) becomes a mention when it refers to a named actor of its class:
  - apposition or title: "Daquq, a town ...", "the spokesman, Col. X", "commander Joseph Votel", "the town of X";
  - a definite description whose noun is part of the actor's name ("the coalition" -> "U.S.-led coalition") or
    was its title/role ("the general" -> "Gen. Joseph Votel");
  - a definite generic ("the town", "the group") -> the nearest preceding actor of the class, a few sentences back;
  - a group noun that modifies another ("coalition aircraft", or with the "s" of a possessive whose apostrophe the
    source dropped, "the coalitions airstrike") -> the earlier group whose name holds it, never a generic's nearest.
A description that refers to no named actor is dropped: nominal mentions never create actors. The span is the
head with its left modifiers, up to the head ("commander" in "commander of U.S. Central Command"), so it never
overlaps a name; the mention takes the antecedent's label and `actor_key`. Nominal mentions go to
`doc.spans["sitrep_nominals"]` (and the mentions table), not to `doc.ents`: the quote and incident stages read
names from `doc.ents`, and may opt in to descriptions from the span group.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import docindex, extensions, gazetteer
from ..schema import LABEL_TYPE
from ..text import COPULAS
from .base import Component, read_model_json
from .boilerplate import in_ranges

extensions.register()
SPAN_KEY = "sitrep_nominals"  # doc.spans group: kept out of doc.ents, so stages that read names see names only

LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "advmod", "nmod", "npadvmod", "quantmod", "case", "punct"}
COMPAT = {"PLACE": ("PLACE",), "PERSON": ("PERSON",), "FACTION": ("FACTION", "ORG"), "ORG": ("ORG", "FACTION")}


@dataclass
class NominalDoc:
    """One Doc's facts the nominal steps share (never kept on the component): its entities, the entity at each
    token (`len(ents)` where a nominal mention already took it), the named actor mentions and their starts, the
    words that named each person, sentence starts, and the named mention each noun last described."""
    doc: Doc
    ents: list[Span]
    ent_at: list[int]
    named: list[Span]
    starts: list[int]
    sent_starts: list[int]
    titles: dict[str, set[str]] = field(default_factory=dict)
    described: dict[str, Span] = field(default_factory=dict)  # noun -> the named mention ("a town" -> Daquq)

    @classmethod
    def build(cls, doc: Doc) -> NominalDoc:
        ix = docindex.index(doc)
        ents = ix.entities.every
        ent_at = list(ix.entities.any_at)  # a copy: tokens a nominal takes are marked in it
        named = [e for e in ents if e.label_ in LABEL_TYPE and e._.actor_key]
        sent_starts = [s.start for s in ix.sentences] or [0]
        return cls(doc, ents, ent_at, named, [e.start for e in named], sent_starts)

    def named_at(self, i: int) -> Span | None:
        """The named actor mention at token `i`, if any (not one a nominal took)."""
        if 0 <= i < len(self.doc) and 0 <= self.ent_at[i] < len(self.ents):
            e = self.ents[self.ent_at[i]]
            return e if e.label_ in LABEL_TYPE and e._.actor_key else None
        return None


def name_after_phrase(d: NominalDoc, tok: Token) -> int | None:
    """Where a name after the whole phrase of `tok` and a comma would start, past up to five title words ("the
    Minister of Foreign Affairs of Iraq, HE Dr Ibrahim Al-Ja'afari"); None when no comma follows the phrase."""
    doc, j = d.doc, tok.right_edge.i + 1
    if not (j < len(doc) and doc[j].text == ","):
        return None
    j += 1
    while j < len(doc) - 1 and j <= tok.right_edge.i + 5 and d.ent_at[j] < 0 and (doc[j].is_title or doc[j].is_upper):
        j += 1  # titles before the name: "HE Dr", "Gen."
    return j


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


class NominalLinker(Component):
    """Settings: `lexicon_file` (type nouns and determiners, in models/), `max_sentences_back` (how far back a
    generic description looks for its antecedent)."""

    data_files = {"lexicon_file": read_model_json}

    def setup(self, data: dict[str, Any]) -> None:
        self.max_back = self.settings["max_sentences_back"]
        spec = data["lexicon_file"]
        self.classes: dict[str, tuple[str, ...]] = {}
        for label, words in spec["classes"].items():
            for w in words:
                self.classes[w] = (*self.classes.get(w, ()), label)
        self.generic = frozenset(spec["generic"])
        self.dets = frozenset(spec["determiners"])
        self.described_as: dict[str, str] = {}  # noun -> label of a description that refers to no named actor
        for label, words in spec.get("descriptions", {}).items():
            for w in words:
                self.described_as.setdefault(w, label)
        self.person_dets = frozenset(spec.get("person_determiners", ()))
        self.kinds = {w: frozenset(heads) for w, heads in spec.get("kinds", {}).items()}
        kinds = spec["place_kind_nouns"]  # "the country" is a country, "the town" a settlement
        self.country_nouns, self.admin_nouns = frozenset(kinds["country"]), frozenset(kinds["admin"])
        self.settlement_nouns = frozenset(kinds["settlement"])
        self.abbreviations = spec["title_abbreviations"]  # "Gen." before a name: "the general" refers to it
        self.peoples = frozenset(spec.get("peoples", ()))
        self.attribute_suffixes = frozenset(spec.get("attribute_suffixes", ()))
        self.compatible = {w: frozenset(lab for c in cs for lab in COMPAT[c]) for w, cs in self.classes.items()}
        self._ids = {self.vocab.strings.add(w): w for w in (*self.classes, *self.described_as, *self.peoples)}
        # "the coalitions airstrike": a group noun with the "s" of a possessive whose apostrophe the source dropped
        self._possessive_ids = {self.vocab.strings.add(w + "s"): w for w in self.classes
                                if not w.endswith("s") and w + "s" not in self.classes}
        self.gaz = gazetteer.places()
        self._kind: dict[str, str | None] = {}

    def _place_kind(self, name: str) -> str | None:
        if name not in self._kind:
            best = self.gaz.best(self.gaz.lookup(name))
            self._kind[name] = best.kind if best is not None else None
        return self._kind[name]

    def _fits_place(self, noun: str, name: str) -> bool:
        """"the country" is a country, "the town" is not a country or a province."""
        kind = self._place_kind(name)
        if noun in self.country_nouns:
            return kind == "country"
        if noun in self.admin_nouns:
            return kind in ("admin1", "region", None)
        if noun in self.settlement_nouns:
            return kind not in ("country", "admin1", "region", "river")
        return True

    def process(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lower = docindex.index(doc).lowers
        hits = [i for i, h in enumerate(lower) if h in self._ids or h in self._possessive_ids]
        if not hits:
            return doc
        actors = {a["key"]: a for a in (doc._.actor_clusters or [])}
        d = NominalDoc.build(doc)
        d.titles = self._titles(doc, d.named, actors)
        links: dict[str, int] = {}  # actor key -> descriptions linked to it: sitrep_actors adds them up
        new: list[Span] = []
        for i in hits:
            noun = self._ids.get(lower[i])
            if noun is None:  # "coalitions" before the noun it owns ("coalitions Air Force") is "coalition"
                if not (i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")):
                    continue
                noun = self._possessive_ids[lower[i]]
            sp, key = self._mention(d, doc[i], noun, modifier=noun != self._ids.get(lower[i]))
            if sp is None:
                continue
            if key in actors:
                links[key] = links.get(key, 0) + 1
            new.append(sp)
            for t in range(sp.start, sp.end):
                d.ent_at[t] = len(d.ents)  # taken: no second nominal over these tokens
        furniture = doc._.boilerplate or []  # page furniture (sitrep_boilerplate): no mention starts there
        doc._.nominal_links = links
        doc.spans[SPAN_KEY] = [sp for sp in new if not in_ranges(furniture, sp.start_char)] if furniture else new
        return doc

    def _mention(self, d: NominalDoc, tok: Token, noun: str,
                 modifier: bool = False) -> tuple[Span | None, str | None]:
        """The nominal mention `tok` heads and its actor key: with its antecedent's label and actor, or a
        description's label without an actor (key None); (None, None) when it is neither. A noun that modifies
        another ("coalition aircraft", and `modifier`: the apostrophe-less possessive "the coalitions airstrike")
        is a mention only of the group whose name holds it (`_owner`)."""
        if d.ent_at[tok.i] >= 0 or tok.pos_ not in ("NOUN", "PROPN"):
            return None, None
        if modifier or tok.dep_ in ("compound", "amod"):
            ante = self._owner(d, tok, noun)
            if ante is None:
                return None, None
            sp = Span(d.doc, tok.i, tok.i + 1, label=ante.label_)
            sp._.actor_key = ante._.actor_key
            return sp, ante._.actor_key
        span = self._span(d.doc, tok, d.ent_at)
        if span is None:
            return None, None
        ante = self._antecedent(d, tok, noun, span) if noun in self.classes and d.named else None
        if ante is not None:
            d.described[_singular(noun)] = ante
            sp = Span(d.doc, span[0], span[1], label=ante.label_)
            sp._.actor_key = ante._.actor_key
            return sp, ante._.actor_key
        label = self._description(d.doc, tok, noun, d.ents, d.ent_at)
        return (None if label is None else Span(d.doc, span[0], span[1], label=label)), None  # names no one

    def _owner(self, d: NominalDoc, tok: Token, noun: str) -> Span | None:
        """"coalition aircraft", "the coalitions Air Force" after "the US-led coalition": a group noun that says
        whose the next noun is refers, like a definite description, to the earlier group whose name holds it
        (newswire's bare noun modifier is the group named before: a noun modifier is singular and refers). Only a
        name's own word, never the nearest group of a generic noun ("group", "militants"), and only groups: a
        place word that modifies ("hospital staff") describes, it does not refer."""
        if noun in self.generic or not set(self.classes.get(noun, ())) & {"FACTION", "ORG"}:
            return None
        k = bisect.bisect_left(d.starts, tok.i)
        for e in reversed(d.named[:k]):
            if e.label_ in ("FACTION", "ORG") and len(e) > 1 and self._refers(noun, e) \
                    and any(_singular(t.lower_) == noun for t in e):
                return e
        return None

    def _description(self, doc: Doc, tok, noun: str, ents: list[Span], ent_at: list[int]) -> str | None:
        """The label of a description that refers to no named actor ("a hospital", "civilians", "a spokesman"), or
        None when the noun is not one or does not head a noun phrase of its own ("hospital staff")."""
        if noun in self.peoples:  # "Syrians", "the Kurds": a people, when the word is a plural noun
            return "FACTION" if tok.tag_ in ("NNS", "NNPS") else None
        label = self.described_as.get(noun)
        if label is None or tok.pos_ != "NOUN" or tok.dep_ in ("attr", "appos"):
            return None  # "X is an activist", "X, an activist": they say what X is; X is the mention
        left = range(tok.left_edge.i, tok.i)
        if any(0 <= ent_at[t] < len(ents) and ents[ent_at[t]].label_ in COMPAT[label] for t in left):
            return None  # "the Islamic State group": the name inside is the mention ("ISIL-held buildings" is not)
        if label == "PERSON":
            first = doc[tok.left_edge.i]
            if tok.tag_ != "NN" or not left or first.lower_ not in self.person_dets and first.pos_ != "NUM":
                return None  # "a spokesman", "one man": a bare "leader" is a role, not a mention
        return label

    @staticmethod
    def _span(doc: Doc, tok, ent_at: list[int]) -> tuple[int, int] | None:
        """The head with its left modifiers, after the last name or number inside them."""
        start = tok.i
        for c in tok.lefts:
            if c.dep_ in LEFT_DEPS:
                start = min(start, c.left_edge.i)
        for t in range(tok.i - 1, start - 1, -1):
            if ent_at[t] >= 0 or doc[t].is_punct and doc[t].text not in ("-",) or "\n" in doc[t].text:
                start = t + 1
                break
        while start < tok.i and (doc[start].is_punct or doc[start].is_space or doc[start].tag_ == "POS"):
            start += 1
        return start, tok.i + 1

    def _antecedent(self, d: NominalDoc, tok: Token, noun: str, span: tuple[int, int]) -> Span | None:
        """The named mention a description refers to: said beside it (apposition, a title, "the town of X", a
        copula), else, for a definite description, an earlier actor it names or the nearest of its class."""
        for step in (self._appositive, self._titled, self._predicate, self._definite, self._of_kind):
            e = step(d, tok, noun, span)
            if e is not None:
                return e
        return None

    def _refers(self, noun: str, e: Span | None) -> bool:
        """A named mention the noun can describe: of a compatible label, with an actor, a place of its kind."""
        if e is None or e.label_ not in self.compatible[noun] or not e._.actor_key:
            return False
        if e.label_ == "PLACE":
            return "PLACE" in self.classes[noun] and self._fits_place(noun, e.text)
        if e.label_ == "PERSON":
            return "PERSON" in self.classes[noun]
        return any(c in ("FACTION", "ORG") for c in self.classes[noun])

    def _appositive(self, d: NominalDoc, tok: Token, noun: str, span: tuple[int, int]) -> Span | None:
        """Apposition: "Daquq, a town ...", "the spokesman, Col. X", "X, commander of Y". An indefinite one about
        a person ("X, an activist with Y") classifies rather than refers: it is the actor's role, not a mention."""
        doc = d.doc
        indefinite = doc[span[0]].lower_ in ("a", "an")

        def fits(e: Span | None) -> bool:
            return self._refers(noun, e) and not (indefinite and e.label_ == "PERSON")

        heads = [tok.head.i] if tok.dep_ == "appos" else []
        for i in heads + [c.i for c in tok.rights if c.dep_ == "appos"]:
            if fits(d.named_at(i)):
                return d.named_at(i)
        # "the Minister of Foreign Affairs of Iraq, HE Dr Ibrahim Al-Ja'afari": the name after the whole phrase
        j = name_after_phrase(d, tok)
        if j is not None and not indefinite:
            e = d.named_at(j)
            if fits(e) and e.label_ == "PERSON" and e.start == j:
                return e
        s = span[0]
        if s >= 2 and doc[s - 1].text == ",":
            e = d.named_at(s - 2)
            if fits(e) and (doc[s].lower_ in ("a", "an", "the") or doc[s].i == tok.i
                            or doc[s].pos_ in ("ADJ", "NOUN", "PROPN")):
                return e
        return None

    def _titled(self, d: NominalDoc, tok: Token, noun: str, span: tuple[int, int]) -> Span | None:
        """A title right before the name: "commander Joseph Votel"; "the town of Daquq"."""
        nxt = d.named_at(tok.i + 1)
        if nxt is not None and nxt.start == tok.i + 1 and nxt.label_ == "PERSON" and self._refers(noun, nxt):
            return nxt
        if tok.i + 2 < len(d.doc) and d.doc[tok.i + 1].lower_ == "of" and "PLACE" in self.classes[noun]:
            e = d.named_at(tok.i + 2)
            if e is not None and e.start == tok.i + 2 and e.label_ == "PLACE" and self._refers(noun, e):
                return e
        return None

    def _predicate(self, d: NominalDoc, tok: Token, noun: str, span: tuple[int, int]) -> Span | None:
        """"Bashar al-Assad, who would later become the President of Syria", "X is the group's leader"."""
        if tok.dep_ != "attr" or d.doc[span[0]].lower_ in ("a", "an") or tok.head.lower_ not in COPULAS:
            return None
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                subj = c.head.head if c.tag_ in ("WP", "WDT") and c.head.dep_ == "relcl" else c
                e = d.named_at(subj.i)
                if e is None:  # "his brother Bashar al-Assad, who ...": the name in apposition to the noun
                    e = next((d.named_at(a.i) for a in subj.children if a.dep_ == "appos" and d.named_at(a.i)), None)
                if e is not None and self._refers(noun, e):
                    return e
        return None

    def _definite(self, d: NominalDoc, tok: Token, noun: str, span: tuple[int, int]) -> Span | None:
        """A definite description refers back: to the mention a description of the same noun named ("Daquq, a
        town ... the town"), an earlier actor whose name holds the noun or whose title or role it was, or (a
        generic noun) the nearest earlier actor of its class, at most `max_sentences_back` sentences back."""
        if d.doc[span[0]].lower_ not in self.dets or span[0] == tok.i:
            return None
        k = bisect.bisect_left(d.starts, span[0])
        word = _singular(noun)
        if word in d.described:
            return d.described[word]
        for e in reversed(d.named[:k]):
            if not self._refers(noun, e):
                continue
            if e.label_ == "PERSON":
                if word in d.titles.get(e._.actor_key, ()):
                    return e
            elif any(_singular(t.lower_) == word for t in e) and len(e) > 1:
                return e
        if noun not in self.generic or not k:
            return None
        here = bisect.bisect_right(d.sent_starts, tok.i)
        for e in reversed(d.named[:k]):
            if here - bisect.bisect_right(d.sent_starts, e.start) > self.max_back:
                return None
            if self._refers(noun, e) and not self._attribute(d.doc, e):
                return e
        return None

    def _attribute(self, doc: Doc, e: Span) -> bool:
        """"Britain" in "the Britain-based group": a base or sponsor, not a place where anything happened."""
        return e.end + 1 < len(doc) and doc[e.end].text == "-" and doc[e.end + 1].lower_ in self.attribute_suffixes

    def _of_kind(self, d: NominalDoc, tok: Token, noun: str, span: tuple[int, int]) -> Span | None:
        """A description that says the kind of organisation ('a monitoring group', 'the monitor') refers to the
        document's one named organisation of that kind (models/nominals.json `kinds`), named before or after."""
        heads = next((self.kinds[t.lower_] for t in d.doc[span[0]:span[1]] if t.lower_ in self.kinds), None)
        if heads is None:
            return None
        found = [e for e in d.named if e.label_ in ("ORG", "FACTION") and e._.actor_key
                 and any(t.lower_ in heads for t in e)]
        return found[0] if len({e._.actor_key for e in found}) == 1 else None

    def _titles(self, doc: Doc, named: list[Span], actors: dict) -> dict[str, set[str]]:
        """Words that named each person: the title before a mention ("Gen.", "Secretary") and its role."""
        out: dict[str, set[str]] = {}
        for e in named:
            if e.label_ != "PERSON":
                continue
            words = out.setdefault(e._.actor_key, set())
            j = e.start - 1
            while j >= 0 and j >= e.start - 3 and (doc[j].is_title or doc[j].text == "."):
                w = doc[j].lower_.rstrip(".")
                words.add(self.abbreviations.get(w, w))
                j -= 1
        for key, words in out.items():
            role = (actors.get(key) or {}).get("role")
            if role:
                words.update(_singular(w.lower().strip(",.")) for w in role.split()[:6])
        return out


@Language.factory("sitrep_nominals", default_config={"lexicon_file": "nominals.json", "max_sentences_back": 3},
                  assigns=["doc.spans", "doc._.nominal_links"],
                  requires=["doc.ents", "span._.actor_key", "doc._.actor_clusters"])
def make_nominals(nlp: Language, name: str, lexicon_file: str, max_sentences_back: int) -> NominalLinker:
    return NominalLinker(nlp, name, lexicon_file=lexicon_file, max_sentences_back=max_sentences_back)
