"""One label per string (and per spelling variant) across the document, from votes of model, gazetteer and
context (weights: models/entity_votes.json); a known place is never a PERSON unless it is the surname of a
person named in full."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.attrs import IS_ALPHA, IS_UPPER
from spacy.tokens import Doc

from ...gazetteer import place_key
from ...unionfind import UnionFind
from .model import Choice
from .people import person_cue, role_apposition
from .places import place_cue, strong_place_cue
from .resources import Resources
from .words import ARABIC_ARTICLES, HONORIFICS, NAME_PARTICLES


@dataclass(frozen=True)
class Names:
    """Surnames (both "Hourani" and "al-Hourani") and first names of the people named in full."""
    surnames: frozenset[str]
    firsts: frozenset[str]

    @classmethod
    def of(cls, doc: Doc, chosen: list[Choice]) -> Names:
        surnames, firsts = set(), set()
        for c in chosen:
            if c.label == "PERSON" and c.n >= 2:
                toks = place_key(doc[c.start:c.end].text).split()
                if len(toks) < 2 or toks[0] in ARABIC_ARTICLES:
                    continue  # "al-Bab" is one word with its article, not a first name and a surname
                surnames.add(toks[-1])
                if len(toks) >= 3:
                    surnames.add(" ".join(toks[-2:]))
                if toks[0] not in NAME_PARTICLES and toks[0] not in HONORIFICS:
                    firsts.add(toks[0])  # "Anas" after "Anas Ahmad": a first name used alone
        return cls(frozenset(surnames), frozenset(firsts))


def variant_groups(doc: Doc, chosen: list[Choice], cutoff: float) -> dict[str, list[Choice]]:
    """The PERSON/PLACE/ORG choices by string; spelling variants vote together ("Dara al-Balad" with "Daraa
    al-Balad")."""
    groups: dict[str, list[Choice]] = defaultdict(list)
    for c in chosen:
        if c.label in ("PERSON", "PLACE", "ORG") and not c.fixed:
            groups[place_key(doc[c.start:c.end].text)].append(c)
    keys = sorted(groups, key=len, reverse=True)
    variants = UnionFind(keys)
    for i, a in enumerate(keys):
        if len(a) < 6:
            continue
        for b in keys[i + 1:]:
            if len(b) >= 6 and abs(len(a) - len(b)) <= 2 and fuzz.ratio(a, b) >= cutoff:
                variants.union(a, b)
    merged: dict[str, list[Choice]] = defaultdict(list)
    for k in keys:
        merged[variants.find(k)].extend(groups[k])
    return merged


def _mention_votes(res: Resources, doc: Doc, cs: list[Choice], known_place: bool,
                   votes: defaultdict) -> bool:
    """Add the votes of each mention (the model's label, its context cues); whether any cue said person."""
    w = res.votes
    person = False
    share = w.model_total / len(cs)
    for c in cs:
        votes[c.label] += share if known_place or c.label != "PLACE" else share / w.unknown_place_divisor
        if strong_place_cue(doc, c.start, c.end):
            votes["PLACE"] += w.strong_place_cue
        elif place_cue(res, doc, c.start, c.end) and (known_place or c.label != "PERSON"):
            votes["PLACE"] += w.place_cue
        if person_cue(doc, c.start, c.end):
            votes["PERSON"] += w.person_cue
            person = True
        if role_apposition(doc, c.end):
            votes["PERSON"] += w.role_apposition  # "Knox Thames, the Special Advisor to ...": a person
            person = True
    return person


def mixed_case(doc: Doc) -> bool:
    """Most words of the text's opening are not in capitals (the text is not wire copy in capitals)."""
    if not len(doc):
        return False
    flags = doc[:300].to_array([IS_ALPHA, IS_UPPER])  # one array read, no Token objects
    alpha = flags[:, 0] == 1
    return int((alpha & (flags[:, 1] == 0)).sum()) > 0.5 * int(alpha.sum())


def caps_acronym(res: Resources, doc: Doc, cs: list[Choice]) -> bool:
    """One word in capitals, in text written in mixed case, that names no country and no place written that way:
    an acronym (news agencies, parties: "SANA reported", "the PYD"), not the place a case-blind lookup finds (Sana,
    Yemen) nor a person. A country is a country ("UAE", "US"); so is a place whose own name is in capitals."""
    words = {doc[c.start:c.end].text for c in cs}
    if any(c.n != 1 for c in cs) or len(words) != 1:
        return False
    w = words.pop()
    return len(w) >= 3 and w.isalpha() and w.isupper() and place_key(w) not in res.country_keys \
        and not res.gaz.is_upper_name(w)


def vote(res: Resources, doc: Doc, key: str, cs: list[Choice], names: Names, mixed: bool = True) -> str:
    """The label of one string (with its variants) from all its mentions."""
    if mixed and caps_acronym(res, doc, cs):
        return "ORG"
    w = res.votes
    votes: defaultdict = defaultdict(float)
    strong_place = any(c.strong for c in cs) or res.gaz.is_strong(key)
    known_place = strong_place or any(c.key for c in cs) or bool(res.gaz.index.get(key))
    bare = key.split()[-1] if key.startswith(("al ", "el ")) else key
    is_surname = key in names.surnames or bare in names.surnames
    person_cue_seen = _mention_votes(res, doc, cs, known_place, votes)
    if is_surname:
        votes["PERSON"] += w.surname
    elif key in names.firsts and not strong_place:
        votes["PERSON"] += w.first_name
    if strong_place:
        votes["PLACE"] += w.strong_place
    elif known_place:
        votes["PLACE"] += w.known_place
    label = max(sorted(votes), key=lambda k: votes[k])
    if label == "PERSON" and strong_place and not is_surname and not person_cue_seen:
        label = "PLACE"
    return label


def vote_labels(res: Resources, doc: Doc, chosen: list[Choice]) -> None:
    """Give every PERSON/PLACE/ORG choice the label its string (and its spelling variants) won."""
    names, mixed = Names.of(doc, chosen), mixed_case(doc)
    for key, cs in variant_groups(doc, chosen, res.fuzzy_cutoff).items():
        label = vote(res, doc, key, cs, names, mixed)
        for c in cs:
            c.label = label
