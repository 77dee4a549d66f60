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
- an acronym ("UN", "U.N.") joins the one actor that some document linked it to by its own evidence;
- a short form that begins exactly one longer name of its type ("Syrian Observatory") joins it;
- generic sides of one class are one actor ("terrorists", "terrorist groups"), never a named one;
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
from rapidfuzz import fuzz

from .gazetteer import factions, places
from .linkrules import INITIAL_STOP, GuardedUnionFind, Guards, Sig, initials, place_skeleton, skeleton
from .schema import SCHEMAS, table_from_rows
from .text import actor_key, norm_name

FUZZY_CUTOFF = 90
GEO_FIELDS = ("country", "admin1", "lat", "lon", "geonames_id")
TYPE_LABEL = {"person": "PERSON", "place": "PLACE", "faction": "FACTION", "org": "ORG"}
STATE_NAME = "Military Forces of "
# words that only say a generic side is a group, or (takfiri: state media's epithet for jihadists) what the
# writer thinks of it: "Takfiri terrorists" are the terrorists
GROUP_FILLERS = frozenset({"group", "organization", "organisation", "force", "faction", "element", "armed", "men",
                           "takfiri"})
RULER_SHARE = 0.8  # "the Assad regime" is the state of the country this share of its documents are about
PROMINENCE = 4  # a bare surname's referent is used in this many times the documents of any other with that surname


def _acronym(name: str) -> bool:
    bare = name.replace(".", "")
    return bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 6


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
        return max(self.names, key=lambda n: (" " in n.strip() if self.type == "person" else not _acronym(n),
                                              self.names[n], len(n), [-ord(c) for c in n]))


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


def _group_key(r: dict, canon: dict[str, str]) -> tuple[str, str]:
    """The first grouping of per-document actors: one registry name, one GeoNames place, else one name."""
    nk = norm_name(r["name"]) or r["name"].lower()
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
    places_in: dict[str, Counter] = defaultdict(Counter)  # doc -> country -> mentions of its places
    countries_in: dict[str, Counter] = defaultdict(Counter)  # doc -> country -> mentions of the country's name
    for t in doc_actors:
        for r in t.to_pylist():
            if r["type"] == "place" and r.get("country"):
                is_country = guards.signature("PLACE", r["name"]).countries
                (countries_in if is_country else places_in)[r["doc_id"]][r["country"]] += r["n_mentions"] or 1
            key = _group_key(r, canon)
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
    _possessives(groups, guards)
    sets = GuardedUnionFind({k: guards.signature(g.label(), g.canonical()) for k, g in groups.items()})
    find = sets.find
    _ruler_forces(groups, sets, guards, doc_country or {})

    def union(a, b) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # the group with more mentions stays the root; ties by key, so the result is order-free
            if (groups[ra].type == "person", groups[ra].n_mentions, rb) < (groups[rb].type == "person",
                                                                            groups[rb].n_mentions, ra):
                ra, rb = rb, ra
            sets.union(ra, rb)

    _spellings(groups, union, lambda k: sets.sig[k].generic)
    _generic_classes(groups, sets, guards, union, doc_country or {})
    _same_places(groups, sets, union)
    _state_classes(groups, sets, union)
    _short_forms(groups, find, union)
    _surnames(groups, sets, guards, union)
    _acronyms(groups, find, union)
    out: dict[tuple[str, str], _Group] = {}
    for k in sorted(groups):
        r = find(k)
        if r not in out:
            out[r] = _Group(groups[r].type)
        out[r].absorb(groups[k])
    return list(out.values())


def _spellings(groups: dict, union, generic) -> None:
    """Spelling variants: equal skeletons, or close by rapidfuzz within one block (type and first two letters)
    and 3 characters of length, so the cost grows with the size of the blocks, not with the square of the corpus."""
    by_skeleton: dict[tuple[str, str], list] = defaultdict(list)
    blocks: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in sorted(groups):
        name = norm_name(groups[k].canonical()) if k[1].startswith("#") else k[1]
        if len(name) > 3:  # "Idleb countryside" = "Idlib province"; the city "Idlib" is another place
            by_skeleton[(k[0], place_skeleton(name) if k[0] == "place" else skeleton(name))].append(k)
        if len(k[1]) > 4 and not k[1].startswith("#"):
            blocks[(k[0], k[1][:2])].append(k)
    for same in by_skeleton.values():
        for k in same[1:]:
            ga, gb = groups[same[0]].geo, groups[k].geo
            if not (ga and gb and ga.get("geonames_id") and gb.get("geonames_id")
                    and ga["geonames_id"] != gb["geonames_id"]):
                union(same[0], k)
    for block in blocks.values():
        block.sort(key=lambda k: (len(k[1]), k))
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if len(b[1]) - len(a[1]) > 3:
                    break
                ga, gb = groups[a].geo, groups[b].geo
                if ga and gb and ga.get("geonames_id") != gb.get("geonames_id"):
                    continue  # two different places that happen to be spelled alike
                if fuzz.ratio(a[1], b[1]) >= FUZZY_CUTOFF and not (generic(a) or generic(b)):
                    union(a, b)  # generic sides join by class ("militias" is not "militants")


