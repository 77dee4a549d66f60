"""Word lists as data: one loader for the JSON lexicons of `models/`, the shared word classes of
`models/common.json` (each defined once), and the one way base forms are inflected.

The model's lemmatizer is not run (it costs time), so a stage that matches a verb or a noun on the word as
written expands its base forms here, with the same rules everywhere.
"""
from __future__ import annotations

import json
import re
from functools import cache

from .resources import model_file

COMMON = "common.json"


@cache
def load(name: str) -> dict:
    """A JSON lexicon of `models/` by its file name, read once per process (treat it as read-only)."""
    with open(model_file(name), encoding="utf-8") as f:
        return json.load(f)


def words(key: str, name: str = COMMON) -> frozenset[str]:
    """One word class: lower-cased entries of `key` in lexicon `name` (default: the shared classes)."""
    return frozenset(w.lower() for w in load(name)[key])


def plurals(nouns: set[str] | frozenset[str]) -> frozenset[str]:
    """Nouns with their regular plurals: "Red Crescent Societies", "Local Coordination Committees"."""
    out = set(nouns)
    for n in nouns:
        out.add(n[:-1] + "ies" if n.endswith("y") and n[-2:-1] not in "aeiou" else n + "s")
    return frozenset(out)


# a final short vowel (one vowel letter; 'qu' counts as a consonant) and a consonant English doubles
_DOUBLES = re.compile(r"(?:^|[^aeiou]|qu)[aeiou][bcdfgklmnprstvz]$")


def inflect(verbs: set[str] | frozenset[str]) -> frozenset[str]:
    """Base verbs and their -s/-es/-ed/-d/-ing forms, plus the irregular forms of `common.json`. A verb that
    ends in one short vowel and one consonant also gets the doubled forms ('admit' -> 'admitted', 'slam' ->
    'slammed'): whether English doubles depends on stress, which spelling does not show, so both spellings are
    listed (the one English does not use never occurs in text: 'visitted')."""
    irregular = load(COMMON)["irregular_verbs"]
    out = set()
    for v in verbs:
        stem = v[:-1] if v.endswith("e") else v
        out.update((v, v + "s", v + "es", stem + "ed", stem + "ing", v + "d", v + "ed"))
        if _DOUBLES.search(v):
            out.update((v + v[-1] + "ed", v + v[-1] + "ing"))
        if v.endswith("y") and not v.endswith(("ay", "ey", "oy")):
            out.update((v[:-1] + "ies", v[:-1] + "ied"))
        out.update(irregular.get(v, ()))
    return frozenset(out)
