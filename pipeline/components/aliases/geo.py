"""Coordinates for each place cluster from the gazetteer, choosing among same-name places by the countries and
admin1s the document's other places are in.

A name that needs context (`needs_context`: a common word, a lone word opening a sentence) is placed only with a
place cue or in a country the document's other places are in; a place the gazetteer lacks takes its container's
location (`container`)."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from ... import gazetteer
from ...gazetteer import Place, place_key
from ..entities import ADMIN_NOUNS, PLACE_NOUNS, PLACE_PREPS
from .model import Clusters, DocContext, Key, Lookups

Reading = tuple[Counter, Counter]  # a place cluster's vote: {country: n}, {(country, admin1): n}


def needs_context(ctx: DocContext, lx: Lookups, members: list[Key], found: list[Place]) -> bool:
    """A common English word only minor places are named ("West", "Council"), or a lone capitalised word
    opening every sentence it is in, of no major place (tier < 2: not a country, division, capital or city
    of gazetteer.STRONG_POPULATION)."""
    if any(place_key(ctx.first(m)) in lx.gaz.common_keys for m in members):
        return True
    ents = [e for m in members for e in ctx.groups[m]]
    return all(len(e) == 1 and e[0].is_sent_start for e in ents) and max(p.tier for p in found) < 2


def place_cue(doc: Doc, mentions: list[Span]) -> bool:
    """Some mention reads as a place: "in/near/at X", "X province", "the X area"."""
    for e in mentions:
        prev = doc[e.start - 1].lower_ if e.start > 0 else ""
        if prev in PLACE_PREPS or prev in ("at", "near"):
            return True
        if e.end < len(doc) and (doc[e.end].lower_ in ADMIN_NOUNS or doc[e.end].lower_ in PLACE_NOUNS):
            return True
    return False


def container(ctx: DocContext, lx: Lookups, members: list[Key], countries: Counter,
              admin1s: Counter, fallback: bool = True) -> Place | None:
    """"Karak, a neighborhood in Daraa al-Balad": a place the gazetteer lacks takes its container's location;
    failing that (and with `fallback`), it is somewhere in the document's main country."""
    places = [p for p in ctx.mentions if p.label_ == "PLACE"]
    for m in members:
        for e in ctx.groups[m]:
            for inner in places:
                if not (e.end < inner.start and inner.end <= e.end + 8):
                    continue
                if any(t.lower_ in ("in", "of", "near") for t in ctx.doc[e.end:inner.start]):
                    found = lx.gaz.best(lx.gaz.lookup(inner.text), countries, admin1s)
                    if found is not None and found.kind in ("country", "continent"):
                        # "in Syria": the country, but a country's centre is no location of a place in it
                        return Place(ctx.first(m), "district", found.country, None, None, None, None, 0, None)
                    if found is not None:
                        return Place(ctx.first(m), "district", found.country, found.admin1, found.lat, found.lon,
                                     None, 0, inner.text)
    if countries and fallback:
        cc = countries.most_common(1)[0][0]
        return Place(ctx.first(members[0]), "district", cc, None, None, None, None, 0, None)
    return None


def named_inside(ctx: DocContext, lx: Lookups, members: list[Key], countries: Counter,
                 admin1s: Counter) -> Place | None:
    """"Vancouver International Airport", "Douglas County Hospital": a place the gazetteer lacks whose name holds a
    place it knows (the longest such words, a strong name: no rare alternate name, and a common word only in a
    division the document's other places are in) is in that place; with an administrative noun ("Idlib
    province") it is the division of that name. A country or continent in the name ("United Way of America")
    gives no point, nor a place abroad other than a capital ("Ain Tarma" in a Syrian story is not in Tarma,
    Peru)."""
    for m in members:
        name = ctx.first(m)
        words = name.split()
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                key = place_key(" ".join(words[i:i + n]))
                if key not in lx.gaz.index or key in lx.gaz.weak_keys and key not in lx.gaz.common_keys:
                    continue
                found = _inner(lx, key, words[:i] + words[i + n:], countries, admin1s)
                if found is not None and key in lx.gaz.common_keys and not admin1s.get((found.country, found.admin1)):
                    continue  # a common word ("Douglas County"): only in a division the document's places are in
                if found is not None:
                    return Place(name, "district", found.country, found.admin1, found.lat, found.lon, None, 0,
                                 found.name)
    return None


def _inner(lx: Lookups, key: str, rest: list[str], countries: Counter, admin1s: Counter) -> Place | None:
    cands = lx.gaz.lookup_key(key)
    if any(w.lower() in ADMIN_NOUNS for w in rest):
        cands = [p for p in cands if p.kind in ("admin1", "admin2")] or cands
    found = lx.gaz.best(cands, countries, admin1s)
    if found is None or found.lat is None or found.kind in ("country", "continent"):
        return None
    if countries and countries.get(found.country, 0) == 0 and found.tier < 3:
        return None
    return found


