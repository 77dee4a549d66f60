"""When two names may be one actor: the guards that every alias link (one document) and actor merge (the corpus)
must pass, and the state-forces convention.

An actor is a cluster of names. Evidence proposes links (a registry alias, a spelling variant, a surname, an acronym,
an apposition or "also known as", a short form of a longer name); a link is kept only if the cluster it would make
still describes one actor. A cluster never holds
- names of two kinds: a person with anything else, a place with a group (faction or organisation);
- two registry actors (two canonical names of models/factions.jsonl and the UCDP list);
- two countries, or a country and a group: "US" and "the US-led coalition" are two actors, and so are "Russia"
  and "Russian Aerospace Forces" (a bare country name is the country, CORPUS.md; a capital standing for it,
  "Moscow" for Russia, and its spellings and acronyms, "U.S.", "United States", are the country);
- names of two nationalities: "Syrian regime" and "Russian jets";
- two gazetteer places: "Damascus" and "Latakia" ("Idlib" and "Idlib province" are one: the admin noun is dropped);
- a generic side and a named actor: every content word of "rebels", "the militants", "Syrian rebels" is a generic
  side word or a demonym, so such a name never joins "Free Syrian Army" or "Islamic State" (ACLED keeps generic
  sides generic); so is a pro-government militia named by what it is ("popular forces", "self-defense forces":
  `Guards.militia`), never a state's forces.
The check runs on the merged cluster, so a chain A~B, B~C never joins an A and a C that conflict.

State forces (ACLED's "Military Forces of X"): a group name made only of state-force words ("regime", "army",
"troops", "government forces", "Syrian government", "the authorities", "Aerospace Defense Forces") and at most one
country (a demonym, a country name, or, for a bare "the regime", the country the document is about) is that
country's forces; all such names of one country in a document are one actor, and so are they across documents
(`actors`). The government and its forces are one side, as the registry's "Government of X" already is (its kind is
a state kind) and as the corpus gold's convention says (CORPUS.md); "government officials", "state TV" are not.
"Assad forces" and "the Assad regime" are the state's forces when Assad is a person of the same document.

A state's broadcaster (models/state_media.json), the same shape: an organisation name made only of a
state-ownership word ("state", "state-run", "government run", "official", "national"), a broadcaster head ("TV",
"television", "broadcaster", "radio") and at most one country (a demonym, a country or its possessive, or for a
bare "state television" the country the document is about) is that state's broadcaster: one actor per country,
"State Broadcaster of Syria", in a document and across documents. A named outlet ("SANA") is its own organisation.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce

from . import gazetteer, lexicon
from .eventplaces import translit_key
from .gazetteer import place_key
from .text import norm_name
from .unionfind import UnionFind

KINDS = "actor_kinds.json"
MEDIA = "state_media.json"
GROUP_LABELS = frozenset({"FACTION", "ORG"})
STOP = frozenset({"the", "of", "and", "for", "in", "a", "an", "al", "el", "-", "led", "backed"})
US_IN_NAME = re.compile(r"\bU\.?S\.?(?=[\s-]|$)")
STATE_KINDS = frozenset({"government", "military", "security forces"})
SPONSORED = re.compile(r"\w-(?:backed|led|allied|supported|aligned)\b|\b(?:backed|supported) by\b|\bpro-\w", re.I)
# the sponsor of a side: "Saudi-backed rebels" are rebels of the war they fight in, their backer's nation is not theirs
SPONSOR = re.compile(r"[\w.]+-(?:backed|led|allied|supported|aligned)\b|\b(?:backed|supported) by \S+"
                     r"|\bpro-[\w.]+", re.I)
# a definite article inside an Arabic place name, apart ("Deir el-Zour", "Jisr ash-Shughur") or fused with the
# doubled sun letter it assimilates to ("Deir Ezzor", "Salah Eddin"): romanisations write it in all these ways
MID_ARTICLE = re.compile(r"(?<=\w)[\s-]+(?:[ae](?:l|sh|th|dh|[tdrzsn])[\s-]+|[ae](?=(tt|dd|rr|zz|ss|nn)\w))", re.I)
FUSED_DIN = re.compile(r"(?<=\w{3})[aeu]dd+in\b", re.I)  # "Salaheddin", "Nureddin": the "ad-Din" of "Salah ad-Din"
ADMIN_TAIL = re.compile(r"\s+(province|governorate|countryside|district|region|city|town)s?$", re.I)
# the governorate written before its name: "the province of Idlib", "countryside of Hama", "rural Damascus"
REGION_OF = re.compile(r"^(?i:the\s+)?(?:(?P<rural>(?i:rural))\s+|(?P<noun>(?i:province|governorate|countryside))"
                       r"(?i:s?\s+of\s+))(?P<name>[A-Z].*)$")
# the first-level region: one place ("Raqqa and Deir Ezzor provinces": the plural after coordinated names)
ADMIN1_TAIL = re.compile(r"\s+(province|governorate|countryside)s?$", re.I)
# a noun after a place's name that only says what kind of place it is ("Salaheddin district", "Aleppo city"): the
# bare name is that place (CORPUS.md; actor_kinds.json place_designators_after)
DESIGNATORS = "|".join(sorted(lexicon.words("place_designators_after", KINDS)))
DESIGNATOR_TAIL = re.compile(rf"\s+(?:{DESIGNATORS})$", re.I)
REGION_KINDS = frozenset({"admin1", "region"})
STATE_NAME = re.compile(r"(?:the\s+)?Military Forces of (.+)$", re.I)
TA_MARBUTA = re.compile(r"(?<=[^aeiou])[ae]h\b")
INITIAL_STOP = frozenset({"the", "of", "and", "for", "in", "a", "an", "al", "el", "-"})  # words an acronym skips


@dataclass(frozen=True)
class Sig:
    """What a name (or a cluster of names) is known to be; clusters merge their signatures by union."""
    kinds: frozenset = frozenset()          # person | place | group
    registries: frozenset = frozenset()     # canonical registry names
    countries: frozenset = frozenset()      # ISO-2 of a name that IS a country (or its capital standing for it)
    nations: frozenset = frozenset()        # ISO-2 of demonyms / country words inside a longer name
    places: frozenset | None = None         # gazetteer places every name could be (None: no name resolved)
    generic: bool = False                   # some name is a generic side
    named: bool = False                     # some name is a named group (neither generic, a country nor state forces)
    state: frozenset = frozenset()          # ISO-2 of a state whose own forces a name is ("?": the state unsaid)

    def __or__(self, o: Sig) -> Sig:
        places = o.places if self.places is None else self.places if o.places is None else self.places & o.places
        return Sig(self.kinds | o.kinds, self.registries | o.registries, self.countries | o.countries,
                   self.nations | o.nations, places, self.generic or o.generic, self.named or o.named,
                   self.state | o.state)

    def conflict(self) -> str | None:
        """Why this set of names cannot be one actor, or None."""
        if len(self.kinds) > 1:
            return "two kinds"
        if len(self.registries) > 1:
            return "two registry actors"
        if len(self.countries) > 1:
            return "two countries"
        if self.countries and (self.registries or self.named or self.generic or self.state
                               or self.nations - self.countries):
            return "a country and a group"  # "Russia" is the country, "Russian Aerospace Forces" its forces
        if len(self.nations) > 1:
            return "two nationalities"
        if self.places is not None and not self.places:
            return "two places"
        if self.generic and (self.named or self.registries or self.state):
            return "a generic side and a named actor"
        if len(self.state - {"?"}) > 1:
            return "two states' forces"
        if self.state and (self.named or self.registries):
            return "a state's forces and another group"
        return None


@dataclass
class Guards:
    """The resources the guards read, loaded once per process."""
    gaz: gazetteer.Gazetteer = field(default_factory=gazetteer.places)
    canon: dict = field(default_factory=lambda: gazetteer.factions()[1])
    capitals: dict = field(default_factory=gazetteer.capitals)
    demonyms: dict = field(default_factory=lambda: dict(lexicon.load(KINDS)["demonyms"]))
    generic_words: frozenset = field(default_factory=lambda: lexicon.words("generic_side_words", KINDS))
    state_words: frozenset = field(default_factory=lambda: lexicon.words("state_force_words", KINDS))
    state_heads: frozenset = field(default_factory=lambda: lexicon.words("state_force_heads", KINDS))
    media_words: frozenset = field(default_factory=lambda: lexicon.words("modifiers", MEDIA)
                                   | lexicon.words("ownership_words", MEDIA))
    media_heads: frozenset = field(default_factory=lambda: lexicon.words("heads", MEDIA))
    region_prefixes: frozenset = field(default_factory=lambda: lexicon.words("region_prefixes", KINDS))
    unit_heads: frozenset = field(default_factory=lambda: lexicon.words("state_unit_heads", KINDS))
    designators: frozenset = field(default_factory=lambda: lexicon.words("place_designators_after", KINDS))
    ruler_titles: frozenset = field(default_factory=lambda: lexicon.words("ruler_titles", KINDS))
    militia_words: frozenset = field(default_factory=lambda: lexicon.words("militia_words", KINDS))
    militia_heads: frozenset = field(default_factory=lambda: lexicon.words("militia_heads", KINDS))

    def __post_init__(self) -> None:
        self._cc: dict[str, str | None] = {}
        self._sigs: dict[tuple[str, str], Sig] = {}
        self._bases: dict[str, str] = {}
        # registry actors that are a state's own forces or government: "Syrian Arab Army", "Government of Syria"
        self.registry_state: dict[str, str] = {}
        for f in gazetteer.factions()[0]:
            if f.kind in STATE_KINDS:
                of = re.match(r"(?:Government|Military Forces) of (.+?)(?: \(|$)", f.name)
                cc = f.country or (self.country_of(of.group(1)) if of else None)
                if cc:
                    self.registry_state.setdefault(f.name, cc)

    def country_of(self, text: str) -> str | None:
        """ISO-2 when the whole name is a country ("U.S.", "Britain") or, as a group, its capital ("Moscow")."""
        t = re.sub(r"^(the|The)\s+", "", text.strip())
        if t.isupper() and len(t) > 3:
            t = t.title()  # a dateline's "MOSCOW" is Moscow ("US", "UK" stay acronyms)
        if t not in self._cc:
            if len(self._cc) > 1 << 16:
                self._cc.clear()
            cc = next((p.country for p in self.gaz.lookup(t) if p.kind == "country"), None)
            self._cc[t] = cc or self.capitals.get(t)
        return self._cc[t]

    def signature(self, label: str, text: str) -> Sig:
        """The name's signature; names repeat across a corpus, so each is worked out once per process."""
        key = (label, text)
        sig = self._sigs.get(key)
        if sig is None:
            if len(self._sigs) > 1 << 16:
                self._sigs.clear()  # memory stays flat however many documents pass
            sig = self._sigs[key] = _signature(self, label, text)
        return sig

    def known(self, name: str) -> bool:
        """A registry actor, a country or a strong gazetteer place."""
        return bool(self.canon.get(norm_name(name)) or self.country_of(name) or self.gaz.is_strong(name))

    def possessive_base(self, text: str) -> str:
        """"Russias", "Syrian Arab Armys", "Aleppos countryside": a possessive whose apostrophe the source dropped
        is its name, when the name is known (registry, country, strong place) and the word as written is not."""
        out = self._bases.get(text)
        if out is None:
            if len(self._bases) > 1 << 16:
                self._bases.clear()
            out = self._bases[text] = self._possessive_base(text)
        return out

    def _possessive_base(self, text: str) -> str:
        t = re.sub(r"['’]s$", "", text.strip())
        for m in (re.match(r"^(.{4,})s$", t), re.match(r"^(\w{4,})s(\s.*)$", t)):
            if m and not self.known(t) and not self.known(m.group(0).split()[0]) and self.known(m.group(1)):
                return m.group(1) + (m.group(2) if m.lastindex == 2 else "")
        return t

    def place_base(self, text: str) -> str:
        """See `_place_base`; "province of Idlib", "rural Damascus" are first written as "Idlib province",
        "Damascus countryside": the governorate (CORPUS.md), not the city."""
        m = REGION_OF.match(text.strip())
        if m:
            text = f"{m['name']} {(m['noun'] or 'countryside').lower()}"
        return self._place_base(text)

    def _place_base(self, text: str) -> str:
        """The place a place name is: its possessive folded ("Aleppos" is Aleppo), and a compass word that only
        says which part of a known place is meant dropped ("eastern Homs", "South Damascus" are Homs, Damascus),
        and so is a designator after it ("Aleppo city"), unless the gazetteer knows the whole name ("Eastern
        Ghouta", "South Sudan")."""
        t = self.possessive_base(text)
        first, _, rest = t.strip().partition(" ")
        if rest and first.lower() in self.region_prefixes and not self.gaz.lookup(t) and self.gaz.is_strong(rest):
            return rest
        name, _, last = t.strip().rpartition(" ")
        if name and last.lower() in self.designators and not self.gaz.lookup(t) and self.gaz.is_strong(name):
            return name  # "Aleppo city", "Salah al-Din district": the city, the district of that name
        return t

    def words(self, text: str) -> tuple[list[str], set[str]]:
        """Content words of a name, and the countries its demonyms and country words name."""
        nations: set[str] = set()
        if US_IN_NAME.search(text):  # "US-led", "U.S. troops": the letters are the country, not the pronoun
            nations.add("US")
            text = US_IN_NAME.sub(" ", text)
        rest = []
        for w in re.findall(r"[a-z]+", norm_name(text)):
            if w in STOP:
                continue
            cc = self.demonyms.get(w) or (self.country_of(w.title()) if len(w) > 3 else None)
            if cc:
                nations.add(cc)
            else:
                rest.append(w)
        return rest, nations

    def state_forces(self, label: str, text: str, doc_country: str | None,
                     rulers: frozenset = frozenset(), ruler_states: Mapping[str, str] | None = None) -> str | None:
        """ISO-2 of the state whose own forces the name denotes ("regime forces", "the Syrian army", "Syrian
        warplanes"; "Assad forces" when Assad is a person of the document, `rulers`: the state his title names,
        `ruler_states`, else the document's country), else None."""
        if label not in GROUP_LABELS or SPONSORED.search(text):
            return None  # "Iranian-backed forces", "pro-regime militia": a state's proxies, not its forces
        rest, nations = self.words(text)
        # "Assads air force", "Assad regimes": a possessive that lost its apostrophe
        rest = [w[:-1] if w not in self.state_words and w[:-1] in self.state_heads | rulers else w for w in rest]
        # "Assad forces", "the Assad regime" where Assad is a person of the article: the ruler's state (the
        # document's country); without the person the words do not say which state, and the name stays its own
        owner = bool(nations)
        if rulers and len(rest) > 1 and rest[0] in rulers and rest[-1] in self.state_heads \
                and set(rest[1:]) <= self.state_words:  # "Assad warplanes", "Assad regime jets", "Assad government"
            doc_country = (ruler_states or {}).get(rest[0]) or doc_country  # "Syrian President Bashar Assad"
            rest, owner = rest[1:], True
        if len(nations) == 1 and len(rest) > 2 and rest[0] in ("army", "military") and rest[-1] in self.unit_heads:
            rest = rest[:1]  # "Syrian Army Tiger Forces": a unit of the state's army is the state's forces
        if not rest or not set(rest) <= self.state_words or not set(rest) & self.state_heads:
            return None
        if len(nations) > 1 or rest[-1] == "force" and not owner:
            return None  # "the coalitions Air Force": an air force is some state's, which one the words must say
        return next(iter(nations)) if nations else doc_country

    def militia(self, rest: list[str]) -> bool:
        """The content words of a name (nationalities out, `words`) name an auxiliary force the population raises
        on the government's side ("popular forces", "voluntary forces", "self-defense forces"; actor_kinds.json
        `militia_words`): a militia word and otherwise only the heads of a body of armed men ("a volunteer group"
        may be a rescue service)."""
        text = f" {' '.join(rest)} "
        hit = False
        for w in self.militia_words:
            if f" {w} " in text:
                hit, text = True, text.replace(f" {w} ", " ")
        others = set(text.split())
        return hit and bool(others) and others <= self.militia_heads  # "a volunteer group" may be a rescue service

    def state_media(self, label: str, text: str, doc_country: str | None) -> str | None:
        """ISO-2 of the state whose own media the name is ("Syrian state TV", "Syrias government run TV",
        "Syrian National Television"; a bare "state television": `doc_country`), else None."""
        if label != "ORG":
            return None
        first, _, tail = text.strip().partition(" ")
        rest, nations = self.words(f"{self.possessive_base(first)} {tail}")  # "Syrias state TV" is Syria's
        if not rest or rest[-1] not in self.media_heads or not set(rest[:-1]) & self.media_words \
                or not set(rest[:-1]) <= self.media_words or len(nations) > 1:
            return None
        return next(iter(nations)) if nations else doc_country


