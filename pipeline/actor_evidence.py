"""The corpus-level evidence rules of actor linking (`actors.link`): each proposes unions of per-document actor
groups, and every union passes the guards of `linkrules` (the rules are listed in `actors`' docstring)."""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from . import lexicon
from .linkrules import (
    ADMIN1_TAIL,
    INITIAL_STOP,
    SPONSOR,
    GuardedUnionFind,
    Guards,
    Sig,
    initials,
    place_skeleton,
    skeleton,
)
from .text import is_acronym, norm_name

FUZZY_CUTOFF = 90
GROUP_FILLERS = lexicon.words("group_fillers", "actor_kinds.json")  # "rebel fighters" are the rebels
RULER_SHARE = 0.8  # "the Assad regime" is the state of the country this share of its documents are about
PROMINENCE = 4  # a bare surname's referent is used in this many times the documents of any other with that surname


def spellings(groups: dict, union, generic) -> None:
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


def generic_classes(groups: dict, sets: GuardedUnionFind, guards: Guards, union,
                     doc_country: dict[str, str]) -> None:
    """Generic sides of one class are one actor, like ACLED's generic actors: "terrorists", "terrorist groups",
    "terrorist organizations"; "rebels", "Syrian rebels", "rebel groups". The class is the name's generic words
    in the singular, less the words that only say it is a group, and its nationality unless that is the country
    its documents are about (ACLED's "Rebels (Syria)"; "Iranian militias" in Syria are a side of their own).
    Pro-government militias named by what they are ("popular forces", "voluntary forces", "self-defense forces")
    are one class whatever their words (`linkrules.Guards.militia`)."""
    by_class: dict[tuple, list] = defaultdict(list)
    for k in sorted(groups):
        if k[0] not in ("faction", "org") or not sets.sig[k].generic:
            continue
        rest = guards.words(SPONSOR.sub(" ", groups[k].canonical()))[0]
        words = frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in rest) - GROUP_FILLERS
        if guards.militia(rest):  # "popular forces", "voluntary forces", "self-defense forces": one class
            words = frozenset({"pro-government militia"})
        ccs = Counter(doc_country[d] for d in groups[k].docs if d in doc_country)
        home = {ccs.most_common(1)[0][0]} if ccs else set()
        if words:  # "Syrian rebels" in Syrian news are its rebels; "Iranian militants" are another side
            by_class[(words, sets.sig[k].nations - home)].append(k)
    for same in by_class.values():
        for k in same[1:]:
            union(same[0], k)


def ruler_forces(groups: dict, sets: GuardedUnionFind, guards: Guards, doc_country: dict[str, str]) -> None:
    """"The Assad regime" in documents that do not name Assad as a person is a state's, which one the words do not
    say (`linkrules`); the ruler is a person of the corpus ("Bashar al-Assad"), so the name is the forces of the
    country its documents are about; so is a named group whose name is the ruler's and state-force words ("Assad
    warplanes", "Assad government"; the
    document-level rule of `linkrules.Guards.state_forces`, with the corpus's people as the rulers: a surname that
    documents use alone for a person, "Assad", of a full name, "Bashar al-Assad"; not the "Arab" of "Arab forces"
    that some "Ahmad al-Arab" ends with); RULER_SHARE of its documents must be about that country."""
    surnames = {k[1] for k in groups if k[0] == "person" and " " not in k[1]}
    rulers = frozenset(k[1].split()[-1] for k in groups if k[0] == "person" and " " in k[1]) & surnames
    for k in sorted(groups):
        sig = sets.sig[k]
        ruled = sig.named and not sig.nations and k[1].split()[0] in rulers  # "Assad warplanes"
        if k[0] not in ("faction", "org") or not (sig.state == {"?"} or ruled) or k[1].startswith("#"):
            continue
        ccs = Counter(doc_country[d] for d in groups[k].docs if d in doc_country)
        cc, n = ccs.most_common(1)[0] if ccs else (None, 0)
        if cc and n >= RULER_SHARE * sum(ccs.values()) \
                and guards.state_forces(groups[k].label(), groups[k].canonical(), cc, rulers) == cc:
            sets.sig[k] = Sig(kinds=frozenset({"group"}), state=frozenset({cc}))


def state_classes(groups: dict, sets: GuardedUnionFind, union) -> None:
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


def same_places(groups: dict, sets: GuardedUnionFind, union) -> None:
    """"Kafraya" and "Kefraya": two spellings the gazetteer resolved to its one place (a single candidate, the
    same coordinates) are that place, however far apart the spellings."""
    by_place: dict[tuple, list] = defaultdict(list)
    for k in sorted(groups):
        geo, places_ = groups[k].geo, sets.sig[k].places
        if k[0] == "place" and geo and geo.get("lat") is not None and places_ and len(places_) == 1:
            # "Deir ez-Zor province" is the governorate even where the gazetteer gave a bare "Deir Ezzor" its point
            region = bool(ADMIN1_TAIL.search(groups[k].canonical().strip()))
            by_place[(next(iter(places_)), round(geo["lat"], 3), round(geo["lon"], 3), region)].append(k)
    for same in by_place.values():
        for k in same[1:]:
            union(same[0], k)


