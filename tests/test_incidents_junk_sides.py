"""A figure names no side: a number or a bare count ('scores were injured') does not say who was counted (ACLED
codes organised actors or generic types); 'dozens of fighters' is the fighters."""
from __future__ import annotations

import pytest


def sides(nlp, text: str) -> list[tuple]:
    doc, _ = next(nlp.pipe([(text, {"published": "2024-03-06"})], as_tuples=True))
    return [(i["actor1"], i["actor2"]) for i in doc._.incidents]


@pytest.mark.parametrize("text, expected", [
    ("Three people were killed and scores were injured on Wednesday in rocket attacks on Aleppo, Syria.",
     [(None, "Civilians (Syria)")]),
    ("Dozens of fighters attacked Aleppo, Syria, on Monday.", [("fighters", None)]),
])
def test_counts_are_no_sides(nlp, text, expected):
    assert sides(nlp, text) == expected