def _signature(g: Guards, label: str, text: str) -> Sig:
    if label == "PERSON":
        return Sig(kinds=frozenset({"person"}))
    if label == "PLACE":
        text = g.place_base(text)  # "Syrias" is Syria, a country: it cannot join a city it names
        found = g.gaz.lookup(text) or g.gaz.lookup(ADMIN_TAIL.sub("", text.strip()))
        cc = next((p.country for p in found if p.kind == "country"), None)
        # a place is what the gazetteer resolves it to, by name, country and level: "Raqqa" and "Raqqah" share their
        # candidates, "Damascus" and "Latakia" share none; "Idlib province" is only the governorate, while a bare
        # "Idlib" may be the city or the governorate
        if ADMIN1_TAIL.search(text.strip()):
            found = [p for p in found if p.kind in REGION_KINDS] or found
        ident = frozenset((place_skeleton(p.name), p.country, p.kind in REGION_KINDS)
                          for p in found) if found else None
        return Sig(kinds=frozenset({"place"}), countries=frozenset({cc}) if cc else frozenset(),
                   places=ident)
    text = g.possessive_base(text)
    reg = g.canon.get(norm_name(text) or text.lower())
    parts = [p for p in re.split(r"\s+and\s+|\s*&\s*", text) if p.strip()] if not reg else []
    if len(parts) > 1:  # "Free Syrian Army and Nusra Front": what each side is, so the pair joins neither
        return reduce(Sig.__or__, (_signature(g, label, p) for p in parts))
    cc = None if reg else g.country_of(text)
    if cc:
        return Sig(kinds=frozenset({"group"}), countries=frozenset({cc}))
    rest, nations = g.words(text)
    if reg and reg in g.registry_state:
        return Sig(kinds=frozenset({"group"}), state=frozenset({g.registry_state[reg]}))
    if reg:  # "SARC" as a registry alias is what the registry actor is: the Sudanese group, not the Syrian society
        nations |= g.words(reg)[1]
    state = g.state_forces(label, text, "?") or _named_state(g, text, rest, nations)
    if state:
        return Sig(kinds=frozenset({"group"}), nations=frozenset(nations), state=frozenset({state}))
    # a generic side: only generic words ("rebels", "Syrian rebels"), with at most the head of a body of armed men
    # ("terrorist forces", "rebel forces" are the terrorists, the rebels), or a pro-government militia's ("popular
    # forces")
    generic = bool(set(rest) & g.generic_words) and set(rest) <= g.generic_words | g.militia_heads \
        or g.militia(rest)
    generic = generic and not reg
    if generic:
        nations = g.words(SPONSOR.sub(" ", text))[1]
    return Sig(kinds=frozenset({"group"}), registries=frozenset({reg}) if reg else frozenset(),
               nations=frozenset(nations), generic=generic, named=not generic and not reg and bool(rest))


