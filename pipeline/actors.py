"""Corpus-level actor linking: the per-document actors of a whole run become canonical actors with stable ids.

Runs once, after the per-document stage, over the small `doc_actors` summaries (one row per actor per
document), never over the documents themselves.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import pyarrow as pa
from rapidfuzz import fuzz

from .gazetteer import factions, places
from .schema import SCHEMAS, table_from_rows
from .text import actor_key, norm_name
from .unionfind import UnionFind

FUZZY_CUTOFF = 90
GEO_FIELDS = ("country", "admin1", "lat", "lon", "geonames_id")


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

    def absorb(self, other: _Group) -> None:
        self.names.update(other.names)
        self.aliases |= other.aliases
        self.n_mentions += other.n_mentions
        self.docs |= other.docs
        self.roles.update(other.roles)
        self.geo = self.geo or other.geo
        self.keys |= other.keys

    def canonical(self) -> str:
        # a full name over a bare surname, then the name most documents use, then the longer, then A-Z
        return max(self.names, key=lambda n: (self.type != "person" or " " in n.strip(), self.names[n], len(n),
                                              [-ord(c) for c in n]))


def link(doc_actors: Iterable[pa.Table]) -> tuple[pa.Table, dict[str, str]]:
    """Return the actors table and the map from per-document actor keys to canonical actor ids."""
    groups: dict[tuple[str, str], _Group] = {}
    canon = factions()[1]  # normalised faction name or alias -> registry name
    for t in doc_actors:
        for r in t.to_pylist():
            nk = norm_name(r["name"]) or r["name"].lower()
            if r["type"] in ("faction", "org") and nk in canon:
                nk = norm_name(canon[nk])  # registry aliases ("Daesh", "ISIL") share the registry's name
            elif r["type"] == "place" and r.get("geonames_id") is not None:
                nk = f"#geonames:{r['geonames_id']}"  # "Raqqa", "Raqqah", "Ar Raqqah": one place
            elif r["type"] == "place" and r.get("lat") is not None and r.get("admin1"):
                nk = f"#at:{r.get('country')}:{r['admin1']}:{nk}"  # Walker County, GA and Walker County, AL
            g = groups.get((r["type"], nk))
            if g is None:
                g = groups[(r["type"], nk)] = _Group(r["type"])
            g.names[r["name"]] += 1
            g.aliases.update(a for a in (r["aliases"] or []) if a)
            g.n_mentions += r["n_mentions"] or 0
            g.docs.add(r["doc_id"])
            if r.get("role"):
                g.roles[r["role"]] += 1
            if g.geo is None and (r.get("lat") is not None or r.get("country")):
                g.geo = {f: r.get(f) for f in GEO_FIELDS}
            g.keys.add(r["key"])
    merged = _merge(groups)
    rows, key_map = [], {}
    for g in merged:
        name = g.canonical()
        if g.type in ("faction", "org"):  # a registry actor keeps the registry's name whatever the articles say
            name = next((canon[norm_name(n)] for n in sorted(g.names) if norm_name(n) in canon), name)
        aid = places().place_id(name, g.geo) if g.type == "place" else actor_key(g.type, name)
        for k in g.keys:
            key_map[k] = aid
        geo = g.geo or {}
        rows.append({"actor_id": aid, "name": name, "type": g.type,
                     "aliases": sorted((g.aliases | set(g.names)) - {name}),
                     "n_mentions": g.n_mentions, "n_docs": len(g.docs),
                     "role": g.roles.most_common(1)[0][0] if g.roles else None, **{f: geo.get(f) for f in GEO_FIELDS}})
    rows.sort(key=lambda r: (-r["n_mentions"], r["actor_id"]))
    # two groups can still land on one id (names differing only in punctuation): keep ids unique
    seen: dict[str, dict] = {}
    for r in rows:
        if r["actor_id"] in seen:
            s = seen[r["actor_id"]]
            s["n_mentions"] += r["n_mentions"]
            s["aliases"] = sorted(set(s["aliases"]) | set(r["aliases"]))
            s["n_docs"] = max(s["n_docs"], r["n_docs"])
        else:
            seen[r["actor_id"]] = r
    return table_from_rows("actors", list(seen.values()), SCHEMAS["actors"]), key_map


def _merge(groups: dict[tuple[str, str], _Group]) -> list[_Group]:
    """Union spelling variants (rapidfuzz, blocked by type and initial) and bare surnames of one full name."""
    sets = UnionFind(groups)
    find = sets.find

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            # the group with more mentions stays the root; ties by key, so the result is order-free
            if (groups[ra].type == "person", groups[ra].n_mentions, rb) < (groups[rb].type == "person",
                                                                            groups[rb].n_mentions, ra):
                ra, rb = rb, ra
            sets.union(ra, rb)

    # spelling variants: blocked by type and first two letters, compared only within 3 characters of length,
    # so the cost grows with the size of the blocks, not with the square of the corpus
    blocks: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in sorted(groups):
        if len(k[1]) > 4 and not k[1].startswith("#"):
            blocks[(k[0], k[1][:2])].append(k)
    for block in blocks.values():
        block.sort(key=lambda k: (len(k[1]), k))
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if len(b[1]) - len(a[1]) > 3:
                    break
                ga, gb = groups[a].geo, groups[b].geo
                if ga and gb and ga.get("geonames_id") != gb.get("geonames_id"):
                    continue  # two different places that happen to be spelled alike
                if fuzz.ratio(a[1], b[1]) >= FUZZY_CUTOFF:
                    union(a, b)
    # a bare surname joins a full name only when exactly one full name in the corpus ends with it
    by_last: dict[tuple[str, str], set] = defaultdict(set)
    for k in groups:
        if k[0] == "person" and " " in k[1]:
            by_last[(k[0], k[1].split()[-1])].add(find(k))
    for k in sorted(groups):
        if " " in k[1] or k[0] == "faction":
            continue
        owners = by_last.get(("person", k[1]), set())
        # a bare surname the model mislabelled ORG/PLACE in one document ("al-Assad") joins the one person too,
        # unless the gazetteer placed it (a real place)
        if len(owners) == 1 and (k[0] == "person" or (groups[k].geo is None and len(groups[k].docs) <= 2)):
            union(next(iter(owners)), k)
    out: dict[tuple[str, str], _Group] = {}
    for k in sorted(groups):
        r = find(k)
        if r not in out:
            out[r] = _Group(groups[r].type)
        out[r].absorb(groups[k])
    return list(out.values())
