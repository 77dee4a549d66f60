"""Step 3b, where: comma chains of place names after a preposition ('in Kecha area, Maqur district, Badghis,
Afghanistan'), trimmed of designators and countries, else the first place entity of the clause or sentence."""
from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Span, Token

from ...resources import model_file
from ...syntax import trim
from ...text import fold
from .model import DocContext, Place, SentenceContext


def chains(ctx: DocContext, sent: Span) -> list[list[tuple[int, int]]]:
    """Comma chains of place names after a place preposition, as token ranges [start, end)."""
    out, i, lower = [], sent.start, ctx.ix.parse.lower
    while i < sent.end:
        if lower[i] in ctx.lex.place_preps and i + 1 < sent.end:
            chain = _chain_after(ctx, sent, i + 1 + (lower[i + 1] == "the"))
            if chain:
                out.append(chain)
                i = chain[-1][1]
                continue
        i += 1
    return out


def _capital(t: Token) -> bool:
    return t.is_title or t.is_upper


FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP"})  # capitalised in a title-case headline ('Defies')


def _named_place(ctx: DocContext, s: int, e: int) -> bool:
    """Is tokens [s, e) a place by itself: a place entity, or a name ending with a designator ('Qurghan
    district')? Not 'the vehicle of Mohammad Qul in Qurghan district'."""
    ent = ctx.ent(s)
    return ent is not None and ent.label_ == "PLACE" or ctx.doc[e - 1].lower_ in ctx.lex.designators


def _chain_after(ctx: DocContext, sent: Span, j: int) -> list[tuple[int, int]]:
    """The names starting at token `j`, joined by commas; a name and the admin area it is in ("in Orum al-Kubra
    in Aleppo province": the second name ends with an admin designator) are one chain, as with a comma."""
    doc, lex, chain = sent.doc, ctx.lex, []
    held_in = False  # the name after "in": kept only when it names an admin area
    while j < sent.end:
        k = j
        if not _capital(doc[k]) or doc[k].is_punct or not_place(ctx, doc[k]):
            break
        while k < sent.end and (_capital(doc[k]) or doc[k].lower_ in lex.particles or doc[k].lower_ in
                                lex.designators) and not (doc[k].is_punct and doc[k].text not in "-'") and not \
                not_place(ctx, doc[k]) and not (k > j and doc[k].tag_ in FINITE_TAGS):
            k += 1  # a place name holds no finite verb: 'Massacre in Idlib Defies the World' names Idlib
        while k > j and (doc[k - 1].lower_ in lex.particles):
            k -= 1
        if k == j:
            break
        if held_in and doc[k - 1].lower_ not in lex.designators:
            break
        chain.append((j, k))
        if k + 1 < sent.end and doc[k].text == "," and _capital(doc[k + 1]):
            j = k + 1
            continue
        if len(chain) == 1 and k + 1 < sent.end and doc[k].lower_ == "of" and doc[k - 1].lower_ in lex.designators \
                and _capital(doc[k + 1]) and not not_place(ctx, doc[k + 1]):
            j = k + 1  # "the Salihiah neighbourhood of Hasakah city", "the Idlib town of Saraqeb": one place in another
            continue
        if len(chain) == 1 and k + 1 < sent.end and doc[k].lower_ == "in" and _capital(doc[k + 1]) \
                and not not_place(ctx, doc[k + 1]) and _named_place(ctx, j, k):
            j, held_in = k + 1, True  # "in Orum al-Kubra in Aleppo province", the comma the copy dropped
            continue
        break
    return chain


def is_demonym(ctx: DocContext, tok: Token) -> bool:
    """A nationality adjective ("Syrian", "Turkish"): it says whose, never where ("the Syrian city of Homs")."""
    return tok.lower_ in ctx.lex.demonyms


def is_origin(doc, end: int) -> bool:
    """A name followed by "-based" ("the Britain-based Observatory") is where a speaker sits, not the event."""
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "based"


@lru_cache(maxsize=1)
def rules() -> dict:
    """The word lists of models/places.json (origin prepositions, nouns a place name can stand for a side in)."""
    return json.loads(model_file("places.json").read_text(encoding="utf-8"))


# the phrase words between a preposition and a name inside its object: "from the towns of Foua and Kafraya"
ORIGIN_CHAIN = frozenset({"pobj", "prep", "compound", "conj", "appos", "nmod", "amod", "nummod", "npadvmod", "cc"})


def is_designator(ctx: DocContext, tok: Token) -> bool:
    """A place noun, singular or plural ("town", "towns", "cities")."""
    w, des = tok.lower_, ctx.lex.designators
    return w in des or (w.endswith("s") and w[:-1] in des) or (w.endswith("ies") and w[:-3] + "y" in des)


