"""The model's entities in our labels: label mapping (GPE/LOC/FAC -> PLACE ...), the repairs a span's own words
call for (a mosque is a place, "Jaish al-..." a faction, "X spokesman" the organisation), and trimming what the
model glued to a name."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ... import lexicon
from ...gazetteer import place_key
from ...lexicon import plurals
from .model import ModelEnt
from .people import complete_name
from .resources import Resources
from .words import (
    ADMIN_NOUNS,
    ARABIC_ARTICLES,
    CALENDAR,
    CONNECT,
    DROP,
    FACILITY_HEADS,
    FACTION_HEADS,
    HEADLINE_WORDS,
    HONORIFICS,
    LEAD_POS,
    LEAD_STRIP,
    NAME_PARTICLES,
    NOT_ACTOR_HEADS,
    ORG_HEADS,
    PLACE_NOUNS,
    ROLE_HEADS,
    TITLES,
)

NAME_HEADS = plurals(ORG_HEADS | FACTION_HEADS)
DEMONYMS = frozenset(lexicon.load("actor_kinds.json")["demonyms"])
DESIGNATORS = PLACE_NOUNS | {"capital"}  # "the Syrian capital Damascus", "the city of Mosul"


def clean(doc: Doc, s: int, e: int, label: str = "", countries: frozenset | set = frozenset()) -> tuple[int, int]:
    """Trim what the model glued to a name in comma-less text: "Meanwhile the Observatory" -> "Observatory",
    "Damascus Saturday the Observatory" -> "Damascus"."""
    while s < e - 1 and (doc[s].lower_ in LEAD_STRIP or doc[s].pos_ in LEAD_POS) and not doc[s].is_upper:
        s += 1
    if label == "PERSON":  # "Gen. Joseph Votel", "Sayyed Ali Khamenei": the name without the title
        while s < e - 1 and (doc[s].lower_.rstrip(".") in TITLES or doc[s].lower_ in HONORIFICS
                             or doc[s].text == "."):
            s += 1
    while e - s >= 2 and doc[e - 1].text in ("(", "[", "{", ",", ";", ":", "-"):
        e -= 1  # "State Board of Antiquities and Heritage (SBAH)": the name without the bracket
    if e - s >= 2 and doc[e - 1].text in countries and doc[e - 2].is_title:
        e -= 1  # "Tabqa Syria" in comma-less text is "Tabqa, Syria"
    for i in range(s + 1, e):
        t = doc[i]
        if t.lower_ in CALENDAR or (t.is_lower and t.is_alpha and t.lower_ not in CONNECT
                                    and t.lower_ not in ARABIC_ARTICLES and t.lower_ not in NAME_PARTICLES):
            return s, i
    return s, e


def relabel(res: Resources, doc: Doc, ent: Span) -> tuple[Span, str | None]:
    """The span and our label for one model entity; label None: the entity is no actor (or not ours)."""
    lab = res.label_map.get(ent.label_)
    if lab == "ORG" and ent[-1].lower_ in NOT_ACTOR_HEADS:
        return ent, None  # "International Humanitarian Law", "Cessation of Hostilities": not actors
    if lab and (ent.text in res.not_names or ent.text[-1:] == "s" and ent.text[:-1] in res.not_names
                or len(ent) > 1 and ent[0].text in res.not_first):
        return ent, None  # "VBIED", "God", "Operation Steel Curtain": no actor
    if lab in ("ORG", "PERSON") and ent[-1].lower_ in FACILITY_HEADS and (lab == "ORG" or len(ent) > 1):
        # "the Brandbergen Mosque", "Tiyas Military Airfield": buildings and sites are places ("Samarra Barrage"
        # is no person either)
        lab = "PLACE"
    if lab in ("ORG", "PERSON") and len(ent) > 1 and ent[0].lower_ in res.arabic_heads:
        lab = "FACTION"  # "Jaish al-Islam", "Liwa al-Quds": Arabic names of armed groups
    if lab in ("ORG", "FACTION", "PERSON"):
        k = next((t.i for t in ent if t.lower_ in ("of", "for")), None)
        if k is None and len(ent) > 1 and ent[-1].lower_ in ROLE_HEADS:
            ent = doc[ent.start:ent.end - 1]  # "Central Command spokesman": the organisation, without the role
        elif lab == "ORG" and (ent[-1].lower_ in ROLE_HEADS if k is None else k > ent.start
                               and doc[k - 1].lower_ in ROLE_HEADS):
            return ent, None  # "the Minister of Foreign Affairs of Iraq" describes a person (sitrep_nominals)
    return ent, lab


def split_names(res: Resources, doc: Doc, ent: Span, lab: str, ent_toks: set[int]) -> list[ModelEnt]:
    """The names in one model entity: "Iraqi Ministry of Culture, State Board of Antiquities" is a list of names;
    a person's name is completed by the name word the model left out."""
    cuts = [t.i for t in ent if t.text == ","] if lab != "PERSON" else []
    if lab == "PERSON" and ent.end < len(doc):
        ent = complete_name(res, doc, ent, ent_toks)
    raw = ent.label_
    out = []
    for a, b in zip([ent.start, *(c + 1 for c in cuts)], [*cuts, ent.end]):
        s, e = clean(doc, a, b, lab, res.country_names)
        named = designated_place(res, doc, s, e)
        if named is not None:
            out.append(ModelEnt(named, e, "PLACE", raw))
            continue
        if lab != "PERSON" and not any(t.lower_ in NAME_HEADS or t.lower_ in FACILITY_HEADS
                                       or t.lower_ in ADMIN_NOUNS for t in doc[s:e]):
            e = headline_cut(doc, s, e)
            parts = place_list(res, doc, s, e)
            if parts:
                out.extend(ModelEnt(ps, pe, "PLACE", raw) for ps, pe in parts)
                continue
        if s < e:
            out.append(ModelEnt(s, e, lab, raw))
    return out


