"""Where and when an incident happened, as event grouping needs it (ACLED: the location is the most specific named
place where the event happened, the date the day it happened): origins, metonymy, a place inside another, a
nationality adjective, a name with a distance glued to it, possessive weekdays without the apostrophe."""
from __future__ import annotations

import pytest

from pipeline.components.incidents import when
from pipeline.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def places(nlp, text: str) -> list[tuple]:
    doc, _ = next(nlp.pipe([(text, {"published": "2017-04-16"})], as_tuples=True))
    return [(i["location"], i["location_actor_id"], i["admin1"], i["country"], i["date"]) for i in doc._.incidents]


def test_the_origin_of_a_convoy_is_not_where_it_was_hit(nlp):
    assert places(nlp, "A car bomb hit a convoy carrying residents from the towns of Foua and Kafraya at a transit "
                       "point in Rashidin west of Aleppo on Saturday, killing 100 people.") == [
        ("Rashidin", "place:rashidin", "Aleppo", "SY", "2017-04-15")]
    assert places(nlp, "Buses carrying civilians out of Madaya were attacked near Zabadani, killing three "
                       "people.") == [("Zabadani", "place:zabadani", "Rif Dimashq", "SY", "2017-04-16")]


def test_a_toll_from_an_attack_is_no_origin(nlp):
    assert places(nlp, "The death toll from a bomb attack on a bus convoy outside Aleppo has reached 126.") == [
        ("Aleppo", "place:aleppo", "Aleppo", "SY", "2017-04-16")]


def test_a_capital_standing_for_its_government_is_no_place(nlp):
    assert places(nlp, "Moscow defended its Damascus ally after an air strike killed 10 people.") == [
        (None, None, None, None, "2017-04-16")]


def test_a_place_inside_another_named_with_of(nlp):
    assert places(nlp, "A suicide bomber blew himself up in the Salihiah neighbourhood of Hasakah city, killing 16 "
                       "people.") == [("Salihiah", None, "Al-Hasakah", "SY", "2017-04-16")]
    assert places(nlp, "Air strikes hit the Idlib town of Saraqeb, killing five civilians.") == [
        ("Saraqeb", "place:saraqeb", "Idlib", "SY", "2017-04-16")]


def test_a_nationality_adjective_on_a_place_noun_gives_the_country(nlp):
    assert places(nlp, "The death toll from a suspected chemical attack on a rebel-held Syrian town has risen to "
                       "86.") == [("Syria", None, None, "SY", "2017-04-16")]


def test_a_distance_glued_to_a_name_is_not_part_of_the_place(nlp):
    got = places(nlp, "Government shelling struck the town of Jayrud 60 kilometres from Damascus, killing 31 "
                      "people. Jayrud had a local truce.")
    assert {(loc, key) for loc, key, *_ in got} == {("Jayrud", "place:jayrud")}


def test_possessive_weekdays_without_the_apostrophe(nlp):
    got = when.possessive_weekdays("Saturdays blast hit a convoy. Shops close on Saturdays and Sundays at noon.",
                                   "2017-04-16")
    assert [(d.start, d.text, d.value, d.precision) for d in got] == [(0, "Saturdays", "2017-04-15", "day")]
    assert when.possessive_weekdays("Saturdays blast", None) == []
    assert places(nlp, "Saturdays blast hit a convoy in Aleppo, killing 20 people.") == [
        ("Aleppo", "place:aleppo", "Aleppo", "SY", "2017-04-15")]


def test_a_country_in_a_groups_name_is_no_place(nlp):
    assert places(nlp, "Six civilians were among 22 people killed in US air strikes on the stronghold of ISIL "
                       "(so-called Islamic State in Iraq and Syria) on Saturday.") == [
        (None, None, None, None, "2017-04-15")]


def test_a_name_before_an_attack_noun_is_its_side_in_a_headline_too(nlp):
    assert places(nlp, "US Raids on ISILs Syria Stronghold Kill 22 including Civilians.") == [
        (None, None, None, None, "2017-04-16")]


def test_curated_syrian_places_geonames_lacks(nlp):
    assert places(nlp, "Air strikes on Raqa killed 10 people on Saturday.") == [
        ("Raqa", "place:raqa", "Raqqa", "SY", "2017-04-15")]
    assert places(nlp, "A car bomb exploded in Rashidin on Saturday, killing 100 people.") == [
        ("Rashidin", "place:rashidin", "Aleppo", "SY", "2017-04-15")]


def test_a_distance_after_a_name_is_no_part_of_it(nlp):
    assert places(nlp, "An offensive by government forces targeting the town of Tabqa 40 kilometres (25 miles) up "
                       "the Euphrates Valley from Raqa suffered a major reverse on Monday. Tabqa is held by IS.") == [
        ("Tabqa", "place:tabqa", "Raqqa", "SY", "2017-04-10")]


def test_an_unknown_name_before_a_lowercase_noun_tagged_proper_is_no_place(nlp):
    # "clans" is tagged NNPS in the second sentence; a lowercase word is a common noun, "Assad" only modifies it
    assert places(nlp, "Suicide bomber kills 4 in Assad clans hometown. A suicide bomber driving an ambulance killed "
                       "four people on Sunday in an unprecedented attack on a hospital that took Syrias civil war to "
                       "the ruling Assad clans hometown for the first time a monitoring group said.") == [
        (None, None, None, None, "2017-04-16")]


def test_the_headers_publication_date_is_no_event_date(nlp):
    # the header's date dates the record: the event takes the text's own cue, else the publication date
    assert places(nlp, "Date of publication 16 April 2017 More than 33 people were killed in bombing in Idlib on "
                       "Wednesday.")[0][4] == "2017-04-12"
    doc, _ = next(nlp.pipe([("Date of publication 16 April 2017 The bomber attacked a crowd outside a bakery in "
                             "Qamishli.", {"published": "2017-04-16"})], as_tuples=True))
    assert [(i["date"], i["date_text"], i["date_precision"]) for i in doc._.incidents] == [
        ("2017-04-16", None, "day")]


def test_an_unknown_word_the_sentence_does_not_place_is_no_location(nlp):
    # "Sarin" (a nerve agent) is tagged a place the gazetteer cannot locate; nothing attaches it as a place
    assert [i[:2] for i in places(nlp, "Sarin is an organophosporus compound and a nerve agent. Syrian jets dropped "
                                       "sarin on Khan Sheikhoun on Tuesday, killing 72 people.")] == [(None, None)]
