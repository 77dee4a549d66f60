"""Precision rules of issue 15: a simple present after a past tense is a habit, a toll over several days sums the
day reports, an act is never a side, a title-case title is the headline, a statement's date is not the event's,
and an undated continuation of a violent event is that event. Each on a short text written for it."""
from __future__ import annotations

import pytest


def run(nlp, text: str, published: str | None = "2024-03-06") -> list[dict]:
    doc, _ = next(nlp.pipe([(text, {"published": published})], as_tuples=True))
    return sorted(doc._.incidents, key=lambda i: i["start_char"])


@pytest.mark.parametrize("text", [
    'He added, "As you know, al-Qaida remains committed to carrying out terrorist attacks against the United States."',
    "In Syria, the press secretary said, Syrian democratic forces continue to liberate territory near Raqqah.",
])
def test_a_simple_present_after_a_past_tense_is_no_event(nlp, text):
    assert run(nlp, text) == []


def test_headline_grammar_anywhere_is_still_an_event(nlp):
    (inc,) = run(nlp, "News India. Mob lynches Muslim man accused of cow smuggling")
    assert inc["sub_event_type"] == "Mob violence"


def test_a_toll_over_several_days_is_not_a_row_beside_its_days(nlp):
    text = ("Air strikes on Talbisseh have killed nearly 50 people over the past two days, a monitor said. "
            "On Tuesday 25 people were killed in air strikes on Talbisseh. "
            "On Monday air strikes killed 23 people in Talbisseh.")
    assert [(i["date"], i["killed"]) for i in run(nlp, text)] == [("2024-03-05", 25), ("2024-03-04", 23)]


def test_a_toll_over_several_days_alone_is_kept(nlp):
    (inc,) = run(nlp, "Air strikes on Talbisseh have killed nearly 50 people over the past two days.")
    assert (inc["sub_event_type"], inc["killed"]) == ("Air/drone strike", 50)


def test_a_name_headed_by_an_act_is_no_side(nlp):
    (inc,) = run(nlp, "05-07-2015 US Raids on ISILs Syria Stronghold Kill 22 including Civilians.",
                 published="2015-07-05")
    assert inc["actor2"] != "Stronghold Kill" and inc["killed"] == 22
    assert inc["actor2"] is None


def test_a_title_case_title_is_the_headline(nlp):
    text = ("02-09-2013 Syrian Army Kills 40 al-Nusra Front Members in Damascus Ambush. The Syrian army killed "
            "about 40 militants of al-Nusra Front in an ambush in Rahibeh on Monday.")
    (inc,) = run(nlp, text, published="2013-09-03")
    assert (inc["date"], inc["location"], inc["killed"]) == ("2013-09-02", "Rahibeh", 40)
    assert inc["evidence"].startswith("The Syrian army killed") and inc["actor1"] != "Damascus Ambush"


def test_a_statement_date_does_not_date_the_event(nlp):
    text = ("In a statement distributed on a Telegram channel on Tuesday the group said two of its fighters fired "
            "shots at a police station in Midan.")
    (inc,) = run(nlp, text)
    assert inc["date"] == "2024-03-06"  # the publication date, not Tuesday 5 March


def test_an_undated_continuation_is_the_same_event(nlp):
    text = ("Daesh said three of its fighters carried out an attack on a police station in Midan on Monday. "
            "In a statement distributed on Tuesday the group said two of the fighters fired shots in the station.")
    (inc,) = run(nlp, text)
    assert (inc["date"], inc["location"]) == ("2024-03-04", "Midan")


def test_an_additive_word_reports_a_further_event(nlp):
    text = ("Daesh said three of its fighters carried out an attack on a police station in Midan on Monday. "
            "In a statement distributed on Tuesday the group said its fighters also fired shots in the station.")
    assert len(run(nlp, text)) == 2


def test_an_event_noun_in_a_running_total_sentence_is_no_event(nlp):
    text = ("According to a report published on Wednesday coalition strikes targeting mainly IS-held areas in "
            "eastern Syria have killed 649 civilians since September 2014.")
    assert run(nlp, text) == []


def test_destruction_after_a_strike_is_that_strike(nlp):
    text = ("Coalition aircraft destroyed 14 ISIL tanks near Palmyra on Monday. "
            "The equipment was destroyed in the vicinity of the airfield near Palmyra.")
    (inc,) = run(nlp, text)
    assert (inc["sub_event_type"], inc["location"]) == ("Air/drone strike", "Palmyra")


def test_a_relative_clause_on_the_event_word_can_make_it_habitual(nlp):
    text = "Afterwards I heard gunfire which usually happens to get people to move out of the way, she said."
    assert run(nlp, text) == []


@pytest.mark.parametrize("text", [
    "But US-led coalition strikes have also claimed hundreds of civilian lives in parts of Syria.",
])
def test_a_toll_of_a_mere_magnitude_without_a_date_is_an_overview(nlp, text):
    assert run(nlp, text) == []


def test_a_crowd_of_a_magnitude_is_still_a_protest(nlp):
    (inc,) = run(nlp, "Hundreds of protesters rallied in Kiev on Sunday.")
    assert inc["event_type"] == "Protests"


def test_a_desired_agreement_is_no_agreement(nlp):
    text = ("As a result, residents of Daraa have little faith in the regime and its desire to implement "
            "reconciliation agreements in the southern province.")
    assert run(nlp, text) == []
