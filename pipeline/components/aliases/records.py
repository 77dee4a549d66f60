"""From clusters to actor records: state forces, the actor's name, key and role, its mentions."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span

from ...linkrules import GROUP_LABELS, Sig
from ...schema import LABEL_TYPE
from ...text import actor_key, norm_name
from .model import Clusters, DocContext, Key, Lookups, mention_key

PREFERENCE = {"FACTION": 3, "ORG": 2, "PLACE": 1, "PERSON": 0}
NO_PLACE = {"country": None, "admin1": None, "lat": None, "lon": None, "geonames_id": None}


def state_name(country: str) -> str:
    """A country's name as it follows "of": "the United States", "the Philippines", "Syria"."""
    plural = country.endswith("s") and not country.endswith(("us", "Laos"))
    return f"the {country}" if plural or country.startswith(("United ", "Republic", "Democratic ", "Central ")) \
        else country


def doc_country(ctx: DocContext, lx: Lookups, clusters: Clusters, places: dict[Key, dict]) -> str | None:
    """The country of the places inside a country (towns, regions) the document names, by mentions; only when
    there are none, of the countries it names: a "London-based" monitor or a capital named as a government does
    not make a Syrian article British."""
    weight, national, unsure = Counter(), Counter(), Counter()
    for root, geo in places.items():
        if geo.get("country"):
            is_country = any(lx.guards.signature(m[0], ctx.first(m)).countries for m in clusters[root])
            bucket = national if is_country else unsure if _shared_minor(lx, clusters[root], geo) else weight
            bucket[geo["country"]] += ctx.count(clusters[root])
    supported = set(weight) | set(national)
    weight += Counter({cc: n for cc, n in unsure.items() if cc in supported})
    weight = weight or national
    return weight.most_common(1)[0][0] if weight else None


def _shared_minor(lx: Lookups, members: list[Key], geo: dict) -> bool:
    """A town whose name places of other countries share and that is no major place ('Madaya': a town in Syria
    and one in Myanmar): which country it is in is the gazetteer's guess, so alone it does not say whose 'regime
    forces' an article names; it counts for a country the document's other places or countries name."""
    cands = [p for m in members for p in lx.gaz.lookup(m[1])]
    me = next((p for p in cands if p.geonames_id is not None and p.geonames_id == geo.get("geonames_id")), None)
    return me is not None and me.tier < 2 and len({p.country for p in cands}) > 1


def ruler_states(ctx: DocContext, lx: Lookups) -> dict[str, str]:
    """Surname -> the state a ruler's title names ("Syrian President Bashar Assad" -> SY): a nationality word
    then a head-of-state title (models/actor_kinds.json `ruler_titles`) just before a person's name. One state
    per surname; two different ones say nothing."""
    found: dict[str, set[str]] = {}
    for m in ctx.mentions:
        if m.label_ != "PERSON" or m.start < 2:
            continue
        before = m.doc[max(m.sent.start, m.start - 3):m.start]
        if not any(t.lower_ in lx.guards.ruler_titles for t in before):
            continue
        _, nations = lx.guards.words(before.text)
        if len(nations) == 1:
            found.setdefault(mention_key(lx.guards, m)[1].split()[-1], set()).update(nations)
    return {w: next(iter(ccs)) for w, ccs in found.items() if len(ccs) == 1}


def state_forces(ctx: DocContext, lx: Lookups, clusters: Clusters, places: dict[Key, dict]) -> dict[Key, str]:
    """Clusters that are a state's own forces ("regime forces", "the Syrian army") -> that state's ISO-2; a bare
    "the regime" or "government forces" is the forces of the country the document's places are mostly in."""
    cc_doc = doc_country(ctx, lx, clusters, places)
    rulers = frozenset(w for k in clusters if k[0] == "PERSON" for w in k[1].split()[-1:])
    titled = ruler_states(ctx, lx)
    out = {}
    for root, members in clusters.items():
        if root[0] not in GROUP_LABELS:
            continue
        ccs = {lx.guards.state_forces(m[0], ctx.first(m), cc_doc, rulers, titled) for m in members}
        if len(ccs) == 1 and None not in ccs:
            out[root] = ccs.pop()
    return out


def state_media(ctx: DocContext, lx: Lookups, clusters: Clusters, places: dict[Key, dict]) -> dict[Key, str]:
    """Organisation clusters that are a state's own media ("Syrian state TV", a bare "state television": the
    document's country) -> that state's ISO-2 (linkrules: state media)."""
    cc_doc = doc_country(ctx, lx, clusters, places)
    out = {}
    for root, members in clusters.items():
        ccs = {lx.guards.state_media(m[0], ctx.first(m), cc_doc) for m in members}
        if len(ccs) == 1 and None not in ccs:
            out[root] = ccs.pop()
    return out


def join_state_forces(ctx: DocContext, state: dict[Key, str], media: dict[Key, str] | None = None) -> None:
    """The forces of one state are one actor: what a state-forces cluster is, whatever its words said alone; and
    so are the state's media."""
    for root, cc in state.items():
        ctx.sets.sig[root] = Sig(kinds=frozenset({"group"}), state=frozenset({cc}))
    for root, cc in (media or {}).items():
        ctx.sets.sig[root] = Sig(kinds=frozenset({"group"}), nations=frozenset({cc}), named=True)
    for same in (state, media or {}):
        for root, cc in same.items():
            ctx.sets.union(next(r for r, c in same.items() if c == cc), root)


