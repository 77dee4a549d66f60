"""Corpus listings over whole tables: the top actors, and incidents filtered by type, dates, place, actor or
document."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .load import _val, as_list


def top_actors(tables: dict[str, pd.DataFrame], type_: str | None = None, limit: int = 20) -> pd.DataFrame:
    """Actors ranked by mentions, then documents, with how often each is quoted and how many incidents name it
    (as a side, or as the place where it happened)."""
    actors = tables["actors"].copy()
    if type_:
        actors = actors[actors["type"].str.lower() == type_.lower()]
    quotes, incidents = tables.get("quotes"), tables.get("incidents")
    n_quotes = quotes["speaker_actor_id"].value_counts() if quotes is not None and len(quotes) else pd.Series()
    if incidents is not None and len(incidents):
        # an incident counts once for each actor it names: a side (actor1/actor2) or the place it happened in
        cols = [c for c in ("actor1_id", "actor2_id", "location_actor_id") if c in incidents]
        long = incidents.melt(id_vars=["incident_id"], value_vars=cols).dropna(subset=["value"])
        n_inc = long.drop_duplicates(["incident_id", "value"])["value"].value_counts()
    else:
        n_inc = pd.Series()
    actors["n_quotes"] = actors["actor_id"].map(n_quotes).fillna(0).astype(int)
    actors["n_incidents"] = actors["actor_id"].map(n_inc).fillna(0).astype(int)
    actors = actors.sort_values(["n_mentions", "n_docs", "actor_id"], ascending=[False, False, True])
    cols = ["actor_id", "name", "type", "n_mentions", "n_docs", "n_quotes", "n_incidents", "aliases", "role"]
    return actors[cols].head(limit).reset_index(drop=True)


def _date_bounds(d: str) -> tuple[str, str]:
    """The first and last day an ISO date of day, month or year precision can mean."""
    if len(d) == 4:
        return f"{d}-01-01", f"{d}-12-31"
    if len(d) == 7:
        return f"{d}-01", f"{d}-31"
    return d, d


def filter_incidents(incidents: pd.DataFrame, type_: str | None = None, since: str | None = None,
                     until: str | None = None, place: str | None = None, actor: str | None = None,
                     doc_id: str | None = None) -> pd.DataFrame:
    """Incidents matching every filter given: type (event or sub-event type), a date range (a month- or
    year-precision date matches when its period overlaps the range), place (location, admin1 or country) and actor
    (name or id, either side), case-insensitive substrings."""
    df = incidents
    keep = pd.Series(True, index=df.index)

    def contains(cols: Iterable[str], needle: str) -> pd.Series:
        hit = pd.Series(False, index=df.index)
        for c in cols:
            hit |= df[c].astype("string").str.contains(needle, case=False, regex=False).fillna(False).astype(bool)
        return hit

    if type_:
        keep &= contains(("event_type", "sub_event_type"), type_)
    if place:
        keep &= contains(("location", "admin1", "country"), place)
    if actor:
        keep &= contains(("actor1", "actor1_id", "actor2", "actor2_id"), actor)
    if doc_id:
        keep &= df["doc_id"] == doc_id
    if since or until:
        def in_range(d) -> bool:
            d = _val(d)
            if not d:
                return False
            first, last = _date_bounds(str(d))
            return (not since or last >= since) and (not until or first <= until)
        keep &= df["date"].map(in_range).astype(bool)
    return df[keep].sort_values(["date", "incident_id"], na_position="last").reset_index(drop=True)


def alias_summary(aliases, shown: int = 6) -> str:
    """An actor's aliases for a listing: the first `shown` (0: all) and how many more, so that one actor with
    eighty spellings does not fill the screen."""
    names = as_list(aliases)
    if not shown or len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" (+{len(names) - shown} more)"
