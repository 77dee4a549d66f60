"""sitrep_incidents on short texts written for these tests: typing, arguments, places, dates, counts, merging."""
from __future__ import annotations

import pytest


def run(nlp, text: str, published: str | None = "2024-03-06") -> list[dict]:
    doc, _ = next(nlp.pipe([(text, {"published": published})], as_tuples=True))
    return sorted(doc._.incidents, key=lambda i: i["start_char"])


def test_gtd_style_summary_one_incident_with_perpetrator_place_and_counts(nlp):
    text = ("Gunmen opened fire on a police checkpoint in Zarin area, Bala district, Herat province, Afghanistan. "
            "Two police officers were killed and three others were wounded in the attack. "
            "The Taliban claimed responsibility for the attack.")
    (inc,) = run(nlp, text, None)
    assert (inc["event_type"], inc["sub_event_type"]) == ("Battles", "Armed clash")  # the target is armed
    assert (inc["location"], inc["admin1"], inc["country"]) == ("Zarin", "Herat", "AF")
    assert inc["actor1"] == "Taliban"          # named later by the claim, replacing "Gunmen"
    assert (inc["killed"], inc["injured"]) == (2, 3)
    assert (inc["start_char"], inc["end_char"]) == (0, 100)
    assert inc["date"] is None                 # no date in the text and no publication date


def test_suicide_bomber_counts_add_the_bomber(nlp):
    text = ("A suicide bomber detonated an explosives-laden vest at a market in Sharana, Paktika, Afghanistan. "
            "In addition to the bomber, four civilians were killed in the blast.")
    (inc,) = run(nlp, text, None)
    assert inc["sub_event_type"] == "Suicide bomb"
    assert inc["event_type"] == "Explosions/Remote violence"
    assert (inc["location"], inc["admin1"]) == ("Sharana", "Paktika")
    assert inc["killed"] == 5


def test_threats_are_not_incidents(nlp):
    assert run(nlp, "The rebels threatened to attack the town if the talks failed.") == []


