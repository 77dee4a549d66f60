"""The link rules: each proposes unions of name keys on the Doc's guarded sets, in the order `LINKS` lists them
(a later rule sees the clusters the earlier ones made)."""
from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from ...linkrules import ADMIN1_TAIL, initials, place_skeleton
from .model import DocContext, Key, Lookups, mention_key

STOP = {"the", "of", "and", "for", "in", "a", "an", "al", "el", "-"}
AKA = re.compile(r"^\s*[,(]?\s*(?:also known as|aka|a\.k\.a\.|known as|or|also called|formerly)\s*$", re.I)
NAMED_AS = re.compile(r"(?:also known as|a\.k\.a\.?|\baka|nom de guerre|better known as)\s*$", re.I)


def registry_aliases(ctx: DocContext, lx: Lookups) -> None:
    """Registry aliases ("Daesh", "ISIL" -> "Islamic State"): one canonical name, one actor."""
    by_canon: dict[str, Key] = {}
    for k in ctx.keys:
        if k[0] in ("FACTION", "ORG"):
            c = lx.canon.get(k[1])
            if c:
                if c in by_canon:
                    ctx.sets.union(by_canon[c], k)
                else:
                    by_canon[c] = k


def similar(a: str, b: str, cutoff: float) -> bool:
    """Two spellings of one name: both of five letters or more, lengths within three, rapidfuzz ratio ≥ cutoff."""
    return len(a) >= 5 and len(b) >= 5 and abs(len(a) - len(b)) <= 3 and fuzz.ratio(a, b) >= cutoff


def spelling_variants(ctx: DocContext, lx: Lookups) -> None:
    """Spelling variants of one label ("Dara al-Balad" -> "Daraa al-Balad")."""
    keys = ctx.keys
    for i, a in enumerate(keys):
        if len(a[1]) < 5:
            continue
        for b in keys[i + 1:]:
            if b[0] == a[0] and similar(a[1], b[1], lx.fuzzy_cutoff):
                ctx.sets.union(a, b)


def partial_names(ctx: DocContext, lx: Lookups) -> None:
    """Partial person names join the one full name whose leading or trailing words they are."""
    find = ctx.sets.find
    persons = [k for k in ctx.keys if k[0] == "PERSON" and " " in k[1]]
    for k in ctx.keys:
        if k[0] != "PERSON":
            continue
        owners = {find(f) for f in persons if f != k and (f[1].endswith(" " + k[1]) or f[1].startswith(k[1] + " "))}
        if len(owners) == 1:
            ctx.sets.union(next(iter(owners)), k)


def admin_regions(ctx: DocContext, lx: Lookups) -> None:
    """"Idlib province", "Idlib countryside", "Idlib Governorate": one governorate (the city "Idlib" is another
    GeoNames place, and stays another actor)."""
    by_region: dict[str, list[Key]] = defaultdict(list)
    for k in ctx.keys:
        if k[0] == "PLACE" and ADMIN1_TAIL.search(k[1]):
            by_region[place_skeleton(k[1])].append(k)
    for same in by_region.values():
        for k in same[1:]:
            ctx.sets.union(same[0], k)


def capitals_for_states(ctx: DocContext, lx: Lookups) -> None:
    """A capital acting for its state joins that state ("Moscow" with "Russia") when both are factions here."""
    fac_country = {}
    for k in ctx.keys:
        if k[0] == "FACTION":
            for p in lx.gaz.lookup(ctx.first(k)):
                if p.kind == "country":
                    fac_country[p.country] = k
    for k in ctx.keys:
        if k[0] == "FACTION" and ctx.first(k) in lx.capitals:
            cc = lx.capitals[ctx.first(k)]
            if cc in fac_country and fac_country[cc] != k:
                ctx.sets.union(fac_country[cc], k)


def acronyms(ctx: DocContext, lx: Lookups) -> None:
    """An acronym joins the one longer name it spells: "ISIL" with "Islamic State of Iraq and the Levant"."""
    long_by_init: dict[str, set] = defaultdict(set)
    for k in ctx.keys:
        if k[0] != "PERSON" and " " in k[1]:
            ini = initials(ctx.first(k))
            if len(ini) >= 2:
                long_by_init[ini].add(ctx.sets.find(k))
    for k in ctx.keys:
        txt = ctx.first(k).replace(".", "")
        if txt.isupper() and len(txt) >= 2 and len(long_by_init.get(txt, ())) == 1:
            ctx.sets.union(next(iter(long_by_init[txt])), k)


