"""No political actor, no ACLED event (incidents/accidents.py): natural hazards, accidents and accidental blasts
kill and explode without an incident, while an attack word in the same sentence keeps it one."""
from __future__ import annotations

import pytest

from pipeline.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def subs(nlp, text: str) -> list[str]:
    doc, _ = next(nlp.pipe([(text, {"published": "2024-03-06"})], as_tuples=True))
    return [i["sub_event_type"] for i in doc._.incidents]


@pytest.mark.parametrize("text", [
    "A strong earthquake struck the island on Sunday and killed at least 40 people.",  # hazard as the subject
    "A tsunami following a volcanic eruption killed 222 people on Saturday night.",    # only casualty words
    "Two workers were killed when a boiler exploded at the factory on Monday.",         # accidental blast
    "Three people died in a collision between a bus and a truck near Homs.",
])
def test_deaths_without_a_political_actor_are_no_incident(nlp, text):
    assert subs(nlp, text) == []


@pytest.mark.parametrize("text, sub", [
    ("Regime shelling caused a fire that killed three people in Douma.", "Shelling/artillery/missile attack"),
    ("Two soldiers were killed when a roadside bomb exploded near Kandahar.", "Remote explosive/landmine/IED"),
    ("An explosion killed five people in the town of Azaz on Friday.", "Remote explosive/landmine/IED"),
])
def test_an_attack_or_an_unexplained_blast_stays_an_incident(nlp, text, sub):
    assert subs(nlp, text) == [sub]