def test_protest_dispersed_with_tear_gas_and_weekday_date(nlp):
    (inc,) = run(nlp, "Police fired tear gas to disperse hundreds of protesters in Lagos on Friday.")
    assert (inc["event_type"], inc["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert (inc["date"], inc["date_text"], inc["date_precision"]) == ("2024-03-01", "Friday", "day")
    assert inc["location"] == "Lagos"


def test_arrest_with_actors(nlp):
    (inc,) = run(nlp, "Security forces arrested three suspected militants in Mosul on Tuesday.")
    assert (inc["event_type"], inc["sub_event_type"]) == ("Strategic developments", "Arrests")
    # ACLED names a state's own forces by the state: security forces arresting in Mosul are Iraq's
    assert (inc["actor1"], inc["actor2"]) == ("Military Forces of Iraq", "suspected militants")
    assert (inc["location"], inc["date"]) == ("Mosul", "2024-03-05")


def test_headline_merges_into_the_dated_report_and_counts_follow(nlp):
    text = ("Army shells village\n\nGovernment forces shelled the village of Kafr Nabl on Monday, residents said. "
            "The shelling killed two children.")
    (inc,) = run(nlp, text)
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"
    # "Government forces" in a Syrian village are ACLED's Military Forces of Syria
    assert (inc["date"], inc["location"], inc["actor1"]) == ("2024-03-04", "Kafr Nabl", "Military Forces of Syria")
    assert inc["killed"] == 2
    assert inc["evidence"] == "Government forces shelled the village of Kafr Nabl on Monday, residents said."


def test_two_dated_clashes_stay_apart_and_relative_day(nlp):
    text = ("Fighting broke out between the army and rebels in Kidal, Mali, on Wednesday. "
            "The day before, the rebels stormed a military base near Kidal.")
    incs = run(nlp, text)
    assert [(i["sub_event_type"], i["date"]) for i in incs] == [("Armed clash", "2024-03-06"),
                                                                ("Armed clash", "2024-03-05")]
    assert (incs[0]["actor1"], incs[0]["actor2"]) == ("Military Forces of Mali", "rebels")  # the army in Kidal


def test_state_modifying_an_attack_noun_is_actor1_not_the_place(nlp):
    (inc,) = run(nlp, "Five people were killed in Russian airstrikes on the town of Maarat on Tuesday.")
    assert (inc["sub_event_type"], inc["actor1"], inc["location"]) == ("Air/drone strike", "Russia", "Maarat")
    assert (inc["killed"], inc["date"]) == (5, "2024-03-05")
    (inc,) = run(nlp, "Four fighters died in U.S. air strikes near the city of Kobani on Monday.")
    assert (inc["actor1"], inc["location"], inc["country"]) == ("United States", "Kobani", "SY")


def test_place_names_end_before_weekdays_countries_and_unknown_modifiers(nlp):
    (inc,) = run(nlp, "Air strikes killed at least 10 people in rebel areas east of Homs Saturday the monitor said.")
    assert (inc["location"], inc["date"], inc["killed"]) == ("Homs", "2024-03-02", 10)
    (inc,) = run(nlp, "Clashes broke out in Tabqa Syria on Friday.")
    assert (inc["location"], inc["country"]) == ("Tabqa", "SY")
    (inc,) = run(nlp, "A car bomb exploded in the Assad family hometown on Sunday.")
    assert inc["location"] is None  # "Assad" modifies "hometown": not a place


def test_generic_attack_word_after_a_weapon_is_the_same_incident(nlp):
    (inc,) = run(nlp, "Mortar shells hit the market in Deir Ezzor on Sunday and the attack killed two people.")
    assert (inc["sub_event_type"], inc["location"], inc["killed"]) == (
        "Shelling/artillery/missile attack", "Deir Ezzor", 2)


@pytest.mark.parametrize("text, sub", [
    # police intervention at a protest; "riot police" is no riot
    ("Riot police fired tear gas and arrested dozens of students who staged a protest outside the ministry on Tuesday.",
     "Protest with intervention"),
    ("Security forces shot dead three protesters during a march in the capital on Tuesday.",
     "Excessive force against protesters"),
    # protesters who throw stones make a violent demonstration, even when the police then shoot
    ("Protesters hurled stones at police, who responded with live ammunition, killing two demonstrators.",
     "Violent demonstration"),
    ("Hundreds of traders blocked roads and burned tyres in the town to protest a new tax.", "Violent demonstration"),
    ("Students marched through the city on 4 March to demand lower fees.", "Peaceful protest"),
    # a military strike is no labour strike, and a labour strike no air strike
    ("A U.S. strike hit a militant hideout near the border on Monday, killing four fighters.", "Air/drone strike"),
    ("Teachers went on strike on Monday across the region to demand higher wages.", "Peaceful protest"),
    ("The two sides signed a ceasefire agreement in the capital on Sunday.", "Agreement"),
    ("Dozens of rebel fighters surrendered to the army in the hills on Friday.", "Agreement"),
    ("Rebels entered the town without resistance after government troops pulled out on Thursday.",
     "Non-violent transfer of territory"),
    ("Rebel fighters attacked an army base outside the town on Monday night.", "Armed clash"),
    ("Police arrested four opposition activists at their homes on Friday.", "Arrests"),
])
def test_acled_sub_types_of_protests_strikes_agreements_and_transfers(nlp, text, sub):
    incs = run(nlp, text)
    assert incs[0]["sub_event_type"] == sub


def test_a_month_is_no_march_and_a_background_year_no_incident_date(nlp):
    (inc,) = run(nlp, "KABUL, March 3 -- A roadside bomb killed two soldiers in Kandahar on Sunday.")
    assert (inc["sub_event_type"], inc["killed"], inc["date"]) == ("Remote explosive/landmine/IED", 2, "2024-03-03")
    (inc,) = run(nlp, "The conflict, which began in 2011, continued as shelling killed five people in Hama on Monday.")
    assert (inc["sub_event_type"], inc["killed"], inc["date"]) == ("Shelling/artillery/missile attack", 5, "2024-03-04")
    (inc,) = run(nlp, "Shelling killed five people in Hama, bringing to 9000 the number killed since 2012.")
    assert (inc["killed"], inc["date"]) == (5, "2024-03-06")


def test_a_later_sentence_naming_the_place_just_hit_is_the_same_incident(nlp):
    text = ("Rockets hit the town of Kafr Nabl on Monday, killing three people. \"Three people were killed and seven "
            "wounded by a rocket that hit Kafr Nabl\" near the town of Maarat, the ministry said.")
    shelling = [i for i in run(nlp, text) if i["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert [(i["location"], i["killed"], i["injured"]) for i in shelling] == [("Kafr Nabl", 3, 7)]


def test_who_condemns_an_attack_did_not_carry_it_out(nlp):
    text = "The United States condemns the horrific attacks today in the town of Jabla, where 20 civilians died."
    (inc,) = run(nlp, text)
    assert (inc["sub_event_type"], inc["location"], inc["actor1"]) == ("Attack", "Jabla", None)
    (inc,) = run(nlp, "Taliban fighters launched an attack on a checkpoint in Kunduz on Monday.")
    assert (inc["sub_event_type"], inc["actor1"]) == ("Armed clash", "Taliban fighters")


@pytest.mark.parametrize("text, sub", [
    ("The army captured a senior Shabaab commander near Baidoa on Monday.", "Arrests"),
    ("Militants captured two soldiers near the border on Monday.", "Abduction/forced disappearance"),
    ("Rebels captured the town of Kafr Nabl on Monday.", "Non-state actor overtakes territory"),
    ("Troops recaptured the town of Kafr Nabl on Monday.", "Government regains territory"),
])
def test_people_captured_are_arrested_or_abducted_places_change_hands(nlp, text, sub):
    assert run(nlp, text)[0]["sub_event_type"] == sub


def test_driving_fighters_out_is_territory_not_an_arrest(nlp):
    (inc,) = run(nlp, "Army units drove the militants out of the village of Tel Hamid on Monday.")
    assert inc["sub_event_type"] == "Government regains territory"


def test_an_industrial_gas_blast_is_no_chemical_weapon(nlp):
    incs = run(nlp, "Gas cylinders exploded at a chemical plant in Dahej on Monday, injuring four workers.")
    assert "Chemical weapon" not in {i["sub_event_type"] for i in incs}
    (inc,) = run(nlp, "Government forces used sulfur mustard in an attack on the town of Kafr Zita on Monday.")
    assert inc["sub_event_type"] == "Chemical weapon"


def test_an_explosion_is_typed_by_what_exploded(nlp):
    incs = run(nlp, "Several explosions rocked the border area on Monday as militants fired dozens of rockets.")
    assert [i["sub_event_type"] for i in incs] == ["Shelling/artillery/missile attack"]
    (inc,) = run(nlp, "An explosion ripped through a market in Quetta on Monday, killing six people.")
    assert (inc["sub_event_type"], inc["killed"]) == ("Remote explosive/landmine/IED", 6)
