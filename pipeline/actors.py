"""Corpus-level actor linking: the per-document actors of a whole run become canonical actors with stable ids.

Runs once, after the per-document stage, over the small `doc_actors` summaries (one row per actor per
document), never over the documents themselves.

Per-document actors join when they share a name key (normalised name; a registry actor's canonical name; a GeoNames
id), and then, each link passing the guards of `linkrules` (never two registry actors, two countries, a country and a
group, two nationalities, two places, a generic side and a named one, two kinds):
- spellings alike (rapidfuzz ratio >= 90, blocked by type and initial letters) or equal once transliteration is
  folded (`linkrules.skeleton`: "Deir ez-Zor" = "Deir Ezzor", "Abdelrahman" = "Abdel Rahman");
- a possessive written without its apostrophe ("Syrias civil war", common in scraped copy) joins the name it is
  the possessive of, when that name is at least twice as frequent;
- an acronym ("UN", "U.N.") joins the one actor that some document linked it to by its own evidence, and a
  name that opens with it joins the one that opens with what it stands for ("UN Security Council");
- a short form that begins exactly one longer name of its type ("Syrian Observatory") joins it;
- generic sides of one class are one actor ("terrorists", "terrorist groups", "terrorist forces", "rebel fighters" =
  "rebels"), never a named one; a foreign nationality makes another class ("Iranian militants"), the home country's
  does not; pro-government militias named by what they are ("popular forces", "voluntary forces", "self-defense
  forces") are one class (`linkrules.Guards.militia`);
- a country acting is one actor across documents, whatever names it ("Russia", "Moscow", "Russias");
- one gazetteer place under two spellings ("Kefraya", "Kafraya": one candidate, the same coordinates) is one;
- a registry name with a generic head is the registry actor ("ISIS terrorists", "Hezbollah fighters");
- a state's forces are one actor across documents ("Military Forces of Syria", ACLED's name, kept as the canonical
  one): every name whose signature is the forces of one known state (`linkrules`: "Syrian army", "Syrian
  government", the registry's "Government of Syria"), and "the Assad regime" when Assad is a person of the
  corpus and 80% of its documents are about one country (their places);
- a bare surname joins the full name that ends with it when that full name is the only one, or is used in at least
  4x the documents of every other (the prominent referent: "Assad" in Syrian war news).
A per-document actor is identified by (doc_id, key): the same key in two documents may belong to two actors.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import pyarrow as pa

from . import actor_evidence as ev
from .collector import while_paused
from .gazetteer import factions, places
from .linkrules import GuardedUnionFind, Guards
from .schema import SCHEMAS, table_from_rows
from .text import actor_key, is_acronym, norm_name

GEO_FIELDS = ("country", "admin1", "lat", "lon", "geonames_id")
TYPE_LABEL = {"person": "PERSON", "place": "PLACE", "faction": "FACTION", "org": "ORG"}
STATE_NAME = "Military Forces of "


class ActorIds:
    """Per-document actor key -> corpus actor id. Most keys map to one id everywhere; the few that map differently
    in some documents are kept per (doc_id, key), so the map stays about the size of the actors table."""

    def __init__(self, pairs: dict[tuple[str, str], str]):
        votes: dict[str, Counter] = defaultdict(Counter)
        for (_, key), aid in pairs.items():
            votes[key][aid] += 1
        self.default = {k: max(c, key=lambda a: (c[a], a)) for k, c in votes.items()}
        self.special = {dk: aid for dk, aid in pairs.items() if self.default[dk[1]] != aid}

    def get(self, doc_id: str | None, key: str) -> str:
        return self.special.get((doc_id, key)) or self.default.get(key, key)

    def __len__(self) -> int:
        return len(self.default)


class _Group:
    __slots__ = ("type", "names", "aliases", "n_mentions", "docs", "roles", "geo", "keys")

    def __init__(self, type_: str):
        self.type = type_
        self.names: Counter = Counter()
        self.aliases: set[str] = set()
        self.n_mentions = 0
        self.docs: set[str] = set()
        self.roles: Counter = Counter()
        self.geo: dict | None = None
        self.keys: set[str] = set()

    def add(self, r: dict) -> None:
        """One per-document actor row."""
        self.names[r["name"]] += 1
        self.aliases.update(a for a in (r["aliases"] or []) if a)
        self.n_mentions += r["n_mentions"] or 0
        self.docs.add(r["doc_id"])
        if r.get("role"):
            self.roles[r["role"]] += 1
        if self.geo is None and (r.get("lat") is not None or r.get("country")):
            self.geo = {f: r.get(f) for f in GEO_FIELDS}
        self.keys.add((r["doc_id"], r["key"]))

    def absorb(self, other: _Group) -> None:
        self.names.update(other.names)
        self.aliases |= other.aliases
        self.n_mentions += other.n_mentions
        self.docs |= other.docs
        self.roles.update(other.roles)
        self.geo = self.geo or other.geo
        self.keys |= other.keys

    def label(self) -> str:
        return TYPE_LABEL.get(self.type, "ORG")

    def canonical(self) -> str:
        # the best-attested full form: a full name over a bare surname or an acronym ("United Nations" over "UN"),
        # then the name most documents use, then the longer, then A-Z
        # ("Donald Trump" over the apostrophe-less possessive "Donald Trumps" that more documents may use; a
        # group's "United Nations" is no possessive of the misspelt "United Nation")
        return max(self.names, key=lambda n: (" " in n.strip() if self.type == "person" else not is_acronym(n),
                                              not (self.type == "person" and n.endswith("s") and n[:-1] in self.names),
                                              self.names[n], len(n), [-ord(c) for c in n]))


@while_paused  # collector.py: full collections would rescan every live actor summary
def link(doc_actors: Iterable[pa.Table]) -> tuple[pa.Table, ActorIds]:
    """Return the actors table and the map from per-document actor keys to canonical actor ids."""
    canon = factions()[1]  # normalised faction name or alias -> registry name
    guards = Guards()
    groups, doc_country = _collect(doc_actors, canon, guards)
    merged = _merge(groups, guards, doc_country)
    rows, pairs = [], {}
    for g in merged:
        row = _actor_row(g, canon)
        for dk in g.keys:
            pairs[dk] = row["actor_id"]
        rows.append(row)
    rows.sort(key=lambda r: (-r["n_mentions"], r["actor_id"]))
    return table_from_rows("actors", _unique_ids(rows), SCHEMAS["actors"]), ActorIds(pairs)


def _group_key(r: dict, canon: dict[str, str], heads: frozenset = frozenset()) -> tuple[str, str]:
    """The first grouping of per-document actors: one registry name, one GeoNames place, else one name. A
    registry name with a generic head is the registry actor ("ISIS terrorists", "Hezbollah fighters": the name is
    the mention, CORPUS.md); `heads` are the generic words."""
    nk = norm_name(r["name"]) or r["name"].lower()
    if r["type"] in ("faction", "org") and nk not in canon:
        words = nk.split()
        while len(words) > 1 and words[-1] in heads:
            words.pop()
        nk = " ".join(words) if " ".join(words) in canon else nk
    if r["type"] in ("faction", "org") and nk in canon:
        nk = norm_name(canon[nk])  # registry aliases ("Daesh", "ISIL") share the registry's name
    elif r["type"] == "place" and r.get("geonames_id") is not None:
        nk = f"#geonames:{r['geonames_id']}"  # "Raqqa", "Raqqah", "Ar Raqqah": one place
    elif r["type"] == "place" and r.get("lat") is not None and r.get("admin1"):
        nk = f"#at:{r.get('country')}:{r['admin1']}:{nk}"  # Walker County, GA and Walker County, AL
    return r["type"], nk


def _collect(doc_actors: Iterable[pa.Table], canon: dict[str, str],
             guards: Guards) -> tuple[dict[tuple[str, str], _Group], dict[str, str]]:
    """The per-document actors in their first groups, and each document's country (the country most of its
    towns and regions lie in; its country names when it names no town)."""
    groups: dict[tuple[str, str], _Group] = {}
    heads = guards.generic_words | ev.GROUP_FILLERS
    places_in: dict[str, Counter] = defaultdict(Counter)  # doc -> country -> mentions of its places
    countries_in: dict[str, Counter] = defaultdict(Counter)  # doc -> country -> mentions of the country's name
    for t in doc_actors:
        for r in t.to_pylist():
            if r["type"] == "place" and r.get("country"):
                is_country = guards.signature("PLACE", r["name"]).countries
                (countries_in if is_country else places_in)[r["doc_id"]][r["country"]] += r["n_mentions"] or 1
            key = _group_key(r, canon, heads)
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(r["type"])
            g.add(r)
    doc_country = {}
    for d in set(places_in) | set(countries_in):
        w = places_in.get(d) or countries_in[d]  # towns and regions first: a "London-based" monitor is no country
        doc_country[d] = w.most_common(1)[0][0]
    return groups, doc_country


def _actor_row(g: _Group, canon: dict[str, str]) -> dict:
    """One row of the actors table for a merged group."""
    name = g.canonical()
    if g.type in ("faction", "org"):  # a registry actor keeps the registry's name whatever the articles say
        name = next((canon[norm_name(n)] for n in sorted(g.names) if norm_name(n) in canon), name)
        # a state's forces across documents keep ACLED's name for them
        name = next((n for n in sorted(g.names) if n.startswith(STATE_NAME)), name)
    aid = places().place_id(name, g.geo) if g.type == "place" else actor_key(g.type, name)
    geo = g.geo or {}
    return {"actor_id": aid, "name": name, "type": g.type, "aliases": sorted((g.aliases | set(g.names)) - {name}),
            "n_mentions": g.n_mentions, "n_docs": len(g.docs),
            "role": g.roles.most_common(1)[0][0] if g.roles else None, **{f: geo.get(f) for f in GEO_FIELDS}}


def _unique_ids(rows: list[dict]) -> list[dict]:
    """Two groups can still land on one id (names differing only in punctuation): one row per id."""
    seen: dict[str, dict] = {}
    for r in rows:
        if r["actor_id"] in seen:
            s = seen[r["actor_id"]]
            s["n_mentions"] += r["n_mentions"]
            s["aliases"] = sorted(set(s["aliases"]) | set(r["aliases"]))
            s["n_docs"] = max(s["n_docs"], r["n_docs"])
        else:
            seen[r["actor_id"]] = r
    return list(seen.values())


def _merge(groups: dict[tuple[str, str], _Group], guards: Guards,
           doc_country: dict[str, str] | None = None) -> list[_Group]:
    """Union the groups that are one actor (the module docstring lists the evidence); every union is guarded."""
    ev.possessives(groups, guards)
    sets = GuardedUnionFind({k: guards.signature(g.label(), g.canonical()) for k, g in groups.items()})
    find = sets.find
    ev.ruler_forces(groups, sets, guards, doc_country or {})

    def union(a, b) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # the group with more mentions stays the root; ties by key, so the result is order-free
            if (groups[ra].type == "person", groups[ra].n_mentions, rb) < (groups[rb].type == "person",
                                                                            groups[rb].n_mentions, ra):
                ra, rb = rb, ra
            sets.union(ra, rb)

    ev.spellings(groups, union, lambda k: sets.sig[k].generic)
    ev.generic_classes(groups, sets, guards, union, doc_country or {})
    ev.same_places(groups, sets, union)
    ev.state_classes(groups, sets, union)
    ev.countries(groups, sets, union)
    ev.generic_heads(groups, sets, guards.generic_words | ev.GROUP_FILLERS, union)
    ev.short_forms(groups, find, union)
    ev.surnames(groups, sets, guards, union)
    ev.acronyms(groups, find, union)
    ev.acronym_heads(groups, find, union)
    out: dict[tuple[str, str], _Group] = {}
    for k in sorted(groups):
        r = find(k)
        if r not in out:
            out[r] = _Group(groups[r].type)
        out[r].absorb(groups[k])
    return list(out.values())