def designated_place(res: Resources, doc: Doc, s: int, e: int) -> int | None:
    """"the Syrian capital Damascus", "the Iraqi city of Mosul": a designator in apposition before a strong place
    (a demonym or country, then a place noun or "capital", maybe "of") describes the place; the name is the
    place's alone. Returns where the place starts, or None."""
    i = s
    while i < e and (doc[i].lower_ in DEMONYMS or doc[i].text in res.country_names):
        i += 1
    if i == e or doc[i].lower_ not in DESIGNATORS:
        return None
    i += 1 + (i + 1 < e and doc[i + 1].lower_ == "of")
    return i if i < e and res.gaz.is_strong(doc[i:e].text) else None


def headline_cut(doc: Doc, s: int, e: int) -> int:
    """Where a name without an organisation or force head ends when the model ran it into a title-case headline's
    predicate or event ("Damascus Car Bomb Kills", "Daesh Fight Near Raqqa"): before the first headline word."""
    return next((i for i in range(s + 1, e) if doc[i].lower_ in HEADLINE_WORDS), e)


def place_list(res: Resources, doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """A name without a head that is two or more places in a row, one of them strong, is a list that lost its
    commas ("Aleppo Damascus", "Saraqib Idlib"): the places, longest first from the left; [] when any word is left
    over or is a common word that only minor places are named."""
    gaz, parts, i = res.gaz, [], s
    while i < e:
        if doc[i].is_punct:  # "Palmyra (Tadmur)", "Homs & Hama": marks between the names belong to neither
            i += 1
            continue
        j = next((j for j in range(e, i, -1) if not doc[j - 1].is_punct
                  and (k := place_key(doc[i:j].text)) in gaz.index and k not in gaz.common_keys), None)
        if j is None:
            return []
        parts.append((i, j))
        i = j
    strong = any(gaz.is_strong(doc[a:b].text) for a, b in parts)
    return parts if len(parts) >= 2 and strong else []


def model_entities(res: Resources, doc: Doc) -> tuple[list[ModelEnt], list[Span]]:
    """The model's actor entities in our labels, and its other entities that stay as they are (dates, numbers:
    the incident stage reads them)."""
    model: list[ModelEnt] = []
    keep_other: list[Span] = []
    ent_toks = {t for ent in doc.ents for t in range(ent.start, ent.end)}
    for ent in doc.ents:
        if not res.label_map.get(ent.label_):
            if ent.label_ not in DROP:
                keep_other.append(ent)
            continue
        span, lab = relabel(res, doc, ent)
        if lab:
            model.extend(split_names(res, doc, span, lab, ent_toks))
    return model, keep_other
