"""sitrep's incidents in ACLED's column layout, so they sit beside ACLED data in the tools analysts already use.

ACLED's columns (ACLED Codebook, "Data columns"): event_id_cnty, event_date, year, time_precision (1 the day is
known, 2 the week, 3 the month or less precise), event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2,
assoc_actor_2, inter2, interaction, country, admin1, location, latitude, longitude, geo_precision (1 the named town
itself, 2 a part of or near it, 3 a larger region), source, notes, fatalities (0 when no death is reported).
sitrep's side: event_id_cnty is `<ISO-2>-<incident_id>` (ACLED numbers its own); a month-precise date is written as
the month's first day with time_precision 3, a year-precise one as 1 January; assoc actors are left empty.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import gazetteer
from .interactions import interaction
from .schema import SCHEMAS

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1",
           "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def _int(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _date(d, precision) -> str | None:
    if not isinstance(d, str) or not d:
        return None
    return d if len(d) == 10 else f"{d}-01" if len(d) == 7 else f"{d[:4]}-01-01"


def _geo_precision(r, country_name: str | None) -> int | None:
    if not isinstance(r.location, str) or not r.location:
        return 3 if isinstance(r.country, str) else None
    if r.location in (r.admin1, country_name):
        return 3
    return 1 if not pd.isna(r.lat) else 2


def to_acled(incidents: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One ACLED row per incident, columns in ACLED's order."""
    names = gazetteer.country_names()
    source = {}
    if documents is not None and len(documents):
        source = dict(zip(documents["doc_id"], documents["source"]))
    rows = []
    # tables written before a column existed (inter1/inter2) read as empty for it
    incidents = incidents.reindex(columns=[f.name for f in SCHEMAS["incidents"]])
    for r in incidents.itertuples(index=False):
        cc = r.country if isinstance(r.country, str) else None
        i1, i2 = _int(r.inter1), _int(r.inter2)
        date = _date(r.date, r.date_precision)
        rows.append({
            "event_id_cnty": f"{cc or 'XX'}-{r.incident_id}", "event_date": date,
            "year": int(date[:4]) if date else None, "time_precision": TIME_PRECISION.get(r.date_precision),
            "event_type": r.event_type, "sub_event_type": r.sub_event_type, "actor1": r.actor1,
            "assoc_actor_1": None, "inter1": i1, "actor2": r.actor2, "assoc_actor_2": None, "inter2": i2,
            "interaction": interaction(i1, i2), "country": names.get(cc) if cc else None, "admin1": r.admin1,
            "location": r.location, "latitude": None if pd.isna(r.lat) else r.lat,
            "longitude": None if pd.isna(r.lon) else r.lon, "geo_precision": _geo_precision(r, names.get(cc)),
            "source": source.get(r.doc_id), "notes": r.evidence, "fatalities": _int(r.killed) or 0,
        })
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    for c in ("year", "time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities"):
        df[c] = df[c].astype("Int64")
    return df


def export(out: str | Path, file: str | Path) -> int:
    """Write the incidents of the run in `out` as an ACLED-layout CSV (written to a temporary file, then renamed);
    return the number of rows."""
    from .sql import read_table

    df = to_acled(read_table(out, "incidents"), read_table(out, "documents"))
    file = Path(file)
    tmp = file.with_name(f".{file.name}.tmp")
    df.to_csv(tmp, index=False)
    tmp.replace(file)
    return len(df)
