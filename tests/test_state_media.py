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
