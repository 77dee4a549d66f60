"""ACLED actor types (pipeline/interactions.py) and the ACLED-layout export (pipeline/acled.py, sitrep export)."""
from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.acled import COLUMNS, to_acled
from pipeline.cli import app
from pipeline.interactions import coder, interaction

ACLED_COLUMNS = ("event_id_cnty event_date year time_precision event_type sub_event_type actor1 assoc_actor_1 inter1 "
                 "actor2 assoc_actor_2 inter2 interaction country admin1 location latitude longitude geo_precision "
                 "source notes fatalities").split()


@pytest.mark.parametrize("name,type_,country,code", [
    ("Military Forces of Syria", "faction", "SY", 1),       # a state's forces at home
    ("Military Forces of Russia", "faction", "SY", 8),      # ... and abroad: external forces
    ("Syria", "faction", "SY", 1),                          # the state acting
    ("Syrian Arab Army", "faction", "SY", 1),               # a registry army
    ("Islamic State", "faction", "IQ", 2),                  # a registry armed group
    ("Global Coalition against Daesh", "faction", "SY", 8),
    ("rebels", "faction", "SY", 2), ("gunmen", "faction", "AF", 3), ("tribesmen", "faction", "YE", 4),
    ("rioters", "faction", "IN", 5), ("protesters", "faction", "IQ", 6), ("civilians", "faction", "SY", 7),
    ("residents", "faction", "SY", 7),
    ("United Nations", "org", "SY", None), ("Ahmad Abazeid", "person", "SY", None), (None, None, "SY", None),
])
def test_actor_types(name, type_, country, code):
    assert coder().code(name, type_, country) == code


def test_interaction():
    assert [interaction(1, 2), interaction(7, 1), interaction(2, None), interaction(None, 3)] == [12, 17, 20, None]


def test_columns_are_acleds():
    assert list(COLUMNS) == ACLED_COLUMNS


def test_to_acled_row():
    inc = pd.DataFrame([{"incident_id": "d:e0", "doc_id": "d", "event_type": "Battles", "sub_event_type": "Armed clash",
                         "date": "2021-07", "date_precision": "month", "location": "Karak", "country": "SY",
                         "admin1": "Daraa", "lat": 32.6, "lon": 36.1, "actor1": "Military Forces of Syria",
                         "inter1": 1, "actor2": "residents", "inter2": 7, "killed": None, "evidence": "Regime forces "
                         "shelled Karak."}])
    row = to_acled(inc, pd.DataFrame([{"doc_id": "d", "source": "Syria Direct"}])).iloc[0].to_dict()
    assert {k: row[k] for k in ("event_id_cnty", "event_date", "year", "time_precision", "interaction", "country",
                                "geo_precision", "source", "fatalities", "notes")} == {
        "event_id_cnty": "SY-d:e0", "event_date": "2021-07-01", "year": 2021, "time_precision": 3, "interaction": 17,
        "country": "Syria", "geo_precision": 1, "source": "Syria Direct", "fatalities": 0,
        "notes": "Regime forces shelled Karak."}


def test_export_the_seed_article(sample_out, tmp_path):
    """The bundled article: its shelling of Karak by the regime, in ACLED's layout."""
    f = tmp_path / "acled.csv"
    r = CliRunner().invoke(app, ["export", "--acled", str(f), "--out", str(sample_out)])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(f)
    assert list(df.columns) == ACLED_COLUMNS
    karak = df[df["location"] == "Karak"].iloc[0]
    assert (karak["event_type"], karak["sub_event_type"], karak["actor1"], karak["inter1"], karak["country"],
            karak["admin1"], karak["event_date"], karak["time_precision"]) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack", "Military Forces of Syria", 1, "Syria",
        "Daraa", "2021-07-28", 1)


def test_export_without_tables_fails_clearly(tmp_path):
    r = CliRunner().invoke(app, ["export", "--acled", str(tmp_path / "a.csv"), "--out", str(tmp_path / "none")])
    assert r.exit_code == 2 and not (tmp_path / "a.csv").exists()
