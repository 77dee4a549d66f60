"""A state's broadcaster is one actor per country (models/state_media.json, linkrules docstring)."""
from __future__ import annotations

import pytest

from pipeline.linkrules import Guards


@pytest.fixture(scope="module")
def guards():
    return Guards()


def test_state_broadcaster_names(guards):
    media = guards.state_media
    assert [media("ORG", n, "SY") for n in ("Syrian state TV", "Syrias government run TV", "State television",
                                            "Syrian National Television", "Turkish state-run broadcaster")] == \
        ["SY", "SY", "SY", "SY", "TR"]
    # a named outlet, a category, two states, a faction label: not a state's broadcaster
    assert [media("ORG", n, "SY") for n in ("Al Mayadeen TV", "state media", "Syrian and Russian state TV")] == \
        [None, None, None]
    assert media("FACTION", "Syrian state TV", "SY") is None
    assert media("ORG", "state television", None) is None  # no country said, none known


def test_state_broadcaster_is_one_actor_in_a_document(nlp):
    doc = nlp("A bomb killed six people in the Salah al-Din district of Aleppo Syrian state television reported. "
              "State television did not say who planted it. The Syrian state broadcaster said the army retook "
              "the city. Hezbollahs official television said fighters entered Qusayr.")
    got = {e.text: (e.label_, e._.actor_key) for e in doc.ents if e.label_ in ("ORG", "PLACE", "FACTION")}
    key = "org:state-broadcaster-of-syria"
    assert got["Syrian state television"] == got["State television"] == got["Syrian state broadcaster"] == \
        ("ORG", key)
    assert not any(k == key for t, (_, k) in got.items() if "Hezbollah" in t or "official" in t)
    assert [a["name"] for a in doc._.actors if a["key"] == key] == ["State Broadcaster of Syria"]


def test_compass_part_of_a_place_is_the_place(nlp, guards):
    # "eastern Homs" says which part of Homs is meant; a name the gazetteer knows whole stays its own place
    assert [guards.place_base(n) for n in ("Eastern Homs", "South Damascus", "Northeastern Aleppo", "Eastern Ghouta",
                                           "South Sudan", "North Korea")] == \
        ["Homs", "Damascus", "Aleppo", "Eastern Ghouta", "South Sudan", "North Korea"]
    doc = nlp("Syrian troops killed an emir in Northern Homs. Jets struck Jubb al-Jarrah in Eastern Homs.")
    got = {e.text: e._.actor_key for e in doc.ents if e.label_ == "PLACE"}
    assert got["Northern Homs"] == got["Eastern Homs"] == "place:homs"
    assert [a["name"] for a in doc._.actors if a["key"] == "place:homs"] == ["Homs"]


def test_places_in_headlines_and_appositions(nlp):
    def places(text):
        return [(e.text, e._.actor_key) for e in nlp(text).ents if e.label_ == "PLACE"]
    # a major place opening a text, after a compass word, before a headline's event or a number of a glued sentence
    assert places("Aleppo bomb blast kills six") == [("Aleppo", "place:aleppo")]
    assert places("Deadly Blast Hits South Damascus. Three citizens were martyred.")[0][1] == "place:damascus"
    assert places("Dozens of Casualties in Syrias Aleppo Bomb Blast.") == [("Aleppo", "place:aleppo")]
    assert places("Rockets hit residential areas of Aleppo Two people were killed.") == [("Aleppo", "place:aleppo")]
    # a place inside a hyphenated modifier is no mention of it
    assert places("Pro-Damascus media outlets said a car bomb killed 22.") == []
    # "the Syrian capital Damascus": the designator describes the place, the name is the place's
    assert places("The blast in the Syrian Capital Damascus was due to a rocket.") == [("Damascus", "place:damascus")]


def test_a_named_outlet_described_is_not_the_state_broadcaster(nlp):
    doc = nlp("According to Hezballahs official television station al-Manar two members were killed.")
    assert not [e for e in doc.ents if e._.actor_key and "state-broadcaster" in e._.actor_key]


def test_units_and_owned_air_forces_are_state_forces(guards, nlp):
    forces = guards.state_forces
    assert forces("FACTION", "Syrian Army Tiger Forces", "SY") == "SY"  # a unit of the army
    assert forces("ORG", "Syrian Air Force", "SY") == "SY"
    assert forces("ORG", "Assads air force", "SY", frozenset({"assad"})) == "SY"
    assert forces("ORG", "Air Force", "SY") is None  # whose air force the words do not say
    assert forces("FACTION", "Free Syrian Army", "SY") is None
    doc = nlp("40 Terrorists Killed in Latest Syrian Army Offensive in Aleppo. The Syrian Army Tiger Forces have "
              "played a major role.")
    got = {e.text: e._.actor_key for e in doc.ents if e.label_ == "FACTION"}
    assert got["Syrian Army"] == got["Syrian Army Tiger Forces"] == "faction:military-forces-of-syria"


def test_broadcasters_named_by_their_description_are_organisations(nlp):
    doc = nlp("The attack killed 18 civilians Lebanese TV channel Al-Mayadin reported. Barazi was quoted by Al "
              "Mayadeen TV channel. Russias Rossiya 24 state television channel cited the defence ministry.")
    got = {e.text: e.label_ for e in doc.ents}
    assert got["Al-Mayadin"] == got["Al Mayadeen TV"] == "ORG"  # the channel, not the town of Mayadeen
    assert not [e for e in doc.ents if e._.actor_key == "org:state-broadcaster-of-syria"]  # Rossiya 24 is no Syria's


def test_a_designator_after_a_place_is_the_place(guards):
    # the bare name is the city or town (CORPUS.md); a province is the region; a name known whole stays
    assert [guards.place_base(n) for n in ("Aleppo city", "Salah al-Din district", "Idlib province", "Gaza City",
                                           "Old City")] == \
        ["Aleppo", "Salah al-Din", "Idlib province", "Gaza City", "Old City"]