def in_origin_phrase(ctx: DocContext, tok: Token) -> bool:
    """The name at `tok` sits inside a "from ..." (or "out of ...") phrase whose object is the name or a place noun
    ("evacuees from the towns of Foua", "out of Madaya", "60 kilometres from Damascus"): the origin of the people,
    vehicles or fire, or a reference point, not where the event happened (ACLED: the location is where it
    happened; models/places.json origin_preps). "The toll from an attack outside Aleppo" is no origin: the object
    of "from" is the event."""
    r, prev = rules(), tok
    for _ in range(10):
        if tok.dep_ == "prep" and (tok.lower_ in r["origin_preps"] or (
                tok.lower_ == "of" and tok.head.lower_ in r["origin_particles"])):
            return prev.pos_ == "PROPN" or is_designator(ctx, prev)
        if tok.dep_ not in ORIGIN_CHAIN or tok.head.i == tok.i:
            return False
        prev, tok = tok, tok.head
    return False


def is_actor_subject(tok: Token) -> bool:
    """"Moscow defended its Damascus ally": a place that does what only people do names its government (models/
    places.json place_subject_verbs are what a place itself does: "Aleppo saw heavy fighting")."""
    return tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lower_ not in rules()["place_subject_verbs"]


def in_group_name(ctx: DocContext, tok: Token) -> bool:
    """"Islamic State in Iraq and Syria", "al-Qaeda in Yemen": a country after a group's name is part of the name
    or the group's area of operation, not the place of the event."""
    if country_word(ctx, tok) is None:
        return False
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "... in Iraq and Syria": Syria too
        tok = tok.head
    prep = tok.head
    return tok.dep_ == "pobj" and prep.dep_ == "prep" and (
        (e := ctx.ent(prep.head.i)) is not None and e.label_ == "FACTION")


def is_allegiance(doc, start: int) -> bool:
    """"Pro-Damascus media", "anti-Kiev": a name after "pro-"/"anti-" says whose side, not where."""
    toks = doc[max(0, start - 2):start + 1]
    low = toks.text.lower().replace(" ", "")
    return any(low.startswith(p + "-") for p in ("pro", "anti")) or toks[-1].lower_.split("-")[0] in ("pro", "anti")


def not_place(ctx: DocContext, tok: Token) -> bool:
    """Weekdays, months, faction and date tokens end a place name (ORG may be a building, PERSON a village); a
    nationality adjective is no place name."""
    if tok.lower_ in ctx.lex.calendar or is_demonym(ctx, tok):
        return True
    e = ctx.ent(tok.i)
    return e is not None and e.label_ in ("FACTION", "DATE", "TIME")


def place_tokens(ctx: DocContext, sent: Span, found: list[list[tuple[int, int]]]) -> set[int]:
    """Tokens inside a place chain or a place entity of the sentence (never read as a side)."""
    toks = {i for chain in found for s, e in chain for i in range(s, e)}
    for i in range(sent.start, sent.end):
        e = ctx.ent(i)
        if e is not None and e.label_ == "PLACE":
            toks.add(i)
    return toks


def country_word(ctx: DocContext, tok: Token) -> str | None:
    """ISO-2 of a country name, also in the comma-less possessive of FA-KES copy ('Syrias')."""
    low = fold(tok.text)
    for w in (low, low[:-2] if low.endswith("'s") else None, low[:-1] if low.endswith("s") else None):
        if w and w in ctx.lex.countries:
            return ctx.lex.countries[w]
    return None


def strip_name(ctx: DocContext, s: int, e: int) -> tuple[str, int]:
    """The name of tokens [s, e) without designators, 'the', a leading country ("Syria's Aleppo") or a trailing
    one ("Tabqa Syria"); and the index of its first token."""
    doc, des = ctx.doc, ctx.lex.designators
    toks = trim(doc[s:e], lambda t: t.lower_ in des, start=False)
    toks = trim(toks, lambda t: t.lower_ in des or t.lower_ == "the", end=False)
    if len(toks) > 1 and country_word(ctx, toks[0]) and not country_word(ctx, toks[1]):
        toks.pop(0)
    if len(toks) > 1 and fold(toks[-1].text) in ctx.lex.countries:
        toks.pop()
    return doc[toks[0].i:toks[-1].i + 1].text, toks[0].i