def _generic_classes(groups: dict, sets: GuardedUnionFind, guards: Guards, union,
                     doc_country: dict[str, str]) -> None:
    """Generic sides of one class are one actor, like ACLED's generic actors: "terrorists", "terrorist groups",
    "terrorist organizations"; "rebels", "Syrian rebels", "rebel groups". The class is the name's generic words
    in the singular, less the words that only say it is a group, and its nationality unless that is the country
    its documents are about (ACLED's "Rebels (Syria)"; "Iranian militias" in Syria are a side of their own)."""
    by_class: dict[tuple, list] = defaultdict(list)
    for k in sorted(groups):
        if k[0] != "faction" or not sets.sig[k].generic:
            continue
        words = frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") else w
                          for w in guards.words(groups[k].canonical())[0]) - GROUP_FILLERS
        ccs = Counter(doc_country[d] for d in groups[k].docs if d in doc_country)
        home = {ccs.most_common(1)[0][0]} if ccs else set()
        if words:  # "Syrian rebels" in Syrian news are its rebels; "Iranian militants" are another side
            by_class[(words, sets.sig[k].nations - home)].append(k)
    for same in by_class.values():
        for k in same[1:]:
            union(same[0], k)


def _ruler_forces(groups: dict, sets: GuardedUnionFind, guards: Guards, doc_country: dict[str, str]) -> None:
    """"The Assad regime" in documents that do not name Assad as a person is a state's, which one the words do not
    say (`linkrules`); the ruler is a person of the corpus ("Bashar al-Assad"), so the name is the forces of the
    country its documents are about (the
    document-level rule of `linkrules.Guards.state_forces`, with the corpus's people as the rulers: a surname that
    documents use alone for a person, "Assad", of a full name, "Bashar al-Assad"; not the "Arab" of "Arab forces"
    that some "Ahmad al-Arab" ends with); RULER_SHARE of its documents must be about that country."""
    surnames = {k[1] for k in groups if k[0] == "person" and " " not in k[1]}
    rulers = frozenset(k[1].split()[-1] for k in groups if k[0] == "person" and " " in k[1]) & surnames
    for k in sorted(groups):
        if k[0] not in ("faction", "org") or sets.sig[k].state != {"?"} or k[1].startswith("#"):
            continue
        ccs = Counter(doc_country[d] for d in groups[k].docs if d in doc_country)
        cc, n = ccs.most_common(1)[0] if ccs else (None, 0)
        if cc and n >= RULER_SHARE * sum(ccs.values()) \
                and guards.state_forces(groups[k].label(), groups[k].canonical(), cc, rulers) == cc:
            sets.sig[k] = Sig(kinds=frozenset({"group"}), state=frozenset({cc}))


def _state_classes(groups: dict, sets: GuardedUnionFind, union) -> None:
    """A state's forces are one actor across documents, like ACLED's "Military Forces of X": every group whose
    signature is the forces of one known state ("Syrian army", "Syrian government", the registry's "Government of
    Syria", a document's "Military Forces of Syria") joins the others of that state."""
    by_state: dict[str, list] = defaultdict(list)
    for k in sorted(groups):
        st = sets.sig[k].state - {"?"}
        if k[0] in ("faction", "org") and len(st) == 1 and not sets.sig[k].named:
            by_state[next(iter(st))].append(k)
    for same in by_state.values():
        for k in same[1:]:
            union(same[0], k)


def _same_places(groups: dict, sets: GuardedUnionFind, union) -> None:
    """"Kafraya" and "Kefraya": two spellings the gazetteer resolved to its one place (a single candidate, the
    same coordinates) are that place, however far apart the spellings."""
    by_place: dict[tuple, list] = defaultdict(list)
    for k in sorted(groups):
        geo, places_ = groups[k].geo, sets.sig[k].places
        if k[0] == "place" and geo and geo.get("lat") is not None and places_ and len(places_) == 1:
            by_place[(next(iter(places_)), round(geo["lat"], 3), round(geo["lon"], 3))].append(k)
    for same in by_place.values():
        for k in same[1:]:
            union(same[0], k)


