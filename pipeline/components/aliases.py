"""`sitrep_aliases`: group a document's mentions into actors; every mention gets `span._.actor_key`.

Links, within one document: spelling variants ("Dara al-Balad" -> "Daraa al-Balad", rapidfuzz), surnames and
partial names to the one full name they belong to ("Hourani" -> "Hamza al-Hourani"), registry aliases
("Daesh", "ISIL" -> "Islamic State"), acronyms and "also known as" ("Islamic State of Iraq and the Levant (ISIL)"),
and short forms of a faction to its one fuller form ("the regime", "regime forces" -> "Syrian regime forces").
Places get coordinates from the gazetteer, choosing among same-name places by the document's other places.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from .. import docindex, extensions, gazetteer
from ..gazetteer import place_key
from ..linkrules import ADMIN1_TAIL, GROUP_LABELS, GuardedUnionFind, Guards, Sig, place_skeleton
from ..schema import LABEL_TYPE
from ..text import actor_key, norm_name
from .base import Component
from .entities import ADMIN_NOUNS, PLACE_NOUNS, PLACE_PREPS

extensions.register()

STOP = {"the", "of", "and", "for", "in", "a", "an", "al", "el", "-"}
AKA = re.compile(r"^\s*[,(]?\s*(?:also known as|aka|a\.k\.a\.|known as|or|also called|formerly)\s*$", re.I)
NAMED_AS = re.compile(r"(?:also known as|a\.k\.a\.?|\baka|nom de guerre|better known as)\s*$", re.I)
PREFERENCE = {"FACTION": 3, "ORG": 2, "PLACE": 1, "PERSON": 0}


def state_name(country: str) -> str:
    """A country's name as it follows "of": "the United States", "the Philippines", "Syria"."""
    plural = country.endswith("s") and not country.endswith(("us", "Laos"))
    return f"the {country}" if plural or country.startswith(("United ", "Republic", "Democratic ", "Central ")) \
        else country


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", name) if w.lower() not in STOP).upper()


