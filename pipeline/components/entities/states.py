"""Foreign states as sides: a country (or its capital) that acts in the article is a FACTION in all its mentions;
the country the events happen in stays a PLACE unless that mention is the state acting."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ...gazetteer import place_key
from ...text import COPULAS
from .model import Choice
from .resources import Resources
from .words import (
    ACTION_DEPS,
    MILITARY_NOUNS,
    SPONSOR_SUFFIXES,
    STATE_AGENCY_NOUNS,
    STATE_AGENT_PREPS,
    STATE_PARTNER_NOUNS,
    STATE_PLACE_HEADS,
    STATE_PLACE_VERBS,
)


def countries_named(res: Resources, doc: Doc, chosen: list[Choice]) -> tuple[Counter, dict[int, str], set[int]]:
    """Where the places are (the home country is where the towns and districts named are; country names only
    break ties), the country each country or capital mention stands for, and which of them name the country."""
    where: Counter = Counter()
    country_of: dict[int, str] = {}
    named_country: set[int] = set()  # the country's own name, not its capital
    for idx, c in enumerate(chosen):
        if c.label != "PLACE":
            continue
        best = res.gaz.best(res.gaz.lookup_key(c.key or place_key(doc[c.start:c.end].text)))
        if best is None or not best.country:
            continue
        where[best.country] += 0.1 if best.kind == "country" else 1.0
        if best.kind == "country":
            country_of[idx] = best.country
            named_country.add(idx)
        elif res.capitals.get(best.name) == best.country and best.population > 0:
            country_of[idx] = best.country  # "Moscow launched air strikes": the capital speaks for the state
    return where, country_of, named_country


def acts_as_side(doc: Doc, c: Choice) -> bool:
    """A mention of a state that acts: subject or agent, object of a verb that is not of place, owner or modifier
    of military nouns, or "X-backed"."""
    root = doc[c.end - 1]
    nxt = doc[c.end] if c.end < len(doc) else None
    return (root.dep_ in ACTION_DEPS
            or root.dep_ == "dobj" and root.head.pos_ == "VERB" and root.head.lower_ not in STATE_PLACE_VERBS
            or root.dep_ == "poss" and root.head.lower_ in MILITARY_NOUNS
            or root.dep_ in ("compound", "amod") and root.head.lower_ in MILITARY_NOUNS
            or nxt is not None and nxt.text == "-" and c.end + 1 < len(doc)
            and doc[c.end + 1].lower_ in SPONSOR_SUFFIXES)


def foreign_states(res: Resources, doc: Doc, chosen: list[Choice]) -> None:
    """A foreign state that acts in the article (strikes, is backed, says) is a side: all its mentions become
    FACTION. The country the events happen in (the one most places belong to) stays a PLACE."""
    where, country_of, named_country = countries_named(res, doc, chosen)
    if not country_of:
        return
    home = where.most_common(1)[0][0]
    acting = {cc for idx, cc in country_of.items() if cc != home and acts_as_side(doc, chosen[idx])}
    for idx, cc in country_of.items():
        if cc in acting or idx in named_country and state_acts(doc, chosen[idx], cc == home):
            chosen[idx].label = "FACTION"


def state_acts(doc: Doc, c: Choice, home: bool) -> bool:
    """This mention of a country is the state acting, not the territory: "Iraq signed", "Australia's efforts",
    "U.S. airstrikes", "support for Iraq", "our ally Turkey". "In Iraq", "Iraq's north", "visited Iraq" stay
    places, and so does the country the events happen in when it only modifies a noun ("Syria air strikes")."""
    if c.end - c.start > 4:
        return False
    tok = doc[c.end - 1]
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    dep, head = tok.dep_, tok.head
    if dep == "nsubj":  # a passive subject undergoes: "Syria was hit by unrest" is where it happened
        return not (head.lower_ in COPULAS and any(ch.dep_ == "attr" for ch in head.children))  # "X is a ..."
    if dep == "appos" or dep == "compound" and head.i < tok.i:
        return head.lower_ in STATE_PARTNER_NOUNS  # "our ally Turkey"
    if dep in ("poss", "compound", "amod", "nmod"):
        if home and (dep != "poss" or head.lower_ not in STATE_AGENCY_NOUNS):
            return False  # "Syria's elections", "Syria air strikes": where, not who
        return head.i > tok.i and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in STATE_PLACE_HEADS \
            and head.ent_type_ not in ("GPE", "LOC", "FAC")
    if dep == "dobj":
        return head.pos_ == "VERB" and head.lower_ not in STATE_PLACE_VERBS
    if dep == "pobj":
        prep = head.lower_
        return prep in STATE_AGENT_PREPS and not (prep == "for" and head.head.lower_ in STATE_PLACE_VERBS)
    return False