def said_alias(between: str, after: str, persons: bool, short: bool) -> str | None:
    """How the text between two adjacent mentions says the second names the first: "aka" ("X (Y)", "X, also
    known as Y"; groups and places), "named" (a person's other name, said explicitly), or None. `after` is the
    character after the second mention, `persons` whether both are persons, `short` whether the text between
    is at most 60 characters."""
    if between.strip() in ("(", ", or", "(or") or AKA.match(between):
        return "aka" if after in (")", ",", " ", "") or AKA.match(between) else None
    if persons and short and "\n" not in between and NAMED_AS.search(between):
        # "Abboud Qanbar (Arabic: ...), also known as Abu Haidar"
        return "named"
    return None


def _either_before(a) -> bool:
    """"either" just before the first of two mentions joined by "or" makes them alternatives."""
    doc = a.doc
    return any(t.lower_ == "either" for t in doc[max(a.sent.start, a.start - 3):a.start])


def explicit_aliases(ctx: DocContext, lx: Lookups) -> None:
    """"X (Y)", "X, also known as Y": two adjacent mentions the text says are one actor."""
    text, union = ctx.text, ctx.sets.union
    for a, b in zip(ctx.mentions, ctx.mentions[1:]):
        between = text[a.end_char:b.start_char]
        if between.strip().lower() == "or" and _either_before(a):
            continue  # "either by the regime or Russian warplanes": two alternatives, not two names of one
        how = said_alias(between, text[b.end_char:b.end_char + 1], a.label_ == b.label_ == "PERSON",
                         len(between) <= 60)
        if how == "aka":
            ka, kb = mention_key(lx.guards, a), mention_key(lx.guards, b)
            if ka[0] != "PERSON" and kb[0] != "PERSON":
                union(ka, kb) if len(ka[1]) >= len(kb[1]) else union(kb, ka)
        elif how == "named":
            union(mention_key(lx.guards, a), mention_key(lx.guards, b))


def faction_short_forms(ctx: DocContext, lx: Lookups) -> None:
    """Short forms of a faction: "regime" < "regime forces" < "Syrian regime forces", when the fuller form is
    unique."""
    find = ctx.sets.find
    fsets = {k: frozenset(w for w in k[1].split() if w not in STOP) for k in ctx.keys if k[0] == "FACTION"}
    for k, ws in sorted(fsets.items(), key=lambda kv: len(kv[1])):
        if not ws:
            continue
        sup = {find(o) for o, os_ in fsets.items() if o != k and ws < os_}
        tops = {s for s in sup if not any(fsets.get(s, frozenset()) < fsets.get(t, frozenset()) for t in sup)}
        if len(tops) == 1 and find(k) not in tops:
            ctx.sets.union(next(iter(tops)), k)


NAME_PREPS = {"of", "for", "on", "in", "against"}


def name_head(words: list[str]) -> str:
    """The head noun of an organisation's name: the word before its first preposition ("Syrian Observatory for
    Human Rights" -> "observatory"), else its last word ("UN Security Council" -> "council")."""
    for i, w in enumerate(words):
        if w in NAME_PREPS and i > 0:
            return words[i - 1]
    return words[-1]


def org_head_forms(ctx: DocContext, lx: Lookups) -> None:
    """A definite description of an organisation by its head noun ("the Observatory", "the Council", "the
    Security Council") joins the one fuller organisation name in the document with that head and all its words
    (the issue's rule: a definite description with a compatible head). The head must be a noun organisations are
    described by (`Lookups.org_heads`); an acronym or a word that is not the head ("UN" of "UN Security Council",
    of a misread "Russias UN") links nothing."""
    find = ctx.sets.find
    orgs = {k: [w for w in k[1].split() if w not in ("the", "-")] for k in ctx.keys if k[0] == "ORG"}
    for k, ws in orgs.items():
        if not ws or len(ws) > 2 or ws[-1] not in lx.org_heads or ctx.first(k).replace(".", "").isupper():
            continue
        tops = {find(o) for o, os_ in orgs.items() if o != k and len(os_) > len(ws) and
                name_head(os_) == ws[-1] and set(ws) <= set(os_)}
        if len(tops) == 1 and find(k) not in tops:
            ctx.sets.union(next(iter(tops)), k)


LINKS = (registry_aliases, spelling_variants, partial_names, admin_regions, capitals_for_states, acronyms,
         explicit_aliases, faction_short_forms, org_head_forms)


def link(ctx: DocContext, lx: Lookups) -> None:
    """Every link rule, in order."""
    for rule in LINKS:
        rule(ctx, lx)