def _named_state(g: Guards, text: str, rest: list[str], nations: set[str]) -> str | None:
    """A state named without its forces' words alone: ACLED's own "Military Forces of Syria" (the name the linker
    gives a state's forces) is Syria's; "the Assad regime", "Assad regime forces" are a state's, which one the words
    do not say ("?"; a regime is a state's government, whoever leads it). "Assad forces" stays a named group:
    "Haftar forces", "Tiger Forces" are not a state's."""
    m = STATE_NAME.match(text.strip())
    if m:
        return g.country_of(m.group(1))
    if len(rest) >= 2 and rest[1] == "regime" and set(rest[1:]) <= g.state_words and not nations \
            and rest[0] not in g.state_words | g.generic_words and not g.canon.get(rest[0]):
        return "?"
    return None


def initials(name: str) -> str:
    """The acronym a name spells ("Islamic State of Iraq and the Levant" -> "ISIL")."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", name) if w.lower() not in INITIAL_STOP).upper()


def skeleton(name: str) -> str:
    """Transliteration-blind form of a name: no article, spaces, hyphens or doubled letters ("Deir ez-Zor",
    "Deir Ezzor" -> "deirezor"; "Al-Hasakah" -> "hasakah")."""
    k = place_key(name)
    for art in gazetteer.ARTICLES:
        if k.startswith(art):
            k = k[len(art):]
            break
    return re.sub(r"(.)\1+", r"\1", k.replace(" ", ""))


def place_skeleton(name: str) -> str:
    """The skeleton of a place name with its first-level tail made one: "Idleb countryside", "Idlib Province" ->
    "idlib province"'s skeleton; "Idlib" (maybe the city) keeps its own. The spelling choices of Arabic
    romanisation are folded too (`eventplaces.translit_key`: "Mayadeen" = "al-Mayadin"): a final "-ah" or "-eh"
    is the "-a" of the same ta marbuta ("al-Tabqah" = "Tabqa", "Hasakeh" = "Hasaka"), "o" the "u" it renders,
    and an article inside the name is dropped however written (`MID_ARTICLE`: "Deir el-Zour" = "Deir Ezzor"). A
    designator after the name ("Salaheddin district") is dropped: the bare name is that place."""
    m = ADMIN1_TAIL.search(name.strip())
    name = name.strip()[:m.start()] if m else DESIGNATOR_TAIL.sub("", name.strip())
    base = FUSED_DIN.sub(" din", MID_ARTICLE.sub(" ", name))
    folded = TA_MARBUTA.sub("a", translit_key(base)).replace("o", "u")  # "Zor" = "Zour" = "Zur"
    return skeleton(folded) + ("/province" if m else "")


class GuardedUnionFind(UnionFind):
    """Disjoint sets whose union is refused when the joined set would conflict (see the module docstring)."""

    def __init__(self, sigs: dict):
        super().__init__(sigs)
        self.sig = dict(sigs)
        self.refused: list[tuple] = []

    def union(self, keep, other) -> bool:
        a, b = self.find(keep), self.find(other)
        if a == b:
            return True
        joined = self.sig[a] | self.sig[b]
        why = joined.conflict()
        if why:
            self.refused.append((keep, other, why))
            return False
        self.parent[b] = a
        self.sig[a] = joined
        return True

    def compatible(self, x, y) -> bool:
        a, b = self.find(x), self.find(y)
        return a == b or (self.sig[a] | self.sig[b]).conflict() is None
