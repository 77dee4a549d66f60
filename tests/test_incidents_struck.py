"""A place named as the object of the verb an attack noun or weapon is the subject of is the location, not actor2
(ACLED: actor2 is an actor; the location is where the event happened)."""
from __future__ import annotations

import pytest


def rows(nlp, text: str) -> list[tuple]:
    doc, _ = next(nlp.pipe([(text, {"published": "2024-03-06"})], as_tuples=True))
    return [(i["sub_event_type"], i["actor1"], i["actor2"], i["location"]) for i in doc._.incidents]


@pytest.mark.parametrize("text, expected", [
    ("Syrian air strikes hit Douma on Monday, killing five people.",
     [("Air/drone strike", "Syria", "Civilians (Syria)", "Douma")]),
    ("Russian jets bombed Saraqeb and Maarat al-Numan on Tuesday.",
     [("Air/drone strike", "Military Forces of Russia", None, "Saraqeb")]),
    # a country object may be the side acted upon: it is not made the place
    ("Israeli jets struck Syria on Monday.", [("Air/drone strike", "Military Forces of Israel", "Syria", None)]),
])
def test_the_struck_place_is_the_location(nlp, text, expected):
    assert rows(nlp, text) == expected
