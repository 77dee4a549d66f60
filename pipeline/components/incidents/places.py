"""Step 3b, where: comma chains of place names after a preposition ('in Kecha area, Maqur district, Badghis,
Afghanistan'), trimmed of designators and countries, else the first place entity of the clause or sentence."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...syntax import trim
from ...text import fold
from .model import DocContext, Place, SentenceContext


def chains(ctx: DocContext, sent: Span) -> list[list[tuple[int, int]]]:
    """Comma chains of place names after a place preposition, as token ranges [start, end)."""
    doc, out, i = sent.doc, [], sent.start
    while i < sent.end:
        if doc[i].lower_ in ctx.lex.place_preps and i + 1 < sent.end:
            chain = _chain_after(ctx, sent, i + 1 + (doc[i + 1].lower_ == "the"))
            if chain:
                out.append(chain)
                i = chain[-1][1]
                continue
        i += 1
    return out


def _capital(t: Token) -> bool:
    return t.is_title or t.is_upper


def _chain_after(ctx: DocContext, sent: Span, j: int) -> list[tuple[int, int]]:
    """The names starting at token `j`, joined by commas."""
    doc, lex, chain = sent.doc, ctx.lex, []
    while j < sent.end:
        k = j
        if not _capital(doc[k]) or doc[k].is_punct or not_place(ctx, doc[k]):
            break
        while k < sent.end and (_capital(doc[k]) or doc[k].lower_ in lex.particles or doc[k].lower_ in
                                lex.designators) and not (doc[k].is_punct and doc[k].text not in "-'") and not \
                not_place(ctx, doc[k]):
            k += 1
        while k > j and (doc[k - 1].lower_ in lex.particles):
            k -= 1
        if k == j:
            break
        chain.append((j, k))
        if k + 1 < sent.end and doc[k].text == "," and _capital(doc[k + 1]):
            j = k + 1
            continue
        break
    return chain


def is_demonym(ctx: DocContext, tok: Token) -> bool:
    """A nationality adjective ("Syrian", "Turkish"): it says whose, never where ("the Syrian city of Homs")."""
    return tok.lower_ in ctx.lex.demonyms


def is_origin(doc, end: int) -> bool:
    """A name followed by "-based" ("the Britain-based Observatory") is where a speaker sits, not the event."""
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "based"


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
    if e - s > 1 and last.head.i not in ctx.cue_toks:  # "Damascus Opera House state media": a long name stays
        return False
    if not (last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.i >= e and last.head.pos_ == "NOUN"
            and last.head.is_lower):
        return False
    if last.head.i in ctx.cue_toks:
        return True
    key = ent._.actor_key if ent is not None and ent.label_ == "PLACE" else None
    # a country has a point too (its centroid), but "Syria air strikes" names no place of the event
    return not (key and ctx.geo.get(key, {}).get("lat") is not None and fold(ent.text) not in ctx.lex.countries)


def _chain_place(ctx: DocContext, chain: list[tuple[int, int]], after: bool) -> tuple[Place, bool] | None:
    """The place a chain names (its first name, with admin1 and country read from the rest) and whether all its
    names are countries; None when the chain is not evidently a place."""
    doc, countries = ctx.doc, ctx.lex.countries
    names, ents = [], []
    for s, e in chain:
        name, first = strip_name(ctx, s, e)
        names.append(name)
        ents.append(ctx.ent(first))
    is_country = [fold(n) in countries for n in names]
    has_ent = any(x is not None and x.label_ == "PLACE" for x in ents)
    has_des = any(doc[e - 1].lower_ in ctx.lex.designators for s, e in chain)
    if not (has_ent or has_des or after or len(chain) >= 2):
        return None
    country = admin1 = None
    if any(is_country):
        ci = is_country.index(True)
        country = countries[fold(names[ci])]
        if ci >= 2:
            admin1 = names[ci - 1]
    elif len(chain) >= 2:
        admin1 = names[-1]
    return Place(names[0], ents[0], admin1, country), all(is_country)


def _from_chains(ctx: DocContext, tokens: range, found: list) -> Place | None:
    doc, best = ctx.doc, None
    for chain in found:
        if not (tokens.start <= chain[0][0] < tokens.stop):
            continue
        chain = [(s, e) for s, e in chain if not is_modifier(ctx, s, e, ctx.ent(e - 1))]
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
                and not (len(e) == 1 and is_demonym(ctx, e[0])) and not is_origin(ctx.doc, e.end):
            country = ctx.lex.countries.get(fold(e.text))
            cand = Place(e.text, e, None, country)
            if best is None or (best.country and not country):
                best = cand
            if not country:
                break
    return best


def place_in(sc: SentenceContext, tokens: range) -> Place | None:
    """The most specific place named in `tokens` of the sentence."""
    return _from_chains(sc.ctx, tokens, sc.chains) or _from_entities(sc.ctx, tokens)


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