def generic_heads(groups: dict, sets: GuardedUnionFind, heads: frozenset, union) -> None:
    """"Hezbollah fighters", "Nusra militants": a group's name with a generic head is that group, when the corpus
    knows the group by the bare name (the registry's names are folded already, `_group_key`). Only a named
    group: "Islamist militants" and "Islamist terrorists" are two generic classes, not one "Islamist"."""
    for k in sorted(groups):
        words = k[1].split()
        if k[0] not in ("faction", "org") or len(words) < 2 or words[-1] not in heads:
            continue
        while len(words) > 1 and words[-1] in heads:
            words.pop()
        base = (k[0], " ".join(words))
        if base in groups and sets.sig[base].named and not sets.sig[base].generic:
            union(base, k)


def countries(groups: dict, sets: GuardedUnionFind, union) -> None:
    """A country acting is one actor across documents, whatever name stands for it: "Russia", "Moscow",
    "Russias"; "United States", "US", "Washington" (a group whose every name is that one country)."""
    by_country: dict[str, list] = defaultdict(list)
    for k in sorted(groups):
        sig = sets.sig[k]
        if k[0] in ("faction", "org") and len(sig.countries) == 1 and not (sig.named or sig.registries or sig.state):
            by_country[next(iter(sig.countries))].append(k)
    for same in by_country.values():
        for k in same[1:]:
            union(same[0], k)


def short_forms(groups: dict, find, union) -> None:
    """"Syrian Observatory" is the one "Syrian Observatory for Human Rights": a name of two or more words that
    begins exactly one longer name of its type in the corpus joins it (blocked by the first two words). Longest
    names first, so that a name joined to its own longer forms counts as one owner for the shorter ones. A name
    an article gave its own acronym is whole ("United Nations (UN)" is no short "United Nations Security Council").
    Of several longer names, a prominent one takes it (`_prominent_full_form`)."""
    by_head: dict[tuple, list] = defaultdict(list)
    for k in groups:
        ws = k[1].split()
        if k[0] in ("org", "faction") and len(ws) >= 3 and not k[1].startswith("#"):
            by_head[(k[0], *ws[:2])].append(k)
    for k in sorted(groups, key=lambda k: (-len(k[1].split()), k)):
        ws = k[1].split()
        if k[0] not in ("org", "faction") or len(ws) < 2 or k[1].startswith("#"):
            continue
        if (ini := _initials(groups[k].canonical())) and any(a.replace(".", "") == ini for a in groups[k].aliases):
            continue  # "United Nations (UN)": a name with its own acronym is a whole name, not a short form
        owners = sorted({find(o) for o in by_head.get((k[0], *ws[:2]), ()) if o != k and o[1].startswith(k[1] + " ")},
                        key=lambda o: (-len(groups[o].docs), o))
        if len(owners) == 1 or owners and _prominent_full_form(groups, owners, k):
            union(owners[0], k)


def _prominent_full_form(groups: dict, owners: list, k: tuple) -> bool:
    """Of several longer names, the one the corpus uses in PROMINENCE times the documents of any other and of the
    short form: "Syrian Observatory" (10 articles) is the "Syrian Observatory for Human Rights" of 372, not the
    "Syrian Observatory for Human Rights and Reuters" of one. A short form used about as much as its longer names
    ("U.N." beside "UN Security Council", "United Nations" beside "United Nations Security Council") is a name of
    its own."""
    top, second = len(groups[owners[0]].docs), len(groups[owners[1]].docs)
    return top >= PROMINENCE * max(second, len(groups[k].docs))


def possessives(groups: dict, guards: Guards) -> None:
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


def surnames(groups: dict, sets: GuardedUnionFind, guards: Guards, union) -> None:
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


def acronyms(groups: dict, find, union) -> None:
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
                if is_acronym(a):
                    owners[(g.type, a.replace(".", ""))].add(find(k))
            if g.type in ("org", "faction") and (ini := _initials(name)):
                spelled[(g.type, ini)].add(k)
    for k in sorted(groups):
        names = {n.replace(".", "") for n in groups[k].names}
        acr = next((n for n in sorted(names) if is_acronym(n)), None)
        if acr:
            same[(groups[k].type, acr)].append(k)
    for (type_, acr), ks in same.items():
        for k in ks[1:]:
            union(ks[0], k)
        found = {find(o) for o in owners.get((type_, acr), ())} or {find(o) for o in spelled.get((type_, acr), ())}
        if len(found) == 1:
            union(next(iter(found)), ks[0])


def acronym_heads(groups: dict, find, union) -> None:
    """"UN Security Council" is the "United Nations Security Council": a name that opens with an acronym joins
    the name that opens with what the acronym stands for in this corpus (the one actor its bare form joined,
    `acronyms`) and goes on with the same words."""
    by_name = {k[1]: k for k in groups if not k[1].startswith("#")}
    for k in sorted(groups):
        head, _, rest = k[1].partition(" ")
        if not rest or (k[0], head) not in groups:
            continue
        owner = find((k[0], head))
        full = norm_name(groups[owner].canonical()) if owner != (k[0], head) else ""
        if full and " " in full and (o := by_name.get(f"{full} {rest}")) and o[0] == k[0]:
            union(o, k)
