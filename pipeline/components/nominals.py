"""`sitrep_nominals`: common-noun mentions of actors already named ("the town", "the group", "the commander").

Why: a quarter of the mentions of an actor in news are descriptions, not names, and the link a reader makes
("Joseph Votel, commander of U.S. Central Command"; "Daquq, a town south of Kirkuk"; "the Islamic State group ...
the group") is what ties a role or a place type to a name. A noun phrase whose head is a type noun (lexicon in
models/nominals.json) becomes a mention when it refers to a named actor of its class:
  - apposition or title: "Daquq, a town ...", "the spokesman, Col. X", "commander Joseph Votel", "the town of X";
  - a definite description whose noun is part of the actor's name ("the coalition" -> "U.S.-led coalition") or
    was its title/role ("the general" -> "Gen. Joseph Votel");
  - a definite generic ("the town", "the group") -> the nearest preceding actor of the class, a few sentences back.
A description that refers to no named actor is dropped: nominal mentions never create actors. The span is the
head with its left modifiers, up to the head ("commander" in "commander of U.S. Central Command"), so it never
overlaps a name; the mention takes the antecedent's label and `actor_key`. Nominal mentions go to
`doc.spans["sitrep_nominals"]` (and the mentions table), not to `doc.ents`: the quote and incident stages read
names from `doc.ents`, and may opt in to descriptions from the span group.
"""
from __future__ import annotations

import bisect
from typing import Any

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions, gazetteer
from ..schema import LABEL_TYPE
from ..text import COPULAS
from .base import Component, read_model_json
from .boilerplate import in_ranges

extensions.register()
SPAN_KEY = "sitrep_nominals"  # doc.spans group: kept out of doc.ents, so stages that read names see names only

LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "advmod", "nmod", "npadvmod", "quantmod", "case", "punct"}
COMPAT = {"PLACE": ("PLACE",), "PERSON": ("PERSON",), "FACTION": ("FACTION", "ORG"), "ORG": ("ORG", "FACTION")}


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
        kinds = spec["place_kind_nouns"]  # "the country" is a country, "the town" a settlement
        self.country_nouns, self.admin_nouns = frozenset(kinds["country"]), frozenset(kinds["admin"])
        self.settlement_nouns = frozenset(kinds["settlement"])
        self.abbreviations = spec["title_abbreviations"]  # "Gen." before a name: "the general" refers to it
        self.peoples = frozenset(spec.get("peoples", ()))
        self._ids = {self.vocab.strings.add(w): w for w in (*self.classes, *self.described_as, *self.peoples)}
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
        lower = doc.to_array([LOWER]).tolist()
        hits = [i for i, h in enumerate(lower) if h in self._ids]
        if not hits:
            return doc
        ents = list(doc.ents)
        ent_at = [-1] * len(doc)
        for n, e in enumerate(ents):
            for t in range(e.start, e.end):
                ent_at[t] = n
        named = [e for e in ents if e.label_ in LABEL_TYPE and e._.actor_key]
        starts = [e.start for e in named]
        actors = {a["key"]: a for a in (doc._.actor_clusters or [])}
        links: dict[str, int] = {}  # actor key -> descriptions linked to it: sitrep_actors adds them up
        titles = self._titles(doc, named, actors)
        sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        new: list[Span] = []
        described: dict[str, Span] = {}  # noun -> the named mention it last described ("a town" -> Daquq)
        for i in hits:
            tok = doc[i]
            if ent_at[i] >= 0 or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
                continue
            noun = self._ids[lower[i]]
            span = self._span(doc, tok, ent_at)
            if span is None:
                continue
            ante = None
            if noun in self.classes and named:
                ante = self._antecedent(doc, tok, noun, span, ents, ent_at, named, starts, titles, sent_starts,
                                        described)
            if ante is not None:
                described[_singular(noun)] = ante
                sp = Span(doc, span[0], span[1], label=ante.label_)
                sp._.actor_key = ante._.actor_key
                if ante._.actor_key in actors:
                    links[ante._.actor_key] = links.get(ante._.actor_key, 0) + 1
            else:
                label = self._description(doc, tok, noun, ents, ent_at)
                if label is None:
                    continue
                sp = Span(doc, span[0], span[1], label=label)  # names no one: a mention without an actor
            new.append(sp)
            for t in range(span[0], span[1]):
                ent_at[t] = len(ents)  # taken: no second nominal over these tokens
        furniture = doc._.boilerplate or []  # page furniture (sitrep_boilerplate): no mention starts there
        doc._.nominal_links = links
        doc.spans[SPAN_KEY] = [sp for sp in new if not in_ranges(furniture, sp.start_char)] if furniture else new
        return doc

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

    def _antecedent(self, doc, tok, noun, span, ents, ent_at, named, starts, titles, sent_starts, described):
        labels = {lab for c in self.classes[noun] for lab in COMPAT[c]}

        def ok(e) -> bool:
            if e.label_ not in labels or not e._.actor_key:
                return False
            if e.label_ == "PLACE":
                return "PLACE" in self.classes[noun] and self._fits_place(noun, e.text)
            if e.label_ == "PERSON":
                return "PERSON" in self.classes[noun]
            return any(c in ("FACTION", "ORG") for c in self.classes[noun])

        def named_at(i):
            if 0 <= i < len(doc) and ent_at[i] >= 0 and ent_at[i] < len(ents):
                e = ents[ent_at[i]]
                return e if e.label_ in LABEL_TYPE and e._.actor_key else None
            return None

        # apposition: "Daquq, a town ...", "the spokesman, Col. X", "X, commander of Y". An indefinite one about
        # a person ("X, an activist with Y") classifies rather than refers: it is the actor's role, not a mention
        indefinite = doc[span[0]].lower_ in ("a", "an")

        def appos_ok(e) -> bool:
            return e is not None and ok(e) and not (indefinite and e.label_ == "PERSON")

        if tok.dep_ == "appos":
            e = named_at(tok.head.i)
            if appos_ok(e):
                return e
        for c in tok.rights:
            if c.dep_ == "appos":
                e = named_at(c.i)
                if appos_ok(e):
                    return e
        # "the Minister of Foreign Affairs of Iraq, HE Dr Ibrahim Al-Ja'afari": the name after the whole phrase
        j = tok.right_edge.i + 1
        if j < len(doc) and doc[j].text == "," and not indefinite:
            j += 1
            while j < len(doc) - 1 and j <= tok.right_edge.i + 5 and ent_at[j] < 0 and (doc[j].is_title or
                                                                                      doc[j].is_upper):
                j += 1  # titles before the name: "HE Dr", "Gen."
            e = named_at(j)
            if appos_ok(e) and e.label_ == "PERSON" and e.start == j:
                return e
        s = span[0]
        if s >= 2 and doc[s - 1].text == ",":
            e = named_at(s - 2)
            if appos_ok(e) and (doc[s].lower_ in ("a", "an", "the") or doc[s].i == tok.i
                                            or doc[s].pos_ in ("ADJ", "NOUN", "PROPN")):
                return e
        # a title right before the name: "commander Joseph Votel"; "the town of Daquq"
        nxt = named_at(tok.i + 1)
        if nxt is not None and nxt.start == tok.i + 1 and nxt.label_ == "PERSON" and ok(nxt):
            return nxt
        if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" and "PLACE" in self.classes[noun]:
            e = named_at(tok.i + 2)
            if e is not None and e.start == tok.i + 2 and e.label_ == "PLACE" and ok(e):
                return e
        # "Bashar al-Assad, who would later become the President of Syria", "X is the group's leader"
        if tok.dep_ == "attr" and not indefinite and tok.head.lower_ in COPULAS:
            for c in tok.head.children:
                if c.dep_ == "nsubj":
                    subj = c.head.head if c.tag_ in ("WP", "WDT") and c.head.dep_ == "relcl" else c
                    e = named_at(subj.i)
                    if e is None:  # "his brother Bashar al-Assad, who ...": the name in apposition to the noun
                        e = next((named_at(a.i) for a in subj.children if a.dep_ == "appos" and named_at(a.i)), None)
                    if e is not None and ok(e):
                        return e
        # definite descriptions refer back
        det = doc[span[0]].lower_
        if det not in self.dets or span[0] == tok.i:
            return None
        k = bisect.bisect_left(starts, span[0])
        word = _singular(noun)
        if word in described:  # "Daquq, a town ... the town"
            return described[word]
        # the noun is part of the actor's name, or was its title or role
        for e in reversed(named[:k]):
            if not ok(e):
                continue
            if e.label_ == "PERSON":
                if word in titles.get(e._.actor_key, ()):
                    return e
            elif any(_singular(t.lower_) == word for t in e) and len(e) > 1:
                return e
        if noun not in self.generic or not k:
            return None
        here = bisect.bisect_right(sent_starts, tok.i)
        for e in reversed(named[:k]):
            if here - bisect.bisect_right(sent_starts, e.start) > self.max_back:
                return None
            if ok(e):
                return e
        return None

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
