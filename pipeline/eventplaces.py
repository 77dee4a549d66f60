"""Where an incident happened, as event grouping compares places (`events`): the level of a report's place
(a specific place, an admin1, the country), the admin1 a location's name is, whether a location is its country
itself, and the keys that identify one named place across spellings; and whether a report's date is only the day
its article came out (`dated_by_publication`)."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from .resources import model_file
from .text import norm_name


@lru_cache(maxsize=1)
def settings() -> dict:
    """The grouping settings and word lists (models/events.json)."""
    return json.loads(model_file("events.json").read_text(encoding="utf-8"))


ADMIN1_FUZZY = 85  # rapidfuzz ratio for transliteration variants of an admin1 name ("Raqa", "Hasakeh")


@lru_cache(maxsize=1)
def _admin1_index() -> dict[str, dict[str, str]]:
    """Country -> normalised admin1 name or alias (models/admin1.csv) -> its name: "hasaka" -> "Al-Hasakah"."""
    import csv

    out: dict[str, dict[str, str]] = defaultdict(dict)
    with model_file("admin1.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for n in [r["name"], *(r["aliases"] or "").split("|")]:
                if n:
                    out[r["country"]].setdefault(norm_name(n), r["name"])
    return dict(out)


@lru_cache(maxsize=65536)
def named_admin1(name: str, country: str | None) -> str | None:
    """The admin1 a location's name is ("Idlib province", "Raqa", "Syrias Hasakeh": a leading word the entity
    span swallowed is dropped), else None."""
    from rapidfuzz import fuzz, process

    words = norm_name(name).split()
    admin = set(settings()["admin_words"])
    while words and words[-1] in admin:
        words.pop()
    index = _admin1_index()
    tables = [index[country]] if country in index else list(index.values())
    for i in range(min(2, len(words))):  # the name, then without its first word
        key = " ".join(words[i:])
        if len(key) < 4:
            break
        for t in tables:
            if key in t:
                return t[key]
            hit = process.extractOne(key, list(t), scorer=fuzz.ratio, score_cutoff=ADMIN1_FUZZY)
            if hit:
                return t[hit[0]]
    return None


@lru_cache(maxsize=1)
def _country_points() -> dict[tuple[float, float], str]:
    """(lat, lon) -> ISO-2 of each country's own point (models/country_centroids.csv, the coordinates the gazetteer
    gives a place that is the country itself)."""
    import csv

    with model_file("country_centroids.csv").open(encoding="utf-8") as f:
        return {(round(float(r["lat"]), 4), round(float(r["lon"]), 4)): r["country"] for r in csv.DictReader(f)}


def is_country(row: Mapping) -> bool:
    """Whether a report's location is its country itself: the country's name, or a variant actor linking put at
    the country's own point ("Syrias" -> Syria)."""
    from .gazetteer import country_names

    loc, cc, lat, lon = (row.get(c) for c in ("location", "country", "lat", "lon"))
    if not cc:
        return False
    if loc and norm_name(loc) == norm_name(country_names().get(cc, "")):
        return True
    return lat is not None and lon is not None and _country_points().get((round(lat, 4), round(lon, 4))) == cc


def place_level(row: Mapping) -> tuple[str, str | None, str | None] | None:
    """(level, country, admin1) of a report's place: "specific" (a place inside an admin1, or one the gazetteer
    could not put in one), "admin1" (the location is the admin1 itself, or only the admin1 is known) or "country";
    None when the report gives no place."""
    loc, loc_id, admin1, cc = (row.get(c) for c in ("location", "location_actor_id", "admin1", "country"))
    if loc:
        named_admin = named_admin1(loc, cc)
        if named_admin and (not admin1 or norm_name(named_admin) == norm_name(admin1)):
            return "admin1", cc, admin1 or named_admin
    if is_country(row):
        return "country", cc, None
    if loc_id:
        return "specific", cc, admin1
    if admin1:
        return "admin1", cc, admin1
    if cc:
        return "country", cc, None
    return None


@lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """A place name with the spelling choices of Arabic romanisation folded (`models/events.json` translit:
    "Foua"/"Fua"/"Fuaa", "Khan Shaykun"/"Khan Shaykhun"): vowel spellings mapped to one, doubled letters single."""
    import re

    s = norm_name(name)
    for a, b in settings()["translit"]:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def place_keys(location: str | None, actor_id: str | None) -> frozenset:
    """What identifies a named place: its actor id (actor linking maps known variants and GeoNames ids to one),
    and its name's romanisation key, for the variants linking left apart. Two reports name one place when they
    share a key (and, `compatible`, their admin1s and countries agree)."""
    keys = {actor_id} if actor_id else set()
    if location and (k := translit_key(location)):
        keys.add("name:" + k)
    return frozenset(keys)


@lru_cache(maxsize=1)
def _same_day_words():
    import re

    return re.compile("|".join(settings()["same_day_words"]), re.IGNORECASE)


def dated_by_publication(row: Mapping) -> bool:
    """Whether a report's day is only its article's own day: the date is the publication day and was not read
    from a word naming that day ("today", "on Tuesday" in Tuesday's paper: `same_day_words`). The date then came
    from publication (inherited, or the header's "Date of publication 7 April 2017"), and the event happened by
    that day, not necessarily on it."""
    date, pub, text = row.get("date"), row.get("published"), row.get("date_text")
    if row.get("date_precision") != "day" or not date or not pub or str(pub)[:10] != str(date)[:10]:
        return False
    return not (isinstance(text, str) and _same_day_words().search(text))