def registry(lx: Lookups, members: list[Key]) -> str | None:
    """The registry's canonical name of a group cluster, if a member is in the registry."""
    for m in sorted(members):
        c = lx.canon.get(m[1])
        if c and m[0] in ("FACTION", "ORG"):
            return c
    return None


def canonical(ctx: DocContext, lx: Lookups, members: list[Key], label: str) -> str:
    """The cluster's name: of its forms with the cluster's label, the longest, then the most frequent (a place:
    the most frequent, "Daraa" over "Daraa province" when the article mostly says "Daraa"); a country's one
    name; no leading "The", possessive or nickname."""
    base = lx.guards.place_base if label == "PLACE" else str
    forms = Counter(base(e.text) for m in members if m[0] == label for e in ctx.groups[m])
    if label == "PLACE":
        best = max(forms, key=lambda t: (forms[t], len(t), t))
    else:
        best = max(forms, key=lambda t: (len(norm_name(t).split()), len(t), forms[t], t))
    best = lx.guards.possessive_base(best) if label != "PERSON" else re.sub(r"['’]s$", "", best.strip())
    if label in ("PLACE", "FACTION"):
        country = next((p.name for p in lx.gaz.lookup(best) if p.kind == "country"), None)
        if country:
            return country  # "U.S." and "the United States": the state's one name
    if label == "PERSON":  # John “J.D.” Dorrian -> John Dorrian (the full form stays an alias)
        best = re.sub(r"\s+[\"“'‘][^\"”'’]{1,20}[\"”'’]\s+", " ", best)
    return re.sub(r"^(the|The)\s+", "", best) if label != "PERSON" else best


def role(ent: Span) -> str | None:
    """Apposition after a name: "Ahmad Abazeid, an activist working with the Freedom for Daraa Campaign"."""
    doc = ent.doc
    i = ent.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    for tok in ent.root.children:
        if tok.dep_ == "appos" and tok.i > ent.end:
            toks = [t for t in tok.subtree if t.i > ent.end]
            if not toks:
                return None
            span = doc[toks[0].i:toks[-1].i + 1]
            text = re.sub(r"^(an?|the)\s+", "", span.text.strip(" ,"), flags=re.I)
            return text or None
    return None


def identity(ctx: DocContext, lx: Lookups, root: Key, members: list[Key], places: dict[Key, dict],
             state: dict[Key, str], media: dict[Key, str] | None = None) -> tuple[str, str, str]:
    """(key, name, type) of a cluster. The name is the article's own ("Da'esh"); the key is the registry's, so
    documents that say "ISIL" or "Islamic State" link to the same actor."""
    label = max((m[0] for m in members), key=lambda lab: (PREFERENCE[lab], lab))
    type_ = LABEL_TYPE[label]
    name = canonical(ctx, lx, members, label)
    reg = registry(lx, members)
    cc = state.get(root) or next((state[m] for m in members if m in state), None)
    if cc:  # ACLED's name for a state's own armed forces; the article's words stay aliases
        name, reg, type_ = f"Military Forces of {state_name(lx.countries.get(cc, cc))}", None, "faction"
    media = media or {}
    cc = media.get(root) or next((media[m] for m in members if m in media), None)
    if cc and type_ == "org":  # a state's media, named the same way
        name, reg = f"State Broadcaster of {state_name(lx.countries.get(cc, cc))}", None
    key = actor_key(type_, reg or name) if type_ != "place" else lx.gaz.place_id(name, places.get(root))
    return key, name, type_


def add_mentions(actor: dict, ents: list[Span], name: str, type_: str) -> None:
    """A cluster's mentions join its actor: each gets the key, counts, and adds its text as an alias when it is
    not the cluster's `name`; a person's first apposition is its role."""
    for e in sorted(ents, key=lambda e: e.start):
        e._.actor_key = actor["key"]
        actor["n_mentions"] += 1
        if e.text != name and e.text not in actor["aliases"]:
            actor["aliases"].append(e.text)
        if type_ == "person" and actor["role"] is None:
            actor["role"] = role(e)


def build_actors(ctx: DocContext, lx: Lookups, clusters: Clusters, places: dict[Key, dict],
                 state: dict[Key, str], media: dict[Key, str] | None = None) -> list[dict]:
    """One record per actor key, in the order of each cluster's first mention (two clusters can share a key)."""
    actors: dict[str, dict] = {}
    for root, members in sorted(clusters.items(), key=lambda kv: min(e.start for m in kv[1] for e in ctx.groups[m])):
        key, name, type_ = identity(ctx, lx, root, members, places, state, media or {})
        a = actors.get(key)
        if a is None:
            a = actors[key] = {"key": key, "name": name, "type": type_, "aliases": [], "n_mentions": 0, "role": None}
            if type_ == "place":
                a.update(places.get(root) or NO_PLACE)
        add_mentions(a, [e for m in members for e in ctx.groups[m]], name, type_)
    return list(actors.values())