def _short_forms(groups: dict, find, union) -> None:
    """"Syrian Observatory" is the one "Syrian Observatory for Human Rights": a name of two or more words that
    begins exactly one longer name of its type in the corpus joins it (blocked by the first two words). Longest
    names first, so that a name joined to its own longer forms counts as one owner for the shorter ones."""
    by_head: dict[tuple, list] = defaultdict(list)
    for k in groups:
        ws = k[1].split()
        if k[0] in ("org", "faction") and len(ws) >= 3 and not k[1].startswith("#"):
            by_head[(k[0], *ws[:2])].append(k)
    for k in sorted(groups, key=lambda k: (-len(k[1].split()), k)):
        ws = k[1].split()
        if k[0] not in ("org", "faction") or len(ws) < 2 or k[1].startswith("#"):
            continue
        owners = {find(o) for o in by_head.get((k[0], *ws[:2]), ()) if o != k and o[1].startswith(k[1] + " ")}
        if len(owners) == 1:
            union(next(iter(owners)), k)


def _possessives(groups: dict, guards: Guards) -> None:
    """"Syrias", "Aleppos", "Assads": a possessive whose apostrophe the source dropped is its name (whatever the
    model labelled it), when that name is at least twice as frequent. Runs first: it changes groups, not links."""
    by_name: dict[str, list] = defaultdict(list)
    for k, g in groups.items():
        for n in {norm_name(n) for n in g.names}:  # a place keyed by its GeoNames id is found by its names
            by_name[n].append(k)
    for k in sorted(groups):
        nk = k[1]
        if len(nk) < 5 or not nk.endswith("s") or nk[:-1] not in by_name or nk in guards.canon \
                or guards.gaz.is_strong(nk):
            continue  # "Hamas" is a name of its own, not the possessive of "Hama"; a Moroccan hamlet "Assads" is
            # no reason to keep "Assads regime" apart from Assad
        base = max(by_name[nk[:-1]], key=lambda b: (groups[b].n_mentions, b))
        if base in groups and groups[base].n_mentions >= 2 * groups[k].n_mentions:
            g = groups.pop(k)
            g.aliases |= set(g.names)  # its spellings stay aliases, never the canonical name
            g.names = Counter()
            groups[base].absorb(g)


def _surnames(groups: dict, sets: GuardedUnionFind, guards: Guards, union) -> None:
    """A bare surname joins the one full name ending with it, or the prominent one (see PROMINENCE)."""
    find = sets.find
    by_last: dict[str, set] = defaultdict(set)
    for k in groups:
        if k[0] == "person" and " " in k[1]:
            by_last[k[1].split()[-1]].add(find(k))
    for k in sorted(groups):
        if " " in k[1] or k[0] == "faction":
            continue
        owners = sorted(by_last.get(k[1], set()), key=lambda o: (-len(groups[o].docs), o))
        if not owners:
            continue
        if len(owners) > 1 and len(groups[owners[0]].docs) < PROMINENCE * len(groups[owners[1]].docs):
            continue
        # a bare surname the model mislabelled ORG/PLACE in one document ("al-Assad") joins the person too,
        # unless the gazetteer placed it (a real place)
        if k[0] == "person" or (groups[k].geo is None and len(groups[k].docs) <= 2):
            if k[0] != "person" and find(k) == k:
                groups[k].type = "person"
                sets.sig[k] = guards.signature("PERSON", groups[k].canonical())
            union(owners[0], k)


def _initials(name: str) -> str:
    """The acronym a name of two or more capitalised words spells (`linkrules.initials`: "United Nations" -> "UN");
    "" for a name of one word or with a lower-case content word."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in INITIAL_STOP]
    return initials(name) if len(words) >= 2 and all(w[:1].isupper() for w in words) else ""


def _acronyms(groups: dict, find, union) -> None:
    """"UN", "U.N.": one acronym, with or without dots, is one actor of its type; it joins the one actor that
    documents linked it to by their own evidence, else the one organisation or group of the corpus whose name it
    spells ("United Nations"). Two candidates: no join."""
    owners: dict[tuple[str, str], set] = defaultdict(set)
    spelled: dict[tuple[str, str], set] = defaultdict(set)
    same: dict[tuple[str, str], list] = defaultdict(list)
    for k, g in sorted(groups.items()):
        name = g.canonical().strip()
        if " " in name:
            for a in g.aliases:
                if _acronym(a):
                    owners[(g.type, a.replace(".", ""))].add(find(k))
            if g.type in ("org", "faction") and (ini := _initials(name)):
                spelled[(g.type, ini)].add(k)
    for k in sorted(groups):
        names = {n.replace(".", "") for n in groups[k].names}
        acr = next((n for n in sorted(names) if _acronym(n)), None)
        if acr:
            same[(groups[k].type, acr)].append(k)
    for (type_, acr), ks in same.items():
        for k in ks[1:]:
            union(ks[0], k)
        found = {find(o) for o in owners.get((type_, acr), ())} or {find(o) for o in spelled.get((type_, acr), ())}
        if len(found) == 1:
            union(next(iter(found)), ks[0])
