"""Label repairs after the vote that follow from names elsewhere in the document: registry names are factions,
an acronym takes the label of its spelled-out or bracket-defined name, a lone word of one organisation's name is
that organisation."""
from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from ... import lexicon
from ...text import norm_name
from .model import Choice
from .resources import Resources


def registry_factions(res: Resources, doc: Doc, chosen: list[Choice]) -> None:
    """Registry names are factions whatever the model said, also with a possessive s that lost its apostrophe;
    the s-less form must be a registry acronym or a longer name: "Anas" is a first name, not "ANA"s; "Al-Qaedas"
    is al-Qaeda's."""
    for c in chosen:
        if c.label in ("ORG", "PERSON", "PLACE") and c.n <= 6:
            w = doc[c.start:c.end].text
            if norm_name(w) in res.canon or (w.endswith("s") and len(w) > 3 and doc[c.end - 1].is_alpha
                                             and (w[:-1].isupper() or len(w) > 5)
                                             and norm_name(w[:-1]) in res.canon):
                c.label = "FACTION"


PLATFORMS = frozenset(lexicon.load("boilerplate.json")["platforms"])


def platforms(doc: Doc, chosen: list[Choice]) -> None:
    """"said on Twitter", "posted on YouTube": a platform (models/boilerplate.json `platforms`) is an organisation,
    never the person or place the model took it for."""
    for c in chosen:
        if c.n == 1 and doc[c.start].lower_ in PLATFORMS:
            c.label = "ORG"


def spelled_acronyms(doc: Doc, chosen: list[Choice]) -> None:
    """An acronym spelled out in this document takes the spelled-out name's label: "SARC" after "Syrian Arab Red
    Crescent" is the aid organisation, not the UCDP armed group of the same letters."""
    spelled: dict[str, str] = {}
    for c in chosen:
        if c.n >= 2 and c.label in ("ORG", "PLACE", "FACTION"):
            ini = "".join(t.text[0] for t in doc[c.start:c.end] if t.is_title or t.is_upper)
            if len(ini) >= 2:
                spelled.setdefault(ini.upper(), c.label)
    for c in chosen:
        if c.n == 1 and doc[c.start].is_upper and doc[c.start].text in spelled:
            c.label = spelled[doc[c.start].text]


def lone_name_words(res: Resources, doc: Doc, chosen: list[Choice]) -> None:
    """"Observatory" after "Syrian Observatory for Human Rights": a lone word of one organisation's name."""
    heads: dict[str, set[str]] = defaultdict(set)
    for c in chosen:
        if c.label in ("ORG", "FACTION") and c.n >= 2:
            for t in doc[c.start:c.end]:
                if t.is_title and not t.is_stop and t.lower_ not in res.country_names_lower:
                    heads[t.lower_].add(c.label)
    for c in chosen:
        if c.n == 1 and c.label in ("PERSON", "PLACE") and len(heads.get(doc[c.start].lower_, ())) == 1 \
                and not (c.label == "PLACE" and c.strong):
            c.label = next(iter(heads[doc[c.start].lower_]))


def defined_acronyms(doc: Doc, chosen: list[Choice], taken: list[bool]) -> list[tuple[int, int, str]]:
    """"the Syria Recovery Trust Fund (SRTF)": the acronym in brackets after an organisation is its name too,
    there and wherever else the article uses it. Relabels the chosen lone acronyms; returns the untaken ones."""
    n = len(doc)
    defined: dict[str, str] = {}
    for c in chosen:
        e = c.end
        if c.label in ("ORG", "FACTION") and e + 2 < n and doc[e].text == "(" and doc[e + 2].text == ")" \
                and doc[e + 1].is_upper and 2 <= len(doc[e + 1].text) <= 8 and not taken[e + 1]:
            defined[doc[e + 1].text] = c.label
    if not defined:
        return []
    for c in chosen:
        if c.n == 1 and doc[c.start].text in defined:
            c.label = defined[doc[c.start].text]
    return [(t.i, t.i + 1, defined[t.text]) for t in doc if t.text in defined and not taken[t.i]]