class AliasLinker(Component):
    """Settings: `fuzzy_cutoff` (rapidfuzz ratio of two spellings of one name). Its data is the gazetteer and the
    faction registry (`gazetteer`, shared by the process), so nothing of its own is written by `to_disk`."""

    def setup(self, data: dict) -> None:
        self.fuzzy_cutoff = self.settings["fuzzy_cutoff"]
        self.gaz = gazetteer.places()
        self.canon = gazetteer.factions()[1]
        self.capitals = gazetteer.capitals()
        self.guards = Guards(self.gaz, self.canon, self.capitals)
        self.countries = gazetteer.country_names()

    def process(self, doc: Doc) -> Doc:
        mentions = [e for e in doc.ents if e.label_ in LABEL_TYPE]
        self._ents = mentions
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for ent in mentions:
            groups[self._key(ent)].append(ent)
        keys = sorted(groups, key=lambda k: (-len(k[1]), k))
        # every link below is proposed, then kept only if the cluster still passes the guards (linkrules.py)
        sets = GuardedUnionFind({k: self.guards.signature(k[0], groups[k][0].text) for k in keys})
        find, union = sets.find, sets.union

        # registry aliases: one canonical name
        by_canon: dict[str, tuple] = {}
        for k in keys:
            if k[0] in ("FACTION", "ORG"):
                c = self.canon.get(k[1])
                if c:
                    if c in by_canon:
                        union(by_canon[c], k)
                    else:
                        by_canon[c] = k
        # spelling variants of one label
        for i, a in enumerate(keys):
            if len(a[1]) < 5:
                continue
            for b in keys[i + 1:]:
                if b[0] == a[0] and len(b[1]) >= 5 and abs(len(a[1]) - len(b[1])) <= 3 \
                        and fuzz.ratio(a[1], b[1]) >= self.fuzzy_cutoff:
                    union(a, b)
        # partial person names: the one full name whose trailing words they are
        persons = [k for k in keys if k[0] == "PERSON" and " " in k[1]]
        for k in keys:
            if k[0] != "PERSON":
                continue
            owners = {find(f) for f in persons if f != k and (f[1].endswith(" " + k[1]) or f[1].startswith(k[1] + " "))}
            if len(owners) == 1:
                union(next(iter(owners)), k)
        # "Idlib province", "Idlib countryside", "Idlib Governorate": one governorate (the city "Idlib" is another
        # GeoNames place, and stays another actor)
        by_region: dict[str, list] = defaultdict(list)
        for k in keys:
            if k[0] == "PLACE" and ADMIN1_TAIL.search(k[1]):
                by_region[place_skeleton(k[1])].append(k)
        for same in by_region.values():
            for k in same[1:]:
                union(same[0], k)
        # a capital acting for its state joins that state ("Moscow" with "Russia") when both are factions here
        fac_country = {}
        for k in keys:
            if k[0] == "FACTION":
                for p in self.gaz.lookup(groups[k][0].text):
                    if p.kind == "country":
                        fac_country[p.country] = k
        for k in keys:
            if k[0] == "FACTION" and groups[k][0].text in self.capitals:
                cc = self.capitals[groups[k][0].text]
                if cc in fac_country and fac_country[cc] != k:
                    union(fac_country[cc], k)
        # acronyms: "ISIL" with "Islamic State of Iraq and the Levant"
        long_by_init: dict[str, set] = defaultdict(set)
        for k in keys:
            if k[0] != "PERSON" and " " in k[1]:
                ini = initials(groups[k][0].text)
                if len(ini) >= 2:
                    long_by_init[ini].add(find(k))
        for k in keys:
            txt = groups[k][0].text.replace(".", "")
            if txt.isupper() and len(txt) >= 2 and len(long_by_init.get(txt, ())) == 1:
                union(next(iter(long_by_init[txt])), k)
        # "X (Y)", "X, also known as Y"
        text = docindex.index(doc).text  # doc.text rebuilds the string: the shared index reads it once
        for a, b in zip(mentions, mentions[1:]):
            between = text[a.end_char:b.start_char]
            if between.strip() in ("(", ", or", "(or") or AKA.match(between):
                if text[b.end_char:b.end_char + 1] in (")", ",", " ", "") or AKA.match(between):
                    ka, kb = self._key(a), self._key(b)
                    if ka[0] != "PERSON" and kb[0] != "PERSON":
                        union(ka, kb) if len(ka[1]) >= len(kb[1]) else union(kb, ka)
            elif a.label_ == b.label_ == "PERSON" and len(between) <= 60 and "\n" not in between \
                    and NAMED_AS.search(between):
                # "Abboud Qanbar (Arabic: ...), also known as Abu Haidar": a person's other name, said explicitly
                union(self._key(a), self._key(b))
        # short forms of a faction: "regime" < "regime forces" < "Syrian regime forces", when the fuller form is unique
        fsets = {k: frozenset(w for w in k[1].split() if w not in STOP) for k in keys if k[0] == "FACTION"}
        for k, ws in sorted(fsets.items(), key=lambda kv: len(kv[1])):
            if not ws:
                continue
            sup = {find(o) for o, os_ in fsets.items() if o != k and ws < os_}
            tops = {s for s in sup if not any(fsets.get(s, frozenset()) < fsets.get(t, frozenset()) for t in sup)}
            if len(tops) == 1 and find(k) not in tops:
                union(next(iter(tops)), k)

        clusters: dict[tuple, list[tuple]] = defaultdict(list)
        for k in keys:
            clusters[find(k)].append(k)
        places = self._geo(doc, clusters, groups)
        state = self._state_forces(clusters, groups, places)
        if state:
            for root, cc in state.items():  # what a state-forces cluster is, whatever its words said alone
                sets.sig[root] = Sig(kinds=frozenset({"group"}), state=frozenset({cc}))
            for root, cc in state.items():
                union(next(r for r, c in state.items() if c == cc), root)
            clusters = defaultdict(list)
            for k in keys:
                clusters[find(k)].append(k)
        actors: dict[str, dict] = {}
        for root, members in sorted(clusters.items(), key=lambda kv: min(e.start for m in kv[1] for e in groups[m])):
            ents = [e for m in members for e in groups[m]]
            label = max((m[0] for m in members), key=lambda lab: (PREFERENCE[lab], lab))
            type_ = LABEL_TYPE[label]
            name = self._canonical(members, groups, label)
            registry = self._registry(members)
            cc = state.get(root) or next((state[m] for m in members if m in state), None)
            if cc:  # ACLED's name for a state's own armed forces; the article's words stay aliases
                name, registry, type_ = f"Military Forces of {state_name(self.countries.get(cc, cc))}", None, "faction"
            # the article's own name for the actor ("Da'esh"); the key is the registry's, so documents that say
            # "ISIL" or "Islamic State" link to the same actor
            key = actor_key(type_, registry or name) if type_ != "place" else self.gaz.place_id(name, places.get(root))
            a = actors.get(key)
            if a is None:
                a = actors[key] = {"key": key, "name": name, "type": type_, "aliases": [], "n_mentions": 0,
                                   "role": None}
                if type_ == "place":
                    a.update(places.get(root) or {"country": None, "admin1": None, "lat": None, "lon": None,
                                                  "geonames_id": None})
            for e in sorted(ents, key=lambda e: e.start):
                e._.actor_key = key
                a["n_mentions"] += 1
                if e.text != name and e.text not in a["aliases"]:
                    a["aliases"].append(e.text)
                if type_ == "person" and a["role"] is None:
                    a["role"] = self._role(e)
        doc._.actor_clusters = list(actors.values())  # sitrep_actors makes doc._.actors of them
        return doc

    def _key(self, ent) -> tuple[str, str]:
        """A mention's name key: its label and normalised name, a possessive without apostrophe ("Syrias") folded."""
        text = self.guards.possessive_base(ent.text) if ent.label_ != "PERSON" else ent.text
        return ent.label_, norm_name(text) or text.lower()

    def _state_forces(self, clusters, groups, places) -> dict:
        """Clusters that are a state's own forces ("regime forces", "the Syrian army") -> that state's ISO-2; a bare
        "the regime" or "government forces" is the forces of the country the document's places are mostly in."""
        # the country of the places inside a country (towns, regions) the document names: a "London-based" monitor
        # or a capital named as a government does not make a Syrian article British
        weight, national = Counter(), Counter()
        for root, geo in places.items():
            if geo.get("country"):
                n = sum(len(groups[m]) for m in clusters[root])
                is_country = any(self.guards.signature(m[0], groups[m][0].text).countries for m in clusters[root])
                (national if is_country else weight)[geo["country"]] += n
        weight = weight or national
        doc_country = weight.most_common(1)[0][0] if weight else None
        rulers = frozenset(w for k in clusters if k[0] == "PERSON" for w in k[1].split()[-1:])
        out = {}
        for root, members in clusters.items():
            if root[0] not in GROUP_LABELS:
                continue
            ccs = {self.guards.state_forces(m[0], groups[m][0].text, doc_country, rulers) for m in members}
            if len(ccs) == 1 and None not in ccs:
                out[root] = ccs.pop()
        return out

    def _registry(self, members) -> str | None:
        for m in sorted(members):
            c = self.canon.get(m[1])
            if c and m[0] in ("FACTION", "ORG"):
                return c
        return None

    def _canonical(self, members, groups, label) -> str:
        forms = Counter(e.text for m in members if m[0] == label for e in groups[m])
        # the longest form, then the most frequent; a leading "The" is dropped from the name
        if label == "PLACE":  # "Daraa" over "Daraa province" when the article mostly says "Daraa"
            best = max(forms, key=lambda t: (forms[t], len(t), t))
        else:
            best = max(forms, key=lambda t: (len(norm_name(t).split()), len(t), forms[t], t))
        best = self.guards.possessive_base(best) if label != "PERSON" else re.sub(r"['’]s$", "", best.strip())
        if label in ("PLACE", "FACTION"):
            country = next((p.name for p in self.gaz.lookup(best) if p.kind == "country"), None)
            if country:
                return country  # "U.S." and "the United States": the state's one name
        if label == "PERSON":  # John “J.D.” Dorrian -> John Dorrian (the full form stays an alias)
            best = re.sub(r"\s+[\"“'‘][^\"”'’]{1,20}[\"”'’]\s+", " ", best)
        return re.sub(r"^(the|The)\s+", "", best) if label != "PERSON" else best

    @staticmethod
    def _role(ent) -> str | None:
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

    def _geo(self, doc: Doc, clusters, groups) -> dict:
        """Coordinates for each place cluster, disambiguated by the countries/admin1s the document mentions.
        A name that needs context (`_needs_context`: a common word, a lone word opening a sentence) is placed
        only with a place cue or in a country the document's other places are in."""
        cands, doubtful = {}, set()
        for root, members in clusters.items():
            if root[0] != "PLACE":
                continue
            found = []
            for m in members:
                found = self.gaz.lookup(self.guards.possessive_base(groups[m][0].text))  # "Syrias" is Syria
                if found:
                    break
            cands[root] = found
            if found and self._needs_context(doc, members, groups, found):
                doubtful.add(root)
        countries, admin1s, weak_countries, weak_admin1s = Counter(), Counter(), Counter(), Counter()
        votes: dict[tuple, tuple[Counter, Counter]] = {}
        weak: dict[tuple, tuple[Counter, Counter]] = {}
        for root, found in cands.items():
            n = sum(len(groups[m]) for m in clusters[root])
            best = self.gaz.best(found)
            if best is None or not best.country or root in doubtful:
                continue
            own = (Counter({best.country: n}), Counter({(best.country, best.admin1): n} if best.admin1 else {}))
            if len({p.country for p in found}) == 1 or best.kind in ("country", "admin1", "district") or best.capital:
                votes[root] = own
                countries.update(own[0])
                admin1s.update(own[1])
            else:  # an ambiguous name votes only where nothing certain does: its most likely reading
                weak[root] = own
                weak_countries.update(own[0])
                weak_admin1s.update(own[1])
        if not countries and weak:  # "Lancaster" and "York" alone: the readings of the others decide, in turn
            for _ in range(2):  # one name at a time, in text order, each seeing the others' latest reading
                for root, own in list(weak.items()):
                    best = self.gaz.best(cands[root], weak_countries - own[0], weak_admin1s - own[1])
                    n = sum(own[0].values())
                    new = weak[root] = (Counter({best.country: n}),
                                        Counter({(best.country, best.admin1): n} if best.admin1 else {}))
                    weak_countries = weak_countries - own[0] + new[0]
                    weak_admin1s = weak_admin1s - own[1] + new[1]
            countries, admin1s, votes = weak_countries, weak_admin1s, weak
        doc_countries, doc_admin1s = countries, admin1s
        out = {}
        for root, found in cands.items():
            # the document's other places decide: "Paris" five times and "Texas" once is Paris, Texas
            countries, admin1s = doc_countries, doc_admin1s
            if root in votes:
                countries, admin1s = doc_countries - votes[root][0], doc_admin1s - votes[root][1]
            if root in doubtful and not self._place_cue(doc, clusters[root], groups):
                # "West" of a story that names Texas places is West, TX; naming the United States is not enough
                found = [p for p in found if admin1s.get((p.country, p.admin1), 0)
                         or p.kind == "admin1" and countries.get(p.country, 0)]
                if not found:
                    continue
            best = self.gaz.best(found, countries, admin1s)
            if best is not None and countries and countries.get(best.country, 0) == 0 and best.kind == "city" \
                    and best.tier < 2:  # a town abroad is likely another place; London stays London
                best = self._container(doc, clusters[root], groups, countries, admin1s) or best
            elif best is None:
                best = self._container(doc, clusters[root], groups, countries, admin1s)
            if best is not None and best.lat is None and best.within:
                inner = self.gaz.best(self.gaz.lookup(best.within), countries, admin1s)
                if inner is not None:
                    best = gazetteer.Place(best.name, best.kind, best.country, best.admin1, inner.lat, inner.lon,
                                           None, 0, best.within)
            if best is not None:
                out[root] = {"country": best.country, "admin1": best.admin1, "lat": best.lat, "lon": best.lon,
                             "geonames_id": best.geonames_id}
        return out

    def _needs_context(self, doc: Doc, members, groups, found) -> bool:
        """A common English word only minor places are named ("West", "Council"), or a lone capitalised word
        opening every sentence it is in, of no major place (tier < 2: not a country, division, capital or city
        of gazetteer.STRONG_POPULATION)."""
        if any(place_key(groups[m][0].text) in self.gaz.common_keys for m in members):
            return True
        ents = [e for m in members for e in groups[m]]
        return all(len(e) == 1 and e[0].is_sent_start for e in ents) and max(p.tier for p in found) < 2

    @staticmethod
    def _place_cue(doc: Doc, members, groups) -> bool:
        """Some mention reads as a place: "in/near/at X", "X province", "the X area"."""
        for m in members:
            for e in groups[m]:
                prev = doc[e.start - 1].lower_ if e.start > 0 else ""
                if prev in PLACE_PREPS or prev in ("at", "near"):
                    return True
                if e.end < len(doc) and (doc[e.end].lower_ in ADMIN_NOUNS or doc[e.end].lower_ in PLACE_NOUNS):
                    return True
        return False

    def _container(self, doc, members, groups, countries, admin1s):
        """"Karak, a neighborhood in Daraa al-Balad": a place the gazetteer lacks takes its container's location."""
        places = [p for p in self._ents if p.label_ == "PLACE"]
        for m in members:
            for e in groups[m]:
                for inner in places:
                    if not (e.end < inner.start and inner.end <= e.end + 8):
                        continue
                    if any(t.lower_ in ("in", "of", "near") for t in doc[e.end:inner.start]):
                        found = self.gaz.best(self.gaz.lookup(inner.text), countries, admin1s)
                        if found is not None and found.kind in ("country", "continent"):
                            # "in Syria": the country, but a country's centre is no location of a place in it
                            return gazetteer.Place(groups[m][0].text, "district", found.country, None, None, None,
                                                   None, 0, None)
                        if found is not None:
                            return gazetteer.Place(groups[m][0].text, "district", found.country, found.admin1,
                                                   found.lat, found.lon, None, 0, inner.text)
        if countries:
            cc = countries.most_common(1)[0][0]
            return gazetteer.Place(groups[members[0]][0].text, "district", cc, None, None, None, None, 0, None)
        return None


@Language.factory("sitrep_aliases", default_config={"fuzzy_cutoff": 88.0},
                  assigns=["doc._.actor_clusters", "span._.actor_key"], requires=["doc.ents", "token.dep"])
def make_aliases(nlp: Language, name: str, fuzzy_cutoff: float) -> AliasLinker:
    return AliasLinker(nlp, name, fuzzy_cutoff=fuzzy_cutoff)


__all__ = ["AliasLinker", "initials", "place_key"]
