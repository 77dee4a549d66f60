"""Whose 'regime forces': the country of the document's places, not the gazetteer's guess for a town whose name
places of other countries share."""
from __future__ import annotations

import pytest


def actor1(nlp, text: str) -> list:
    doc, _ = next(nlp.pipe([(text, {"published": "2024-03-06"})], as_tuples=True))
    return [i["actor1"] for i in doc._.incidents]


@pytest.mark.parametrize("text, expected", [
    # 'Madaya' is also a town in Myanmar: alone it does not make the regime Myanmar's
    ("Regime forces besieged Madaya.", ["Regime forces"]),
    # the document's country says whose regime it is
    ("Regime forces besieged Madaya, Syria.", ["Military Forces of Syria"]),
])
def test_a_shared_town_name_alone_names_no_state(nlp, text, expected):
    assert actor1(nlp, text) == expected
