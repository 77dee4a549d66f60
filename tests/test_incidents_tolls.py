"""Counts and tolls across mentions of one event (ACLED Codebook 2023, 'Fatalities': the most conservative
explicit figure; one event is one pair of actors)."""
from __future__ import annotations

from pipeline.components.incidents.counts import counted_nouns, restated, smaller


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


def test_restated_lowers_only_a_figure_of_the_same_victims():
    assert restated(12, 10, True) == 10
    assert restated(4, 2, False) == 4
    assert restated(None, 2, True) == 2


def test_counted_nouns_are_the_nouns_a_number_counts(nlp):
    doc, _ = next(nlp.pipe([("Four police officers and 10 assailants were killed on Monday.", {})], as_tuples=True))
    assert counted_nouns(doc[:]) == frozenset({"officer", "assailant"})


def test_a_figure_of_other_victims_is_not_a_lower_report(nlp):
    text = ("Gunmen attacked a checkpoint in Kunduz, Afghanistan, on Monday, killing four police officers. Two "
            "guards were killed in the attack.")
    assert [r[3] for r in rows(nlp, text)] == [4]
