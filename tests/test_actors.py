"""Corpus-level actor linking through a real run (pipeline.run)."""
from __future__ import annotations

import json

import pytest

import pipeline

TEXTS = [
    "President Bashar al-Assad visited Homs on Monday. Assad said the army would stay in the city.",
    "Rebels in Idlib said al-Assad had ordered new air strikes on the town.",
    "In Damascus, Assad met the Russian envoy. Syrian regime forces shelled Daraa on Tuesday.",
    "Daesh fighters attacked villages near Raqqa on Monday.",
    "ISIL withdrew from Raqqah after heavy fighting.",
]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("actors")
    src = tmp / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "published": "2021-07-28"}) + "\n"
                           for i, t in enumerate(TEXTS)), encoding="utf-8")
    pipeline.run([src], out=tmp / "out")
    return pipeline.load_tables(tmp / "out")


def test_assad_is_one_actor(tables):
    m = tables["mentions"]
    ids = set(m[m.text.isin(["Bashar al-Assad", "Assad", "al-Assad"])].actor_id)
    assert ids == {"person:bashar-al-assad"}
    a = tables["actors"].set_index("actor_id").loc["person:bashar-al-assad"]
    assert (a["n_docs"], a["n_mentions"]) == (3, 4)


def test_places_geocoded(tables):
    a = tables["actors"].set_index("actor_id")
    assert (a.loc["place:homs", "country"], a.loc["place:homs", "admin1"]) == ("SY", "Homs")
    assert a.loc["place:daraa", "geonames_id"] == 170905


def test_registry_and_geonames_merge(tables):
    a = tables["actors"].set_index("actor_id")
    assert a.loc["faction:islamic-state", "n_docs"] == 2
    assert {"Daesh", "ISIL"} <= set(a.loc["faction:islamic-state", "aliases"])
    raqqa = a[a.geonames_id == 172955]
    assert len(raqqa) == 1 and raqqa.iloc[0]["n_docs"] == 2 and raqqa.iloc[0]["country"] == "SY"


def test_ids_are_stable(tables, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS)),
                   encoding="utf-8")
    pipeline.run([src], out=tmp_path / "out")
    again = pipeline.load_tables(tmp_path / "out")["actors"]
    assert sorted(again.actor_id) == sorted(tables["actors"].actor_id)
