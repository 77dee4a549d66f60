"""One row per event and only reported events (incidents/merge.py `_one_per_event`, reported.py `_habitual`,
frames.py `_own_words`): each rule on a short text written for it, with a control."""
from __future__ import annotations

import pytest


def run(nlp, text: str, published: str = "2017-04-10"):
    doc, _ = next(nlp.pipe([(text, {"published": published})], as_tuples=True))
    return sorted(doc._.incidents, key=lambda i: i["start_char"])


def fields(rows: list[dict], *keys: str) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in rows]


@pytest.mark.parametrize("text, rows", [
    # two weapon clauses of one event type in one sentence: one event, typed by the most specific cue, its toll
    ("Syrian air strikes hit Harasta on Monday and shelling pounded the town, killing 12 people.",
     [("Air/drone strike", "Syria", 12)]),
    # a territory change and the attack that won it: one event, typed by the territory change (ACLED)
    ("Rebels attacked army positions in Harasta on Monday and captured the town after heavy clashes.",
     [("Non-state actor overtakes territory", "Rebels", None)]),
    # a generic verb without a subject of its own is what the strike did
    ("Warplanes struck the town of Khan Sheikhoun on Tuesday, massacring dozens of people.",
     [("Air/drone strike", "Military Forces of Syria", None)]),
    # control: two event types, two places, two acting sides: two events
    ("Syrian air strikes hit Harasta on Monday while rebels clashed with the army in Douma.",
     [("Air/drone strike", "Military Forces of Syria", None), ("Armed clash", "rebels", None)]),
])
def test_one_sentence_reports_one_event_per_event_type(nlp, text, rows):
    assert fields(run(nlp, text), "sub_event_type", "actor1", "killed") == rows


@pytest.mark.parametrize("text, rows", [
    ("A nationwide ceasefire brokered in February has been repeatedly violated by both sides.", []),
    ("Damascus has been rocked by occasional bomb blasts.", []),
    ("While the ground offensive failed, warplanes kept pounding rebel areas of Aleppo city.", []),
    # controls: one occurrence on one day
    ("A bomb blast rocked Damascus on Monday.", [("Remote explosive/landmine/IED", "Damascus", "2017-04-10")]),
    ("Warplanes pounded rebel areas of Aleppo city on Sunday.", [("Air/drone strike", "Aleppo", "2017-04-09")]),
])
def test_a_habitual_or_iterative_report_is_no_event(nlp, text, rows):
    assert fields(run(nlp, text), "sub_event_type", "location", "date") == rows


@pytest.mark.parametrize("text, rows", [
    # the subject of the killing is the background ('the war which began in 2011'): a running total
    ("The civil war which began with peaceful protests in 2011 has killed more than 280000 people.", []),
    # control: a clause of the subject that is no background ('which began at dawn' is today's)
    ("The shelling, which began at dawn, killed 12 people in Douma on Monday.",
     [("Shelling/artillery/missile attack", 12, "2017-04-10")]),
])
def test_a_toll_of_the_background_is_no_event(nlp, text, rows):
    assert fields(run(nlp, text), "sub_event_type", "killed", "date") == rows


@pytest.mark.parametrize("text, rows", [
    # 'the raids' refers back to the bombing: one event, not a second (Attack) row
    ("Syrian warplanes bombed the town of Zabadani on Tuesday. The raids came as regime forces fought rebels in "
     "the area.", [("Air/drone strike", "Zabadani", "2017-04-04"), ("Armed clash", "Zabadani", "2017-04-04")]),
    # control: the definite noun names another place and day of its own: another event
    ("Syrian warplanes bombed the town of Zabadani on Tuesday. The raids on Madaya on Wednesday came as regime "
     "forces fought rebels in the area.", [("Air/drone strike", "Zabadani", "2017-04-04"),
                                          ("Attack", "Madaya", "2017-04-05"), ("Armed clash", "Madaya", "2017-04-05")]),
])
def test_a_definite_event_noun_restates_the_latest_event_of_its_family(nlp, text, rows):
    assert fields(run(nlp, text), "sub_event_type", "location", "date") == rows


@pytest.mark.parametrize("text, rows", [
    # a siege named as the condition of a place: no event
    ("More than 250000 people live under government siege in the eastern half of Aleppo.", []),
    ("The siege started after Daraa al-Balad refused to accept the results of the elections.", []),
    # its imposition or its end, said by a predicate: an event
    ("Regime forces besieged the town of Madaya on Monday.", [("Other", "Madaya")]),
    ("On September 5 Syrian troops broke the blockade around Deir ez-Zor.", [("Other", "Deir")]),
    # the besieged towns are the place of the blast, not a second event
    ("Earlier in the day a blast occurred near a bus convoy evacuating residents of the besieged Shiite towns of "
     "Fua and Kefraya.", [("Remote explosive/landmine/IED", "Fua")]),
])
def test_a_siege_is_an_event_only_as_a_predicate(nlp, text, rows):
    assert fields(run(nlp, text), "sub_event_type", "location") == rows


def test_a_specific_definite_noun_restates_an_event_of_its_own_type(nlp):
    # 'the bomber' names the suicide bombing, not the hostage-taking reported last
    rows = run(nlp, "A suicide bomber detonated outside of the Shamshad TV station in Kabul, Afghanistan. Assailants "
                    "then entered the building and opened fire on staff, holding them hostage for two to three hours "
                    "before security forces stormed the building, rescuing the hostages. At least three assailants, "
                    "including the bomber, were killed.")
    assert fields(rows, "sub_event_type") == [("Suicide bomb",), ("Attack",), ("Abduction/forced disappearance",)]
