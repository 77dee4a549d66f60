"""Incident sides as ACLED codes them (models/sides.json): actor1 who acted, actor2 the side acted upon, read from the
event word's arguments; asset owners, members' groups, casualties, claims, air strikes' states, generic actors."""
from __future__ import annotations

import pytest

from pipeline.components.incidents import sides
from pipeline.components.incidents.model import Actor


def incidents(nlp, text: str) -> list[tuple]:
    doc, _ = next(nlp.pipe([(text, {"published": "2024-03-06"})], as_tuples=True))
    return [(i["sub_event_type"], i["actor1"], i["actor2"]) for i in doc._.incidents]


@pytest.mark.parametrize("text, expected", [
    # an asset's owner is the side acted upon
    ("On Thursday, coalition aircraft destroyed 14 ISIL tanks near Palmyra, Syria.",
     [("Air/drone strike", "coalition aircraft", "ISIL")]),
    # a relative clause of the event noun names its target; the station's owner
    ("At least 17 people were killed on Monday by suicide bombings that targeted a police station in Damascus, Syria.",
     [("Suicide bomb", None, "police")]),  # 'that targeted' says what the bombings did: one event
    # a side's word right before the event noun, however it is parsed; the victims as ACLED's civilians
    ("Six people were killed in rebel shelling of the city of Aleppo, Syria, on Saturday.",
     [("Shelling/artillery/missile attack", "rebel", "Civilians (Syria)")]),
    # a person is coded as the group an appositive makes them a member of
    ("On Monday, Abu Jandal al-Kuwaiti, an ISIL leader in Raqqa, was killed by a coalition airstrike near Tabqa, "
     "Syria.", [("Air/drone strike", "coalition", "ISIL")]),
    # 'fought off': the subject defends; 'counterattacks' is no side
    ("On Tuesday, the Iraqi army fought off several counterattacks in Mosul, Iraq.",
     [("Armed clash", None, "Military Forces of Iraq")]),
    # a battle's two sides from its casualties
    ("The heavy fighting in Aleppo, Syria, on Friday claimed the lives of 129 loyalists and 116 rebels.",
     [("Armed clash", "loyalists", "rebels")]),
    # unnamed sides are ACLED's generic actors with the country of the event
    ("Gunmen shot dead three villagers in Kaduna, Nigeria, on Sunday.",
     [("Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")]),
    # a statement that its fighters did it is a claim
    ("The Islamic State group said in a statement that one of its fighters carried out the attack. A suicide bomber "
     "blew himself up in Hasakeh, Syria, on Monday.", [("Suicide bomb", "Islamic State", None)]),
    # a state acting in its own country is its forces
    ("Syrian air strikes killed 23 people in Talbisseh, Syria, on Monday, the army said.",
     [("Air/drone strike", "Military Forces of Syria", "Civilians (Syria)")]),
])
def test_sides(nlp, text, expected):
    assert incidents(nlp, text) == expected


def test_unattributed_air_strike_takes_the_article_air_actor(nlp):
    text = ("Russian warplanes struck Idlib, Syria, on Monday. On Tuesday air strikes killed 12 people in Saraqeb, "
            "Syria.")
    assert [(s, a1) for s, a1, _ in incidents(nlp, text)] == [("Air/drone strike", "Military Forces of Russia")] * 2


def test_generic_kind_reads_the_head_word(nlp):
    doc, _ = next(nlp.pipe([("Troops killed people in Homs.", {})], as_tuples=True))
    ctx = nlp.get_pipe("sitrep_incidents").context(doc)
    assert sides._generic_kind(ctx, Actor("people in the town", None)) == "Civilians"
    assert sides._generic_kind(ctx, Actor("unidentified gunmen", None)) == "Unidentified Armed Group"
    assert sides._generic_kind(ctx, Actor("rebel gunmen", None)) is None  # a side's word makes them somebody
    assert sides._generic_kind(ctx, Actor("protesters", None)) == "Protesters"


def test_launched_counterattack_to_retake_names_who_acted(nlp):
    text = "On Wednesday, al-Nusra Front launched a counterattack to retake Khalasa in Aleppo province, Syria."
    (inc,) = incidents(nlp, text)
    assert inc[:2] == ("Non-state actor overtakes territory", "al-Nusra Front")


def test_members_of_a_named_organization_and_able_to_kill(nlp):
    assert incidents(nlp, "On Monday, Syrian troops were able to kill about 40 militants of the al-Nusra Front "
                          "terrorist organization in Rahibeh, Syria.") == [
        ("Armed clash", "Military Forces of Syria", "al-Nusra Front")]  # an attack on an armed group is a battle


def test_claim_replaces_sides_read_from_casualties(nlp):
    # the clash's casualties name both sides (police first, the state side); the claimant attacked the police
    text = ("Seven police officers and seven insurgents were killed in clashes in Kandahar, Afghanistan, on Monday. "
            "The Taliban claimed responsibility for the attack.")
    assert incidents(nlp, text) == [("Armed clash", "Taliban", "police officers")]


def test_unarmed_people_are_acted_upon_and_no_side_of_a_battle(nlp):
    assert incidents(nlp, "Scores of people died on Tuesday in a chemical attack on Khan Shaykhun, Syria.") == [
        ("Chemical weapon", None, "Civilians (Syria)")]
    assert incidents(nlp, "Dozens of people were killed in clashes in Idlib, Syria, on Monday.") == [
        ("Armed clash", None, None)]


def test_thwarted_attack_launched_by_names_the_attacker(nlp):
    text = "Army units operating in Lattakia countryside thwarted an attack launched by al-Nusra Front terrorists on " \
           "Kabani, Syria, on Monday."
    assert [i[1:] for i in incidents(nlp, text)] == [("al-Nusra Front", "Military Forces of Syria")]