def is_modifier(ctx: DocContext, s: int, e: int, ent: Span | None) -> bool:
    """A name modifying an attack noun ('US air strikes') or an unknown name modifying any common noun ('Assad
    clans hometown') is no place; a known place before a noun still is ('the Qardaha hospital')."""
    last = ctx.doc[e - 1]
    if last.head.lower_ in rules()["distance_units"]:
        return False  # "the town of Tabqa 40 kilometres up the valley": the number measures, the name stays
    if e - s > 1 and last.head.i not in ctx.cue_toks:  # "Damascus Opera House state media": a long name stays
        return False
    # a lowercase head is a common noun whatever its tag ("the ruling Assad clans hometown", "clans" as NNPS)
    if not (last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.i >= e and (
            last.head.pos_ == "NOUN" or last.head.pos_ == "PROPN" and last.head.is_lower)
            and (last.head.is_lower or last.head.i in ctx.cue_toks)):  # "US Raids" in a headline too
        return False
    head = last.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head  # "US air strikes": the noun the compound modifies
    if head.i in ctx.cue_toks or last.head.lower_ in rules()["whose_nouns"]:
        return True  # "its Damascus ally": the seat of a government names the government, not a place
    key = ent._.actor_key if ent is not None and ent.label_ == "PLACE" else None
    # a country has a point too (its centroid), but "Syria air strikes" names no place of the event
    return not (key and ctx.geo.get(key, {}).get("lat") is not None and fold(ent.text) not in ctx.lex.countries)


def without_distance(doc, e: Span) -> str:
    """A place entity's name without the number of a distance glued to it ("Tabqa 40" before "kilometres")."""
    k = e.end
    while k > e.start + 1 and doc[k - 1].like_num:
        k -= 1
    if k < e.end and e.end < len(doc) and doc[e.end].lower_ in rules()["distance_units"]:
        return doc[e.start:k].text
    return e.text


def named_entity(ctx: DocContext, name: str, ent: Span | None) -> Span | None:
    """The entity that names the place `name`: the one at the name, unless it ran on past the name into a number
    ("Jayrud 60 kilometres from Damascus" tagged "Jayrud 60"); then the document's entity of exactly that name
    (the place's own actor), else none (a name with a distance glued to it is no actor of its own)."""
    if ent is None or ent.label_ != "PLACE" or not any(t.like_num for t in ent):
        return ent
    want = fold(name)
    return next((x for x in ctx.ents.every if x.label_ == "PLACE" and fold(x.text) == want), None)


def _chain_place(ctx: DocContext, chain: list[tuple[int, int]], after: bool) -> tuple[Place, bool] | None:
    """The place a chain names (its first name, with admin1 and country read from the rest) and whether all its
    names are countries; None when the chain is not evidently a place."""
    doc, countries = ctx.doc, ctx.lex.countries
    names, ents = [], []
    for s, e in chain:
        name, first = strip_name(ctx, s, e)
        names.append(name)
        ents.append(named_entity(ctx, name, ctx.ent(first)))
    is_country = [fold(n) in countries for n in names]
    has_ent = any(x is not None and x.label_ == "PLACE" for x in ents)
    has_des = any(doc[e - 1].lower_ in ctx.lex.designators for s, e in chain)
    if not (has_ent or has_des or after or len(chain) >= 2):
        return None
    if len(chain) == 2 and doc[chain[0][1]].lower_ == "of" and not any(is_country):
        return _of_place(ctx, names, ents), False
    country = admin1 = None
    if any(is_country):
        ci = is_country.index(True)
        country = countries[fold(names[ci])]
        if ci >= 2:
            admin1 = names[ci - 1]
    elif len(chain) >= 2:
        admin1 = names[-1]
    return Place(names[0], ents[0], admin1, country), all(is_country)


def _geo(ctx: DocContext, ent: Span | None) -> dict:
    key = ent._.actor_key if ent is not None and ent.label_ == "PLACE" else None
    return ctx.geo.get(key, {}) if key else {}


def _of_place(ctx: DocContext, names: list[str], ents: list) -> Place:
    """"A <designator> of B": B holds A ("the Salihiah neighbourhood of Hasakah city", "the Bab Amr district of
    Homs") unless A is the bigger place: an admin1 ("the Idlib town of Saraqeb", "the Damascus suburb of Ghouta"),
    or the one the gazetteer knows when B is unknown. The place is the smaller one, inside the other's admin1 and
    country."""
    from ...eventplaces import named_admin1

    geo = [_geo(ctx, e) for e in ents]
    a_holds = named_admin1(names[0], geo[0].get("country")) is not None or (
        geo[0].get("lat") is not None and geo[1].get("lat") is None)
    child, parent = (1, 0) if a_holds else (0, 1)
    pg = geo[parent]
    admin1 = named_admin1(names[parent], pg.get("country")) or pg.get("admin1") or names[parent]
    return Place(names[child], ents[child], admin1, pg.get("country") or geo[child].get("country"))