def candidates(ctx: DocContext, lx: Lookups, clusters: Clusters) -> tuple[dict[Key, list[Place]], set[Key]]:
    """The gazetteer's places for each place cluster (its first member the gazetteer knows), and the clusters
    whose name needs context."""
    cands, doubtful = {}, set()
    for root, members in clusters.items():
        if root[0] != "PLACE":
            continue
        found = []
        for m in members:
            found = lx.gaz.lookup(lx.guards.place_base(ctx.first(m)))  # "Syrias", "eastern Syria": Syria
            if found:
                break
        cands[root] = found
        if found and needs_context(ctx, lx, members, found):
            doubtful.add(root)
    return cands, doubtful


def reading(best: Place, n: int) -> Reading:
    """The vote of a place cluster of `n` mentions read as `best`."""
    return Counter({best.country: n}), Counter({(best.country, best.admin1): n} if best.admin1 else {})


def settle_weak(lx: Lookups, cands: dict[Key, list[Place]], weak: dict[Key, Reading]) -> Reading:
    """"Lancaster" and "York" alone: the readings of the others decide, in turn (one name at a time, in text
    order, each seeing the others' latest reading; two passes). Updates `weak`; returns the totals."""
    countries, admin1s = Counter(), Counter()
    for own in weak.values():
        countries.update(own[0])
        admin1s.update(own[1])
    for _ in range(2):
        for root, own in list(weak.items()):
            best = lx.gaz.best(cands[root], countries - own[0], admin1s - own[1])
            new = weak[root] = reading(best, sum(own[0].values()))
            countries = countries - own[0] + new[0]
            admin1s = admin1s - own[1] + new[1]
    return countries, admin1s


def vote(ctx: DocContext, lx: Lookups, clusters: Clusters, cands: dict[Key, list[Place]],
         doubtful: set[Key]) -> tuple[Counter, Counter, dict[Key, Reading]]:
    """The countries and admin1s the document's places are in, and each voting cluster's own vote. An
    ambiguous name votes only where nothing certain does: its most likely reading."""
    countries, admin1s = Counter(), Counter()
    votes: dict[Key, Reading] = {}
    weak: dict[Key, Reading] = {}
    for root, found in cands.items():
        best = lx.gaz.best(found)
        if best is None or not best.country or root in doubtful:
            continue
        own = reading(best, ctx.count(clusters[root]))
        if len({p.country for p in found}) == 1 or best.kind in ("country", "admin1", "district") or best.capital:
            votes[root] = own
            countries.update(own[0])
            admin1s.update(own[1])
        else:
            weak[root] = own
    if not countries and weak:
        countries, admin1s = settle_weak(lx, cands, weak)
        votes = weak
    return countries, admin1s, votes


def locate(ctx: DocContext, lx: Lookups, members: list[Key], found: list[Place], countries: Counter,
           admin1s: Counter, doubtful: bool) -> Place | None:
    """The place a cluster is, given the other places' countries and admin1s."""
    if doubtful and not place_cue(ctx.doc, [e for m in members for e in ctx.groups[m]]):
        # "West" of a story that names Texas places is West, TX; naming the United States is not enough
        found = [p for p in found if admin1s.get((p.country, p.admin1), 0)
                 or p.kind == "admin1" and countries.get(p.country, 0)]
        if not found:
            return None
    best = lx.gaz.best(found, countries, admin1s)
    abroad = best is not None and countries and countries.get(best.country, 0) == 0
    if abroad and best.kind == "city" and best.tier < 2:  # a town abroad is likely another place; London stays
        best = container(ctx, lx, members, countries, admin1s) or best
    elif abroad and best.kind in ("city", "admin1") and best.tier < 3:
        # a division or city abroad yields to a container the text names: "Karak, a neighborhood in Daraa"
        best = container(ctx, lx, members, countries, admin1s, fallback=False) or best
    elif best is None:
        best = named_inside(ctx, lx, members, countries, admin1s) or container(ctx, lx, members, countries, admin1s)
    if best is not None and best.lat is None and best.within:
        inner = lx.gaz.best(lx.gaz.lookup(best.within), countries, admin1s)
        if inner is not None:
            best = gazetteer.Place(best.name, best.kind, best.country, best.admin1, inner.lat, inner.lon,
                                   None, 0, best.within)
    return best


def geocode(ctx: DocContext, lx: Lookups, clusters: Clusters) -> dict[Key, dict]:
    """Place cluster root -> {country, admin1, lat, lon, geonames_id}, for the clusters that can be placed."""
    cands, doubtful = candidates(ctx, lx, clusters)
    doc_countries, doc_admin1s, votes = vote(ctx, lx, clusters, cands, doubtful)
    out = {}
    for root, found in cands.items():
        # the document's other places decide: "Paris" five times and "Texas" once is Paris, Texas
        countries, admin1s = doc_countries, doc_admin1s
        if root in votes:
            countries, admin1s = doc_countries - votes[root][0], doc_admin1s - votes[root][1]
        best = locate(ctx, lx, clusters[root], found, countries, admin1s, root in doubtful)
        if best is not None:
            out[root] = {"country": best.country, "admin1": best.admin1, "lat": best.lat, "lon": best.lon,
                         "geonames_id": best.geonames_id}
    return out
