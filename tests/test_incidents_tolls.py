"""Counts and tolls across mentions of one event (ACLED Codebook 2023, 'Fatalities': the most conservative
explicit figure; one event is one pair of actors)."""
from __future__ import annotations

from pipeline.components.incidents.counts import smaller


def rows(nlp, text: str) -> list[tuple]:
    doc, _ = next(nlp.pipe([(text, {"published": "2024-03-06"})], as_tuples=True))
    return [(i["sub_event_type"], i["actor1"], i["location"], i["killed"]) for i in doc._.incidents]


def test_smaller_keeps_the_lower_known_count():
    assert smaller(12, 10) == 10
    assert smaller(None, 7) == 7
    assert smaller(3, None) == 3
    assert smaller(None, None) is None


def test_a_restated_toll_keeps_the_lower_figure(nlp):
    text = ("An air strike killed 12 people in Idlib, Syria, on Monday. The air strike on Idlib killed 10 people, "
            "the monitor said.")
    assert [(r[0], r[2], r[3]) for r in rows(nlp, text)] == [("Air/drone strike", "Idlib", 10)]


def test_a_toll_with_another_acting_side_is_its_own_event(nlp):
    text = ("Syrian air strikes hit Zabadani, Syria, on Monday, killing five people. Rebels killed ten soldiers in "
            "Daraa.")
    assert [(r[0], r[2], r[3]) for r in rows(nlp, text)] == [
        ("Air/drone strike", "Zabadani", 5), ("Armed clash", "Daraa", 10)]
    assert rows(nlp, text)[1][1] == "Rebels"
