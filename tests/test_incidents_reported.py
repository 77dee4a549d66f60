"""Only reported events become incidents (incidents/reported.py), and reports of one event merge into one row
(incidents/merge.py): each rule on a short text written for it, with a control that still gives its incident."""
from __future__ import annotations

import pytest

from pipeline.components.incidents.reported import inflections


def run(nlp, text: str, published: str | None = "2024-03-06") -> list[dict]:
    doc, _ = next(nlp.pipe([(text, {"published": published})], as_tuples=True))
    return sorted(doc._.incidents, key=lambda i: i["start_char"])


@pytest.mark.parametrize("text", [
    # background: the event sits inside a `since` clause, the fighting is a running state since then
    "There has been on-and-off fighting between the regime and residents across Daraa province since the regime "
    "retook the province in July 2018.",
    # running totals: a `since` clause or phrase on the event predicate (and on its conjoined verb)
    "Russian airstrikes have killed thousands of civilians since Moscow intervened in September 2015.",
    "Analysts estimate that the war has killed more than 400,000 people and displaced millions since it started "
    "in 2011.",
    # a span of time, not a day
    "And 313 people died in areas under army siege in the past year.",
    # negation by a determiner
    "There were no Russian and Syrian air force planes in this region.",
    "There were no air strikes on the town on Monday.",
    "Neither side fired on the other.",
    # doubt, demands, plans
    "It was unclear whether he was a hostage.",
    "The spokeswoman was calling on the State Department to release statements on strikes on civilian targets.",
    "The State Department voiced scepticism regarding the planned truce.",
    # a side described, a name
    "Washington is leading an international coalition fighting ISIL in Syria.",
    "These actions demonstrate a disregard for the Cessation of Hostilities.",
])
def test_what_is_not_a_reported_event_gives_no_incident(nlp, text):
    assert run(nlp, text) == []


def test_a_dated_event_is_still_reported(nlp):
    (inc,) = run(nlp, "Air strikes killed 23 people in Talbisseh on Monday.")
    assert (inc["sub_event_type"], inc["date"], inc["killed"]) == ("Air/drone strike", "2024-03-04", 23)


def test_an_event_going_on_since_a_recent_day_is_todays_event(nlp):
    (inc,) = run(nlp, "Clashes have raged in Zabadani since Tuesday.")
    assert (inc["sub_event_type"], inc["location"], inc["date"]) == ("Armed clash", "Zabadani", "2024-03-06")


def test_headline_merges_into_the_body_report_of_its_family(nlp):
    text = ("Suicide bomber kills 4 in Qardaha\n\nA suicide bomber driving an ambulance killed four people at a "
            "hospital in Qardaha on Sunday.")
    (inc,) = run(nlp, text)
    assert (inc["sub_event_type"], inc["location"], inc["date"], inc["killed"]) == (
        "Suicide bomb", "Qardaha", "2024-03-03", 4)
    assert inc["evidence"].startswith("A suicide bomber driving")  # the body's report, not the headline
    assert (inc["start_char"], inc["end_char"]) == (35, 127)


def test_a_generic_noun_of_the_same_day_and_place_is_the_specific_event(nlp):
    text = ("A suicide bomber blew himself up at a wedding in Tall Tawil on Monday, killing 32 people. The explosion "
            "in Tall Tawil on Monday also wounded 100 people.")
    (inc,) = run(nlp, text)
    assert (inc["sub_event_type"], inc["location"], inc["date"]) == ("Suicide bomb", "Tall Tawil", "2024-03-04")
    assert (inc["killed"], inc["injured"]) == (33, 100)  # the bomber died too


def test_a_generic_verb_clause_reports_an_act_of_its_own(nlp):
    text = ("Gunmen attacked a wedding in Tall Tawil on Monday. A suicide bomber blew himself up at the wedding in "
            "Tall Tawil on Monday, killing 32 people.")
    assert [(i["sub_event_type"], i["actor1"]) for i in run(nlp, text)] == [
        ("Attack", "Gunmen"), ("Suicide bomb", None)]


def test_an_anaphor_restates_the_event_and_adds_its_toll(nlp):
    text = ("Government forces shelled Jayrud on Saturday, killing 31 people. The attack on Jayrud on Saturday also "
            "wounded 20.")
    (inc,) = run(nlp, text)
    assert (inc["sub_event_type"], inc["killed"], inc["injured"]) == ("Shelling/artillery/missile attack", 31, 20)


def test_no_casualties_is_a_toll_of_zero_not_a_denial(nlp):
    text = ("Assailants attacked a radio station in Nurgaram district, Nuristan, Afghanistan. There were no reported "
            "casualties, though an employee of the station was briefly held hostage.")
    assert [(i["sub_event_type"], i["killed"]) for i in run(nlp, text, None)] == [
        ("Attack", None), ("Abduction/forced disappearance", 0)]


def test_two_sides_named_differently_stay_two_events(nlp):
    text = "Rebels attacked Jayrud on Saturday. Government forces shelled Jayrud on Saturday."
    assert [i["sub_event_type"] for i in run(nlp, text)] == ["Attack", "Shelling/artillery/missile attack"]


def test_hypothetical_lemmas_are_matched_by_their_regular_forms():
    assert inflections("plan") == {"plan", "plans", "planned", "planning"}
    assert inflections("urge") == {"urge", "urges", "urged", "urging"}
    assert inflections("deny") == {"deny", "denies", "denied", "denying"}
    assert inflections("aim") == {"aim", "aims", "aimed", "aiming"}


def test_report_dated_only_by_its_year_is_background():
    from pipeline.api import extract
    text = ("Air strikes killed 12 civilians in Idlib on Tuesday, a monitor said. The Syrian conflict which started "
            "when the Assad regime forces brutally repressed peaceful protests in 2011 has descended into a "
            "multi-sided civil war. Syria agreed to destroy its chemical weapons in 2013 under a deal brokered by "
            "Moscow. Rebels shelled Aleppo in March 2017.")
    inc = extract(text, published="2017-04-05")["incidents"]
    assert list(zip(inc.sub_event_type, inc.date, inc.date_precision)) == [
        ("Air/drone strike", "2017-04-04", "day"), ("Shelling/artillery/missile attack", "2017-03", "month")]


def test_year_only_report_without_publication_date_is_kept():
    from pipeline.api import extract
    inc = extract("In 2019 protesters blocked the main road in Aleppo.", published=None)["incidents"]
    assert list(inc.date) == ["2019"]  # the year may be the report's own