def _from_chains(ctx: DocContext, tokens: range, found: list) -> Place | None:
    doc, best = ctx.doc, None
    for chain in found:
        if not (tokens.start <= chain[0][0] < tokens.stop):
            continue
        chain = [(s, e) for s, e in chain if not is_modifier(ctx, s, e, ctx.ent(e - 1))]
        if chain and (in_origin_phrase(ctx, doc[chain[0][0]]) or in_group_name(ctx, doc[chain[0][0]])):
            continue
        if not chain:
            continue
        after_des = chain[0][0] >= 2 and doc[chain[0][0] - 2].lower_ in ctx.lex.designators  # "the village of X"
        got = _chain_place(ctx, chain, after_des)
        if got is None:
            continue
        place, only_countries = got
        if only_countries and best is not None:
            continue
        if best is None or (best.country and best.location and fold(best.location) in ctx.lex.countries):
            best = place
        if not only_countries:
            break
    return best


def _from_entities(ctx: DocContext, tokens: range) -> Place | None:
    """The first place entity in `tokens` (a country only when nothing more specific follows)."""
    best = None
    for t in tokens:
        e = ctx.ent(t)
        if e is not None and e.label_ == "PLACE" and e.start == t and not is_modifier(ctx, e.start, e.end, e) \
                and not (len(e) == 1 and is_demonym(ctx, e[0])) and not is_origin(ctx.doc, e.end) \
                and not in_origin_phrase(ctx, e.root) and not is_allegiance(ctx.doc, e.start) \
                and not is_actor_subject(e.root) and not in_group_name(ctx, e.root) and not _loose_unknown(ctx, e):
            name = without_distance(ctx.doc, e)
            country = ctx.lex.countries.get(fold(name))
            cand = Place(name, named_entity(ctx, name, e) if name != e.text else e, None, country)
            if best is None or (best.country and not country):
                best = cand
            if not country:
                break
    return best


def _loose_unknown(ctx: DocContext, e: Span) -> bool:
    """A one-word name the gazetteer cannot place ("Sarin is a nerve agent") that the sentence does not attach as
    a place (the object of a place preposition: "in Sarin") is no location (ACLED: the location is the named
    place where the event happened)."""
    if len(e) != 1 or _geo(ctx, e).get("lat") is not None:
        return False
    return not (e.root.dep_ == "pobj" and e.root.head.lower_ in ctx.lex.place_preps)


@lru_cache(maxsize=1)
def _demonym_country() -> dict[str, str]:
    from ... import lexicon
    return {k.lower(): v for k, v in dict(lexicon.load("actor_kinds.json")["demonyms"]).items()}


def _from_demonym(ctx: DocContext, tokens: range) -> Place | None:
    """"a rebel-held Syrian town": a nationality adjective on a place noun names no place, but says the country."""
    from ...gazetteer import country_names

    p = ctx.ix.parse
    for t in tokens:
        if p.deps[t] != "amod" or p.lower[t] not in _demonym_country():
            continue  # only a nationality adjective is made a token
        tok = ctx.doc[t]
        cc = _demonym_country().get(tok.lower_) if tok.dep_ == "amod" else None
        if cc and tok.head.lower_ in ctx.lex.designators and country_names().get(cc):
            return Place(country_names()[cc], None, None, cc)
    return None


def place_in(sc: SentenceContext, tokens: range) -> Place | None:
    """The most specific place named in `tokens` of the sentence; else, once the whole sentence is searched, the
    country a nationality adjective on a place noun gives."""
    named = _from_chains(sc.ctx, tokens, sc.chains) or _from_entities(sc.ctx, tokens)
    if named is None and tokens.start <= sc.sent.start and tokens.stop >= sc.sent.end:
        return _from_demonym(sc.ctx, tokens)
    return named


REMOTE_SUBS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED",
                         "Chemical weapon"})


def struck_place(ctx: DocContext, m) -> None:
    """"shelled Karak": a proper-noun object of a strike verb is the place struck, not a side."""
    trig = m.trigger
    if trig.pos_ != "VERB" or m.sub not in REMOTE_SUBS:
        return
    for c in trig.children:
        if c.dep_ == "dobj" and c.pos_ == "PROPN":
            e = ctx.ent(c.i)
            if e is None or e.label_ not in ("PERSON", "FACTION"):
                m.place = Place(e.text if e is not None else c.text, e, m.place.admin1 if m.place else None,
                                m.place.country if m.place else None)
                m.actor2 = None
