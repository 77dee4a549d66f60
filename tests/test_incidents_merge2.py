"""Page time stamps as sentences of their own (components/paragraphs.py) and the merge rules of one event
(incidents/merge.py, frames.py, when.py, places.py): each rule on a short text written for it, with a control."""
from __future__ import annotations

import pytest


def run(nlp, text: str, published: str | None = "2016-07-27"):
    doc, _ = next(nlp.pipe([(text, {"published": published})], as_tuples=True))
    return doc, sorted(doc._.incidents, key=lambda i: i["start_char"])


def fields(rows: list[dict], *keys: str) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in rows]


@pytest.mark.parametrize("text, sents", [
    ("Published April 13 2017 An air strike by a U.S.-led coalition killed 18 fighters south of Tabqa.",
     ["Published April 13 2017", "An air strike by a U.S.-led coalition killed 18 fighters south of Tabqa."]),
    ("Syrian air strikes kill dozens AFP Wednesday 17 Sep 2014 Syrian air strikes on a rebel town killed 23 people.",
     ["Syrian air strikes kill dozens", "AFP Wednesday 17 Sep 2014",
      "Syrian air strikes on a rebel town killed 23 people."]),
    # a date inside a sentence follows no label or agency: left to the parser
    ("The war began in March 2011 and has displaced millions.",
     ["The war began in March 2011 and has displaced millions."]),
])
def test_a_page_time_stamp_is_a_sentence_of_its_own(nlp, text, sents):
    doc, _ = run(nlp, text)
    assert [s.text for s in doc.sents] == sents


def test_the_lead_after_a_time_stamp_keeps_its_by_phrase_agent(nlp):
    _, rows = run(nlp, "Published April 13 2017 An air strike by a U.S.-led coalition killed 18 fighters south of "
                       "Tabqa on Tuesday.", "2017-04-13")
    assert fields(rows, "sub_event_type", "actor1", "killed", "date") == [
        ("Air/drone strike", "U.S.-led coalition", 18, "2017-04-11")]


@pytest.mark.parametrize("text, rows", [
    # the deaths' cause is a clause with no event word: an accident, neither an event nor a toll of the one before
    ("Al-Nusra Front executed the captured pilot on Friday. Three Syrian officers were killed on Friday when their "
     "helicopter crashed.", [(1, "2016-07-01")]),
    ("Three Syrian officers were killed on Friday when their helicopter crashed.", []),
    # control: the cause is an event
    ("Three Syrian officers were killed on Friday when their helicopter was shot down.", [(3, "2016-07-01")]),
])
def test_deaths_from_a_non_violent_cause_are_no_event_and_no_toll(nlp, text, rows):
    _, found = run(nlp, text, "2016-07-02")
    assert fields(found, "killed", "date") == rows


@pytest.mark.parametrize("text, sub", [
    ("Monday's raid on the convoy destroyed at least 18 of 31 vehicles in Orum al-Kubra in Aleppo province.",
     "Armed clash"),
    ("The shelling destroyed the school in Kafr Nabl on Sunday.", "Shelling/artillery/missile attack"),
])
def test_destruction_done_by_an_event_is_that_event(nlp, text, sub):
    _, rows = run(nlp, text)
    assert fields(rows, "sub_event_type") == [(sub,)]


@pytest.mark.parametrize("text, date", [
    ("Shelling hit the village of Kafr Nabl the monitor said Tuesday.", "2016-07-27"),  # the statement's day
    ("Shelling hit the village of Kafr Nabl on Monday the monitor said Tuesday.", "2016-07-25"),
])
def test_the_day_of_a_statement_does_not_date_the_event(nlp, text, date):
    _, rows = run(nlp, text)
    assert fields(rows, "date") == [(date,)]


@pytest.mark.parametrize("text, dates", [
    ("Shelling hit the village of Kafr Nabl. On Monday shelling hit Kafr Nabl.", ["2016-07-25"]),
    # a report months before publication is another event, not the lead's
    ("Shelling hit the village of Kafr Nabl. In April shelling hit Kafr Nabl.", ["2016-07-27", "2016-04"]),
])
def test_an_undated_lead_joins_a_recent_dated_report(nlp, text, dates):
    _, rows = run(nlp, text)
    assert [r["date"] for r in rows] == dates


def test_a_lead_dated_by_its_statement_joins_the_dated_report_in_its_admin1(nlp):
    _, rows = run(nlp, "The air raids on an aid convoy near Aleppo killed around 20 people the organisation said "
                       "Tuesday. Monday's air raid on the convoy destroyed 18 trucks in Orum al-Kubra in Aleppo "
                       "province.", "2016-09-20")
    assert fields(rows, "sub_event_type", "date", "location", "killed") == [
        ("Air/drone strike", "2016-09-19", "Orum al-Kubra", 20)]


def test_a_country_possessive_without_apostrophe_is_the_country(nlp):
    lex = nlp.get_pipe("sitrep_incidents").lex
    assert (lex.countries["syrias"], lex.countries["iraqs"], "syriass" in lex.countries) == ("SY", "IQ", False)


def test_a_title_line_before_the_byline_stamp_is_the_headline_and_the_body_counts(nlp):
    # '2 medics among 31 dead' has no headline verb; its place before 'AFP Saturday 2 Jul 2016' makes it the title,
    # which only fills what the body leaves open: the body's 31, not the title's 2
    _, rows = run(nlp, "2 medics among 31 dead in Syria army reprisal AFP Saturday 2 Jul 2016 Syrian government "
                       "shelling of the town of Jayrud killed 31 people on Saturday.", "2016-07-02")
    assert fields(rows, "sub_event_type", "date", "location", "killed") == [
        ("Shelling/artillery/missile attack", "2016-07-02", "Jayrud", 31)]


def test_a_place_name_in_a_title_case_headline_ends_before_its_verb(nlp):
    _, rows = run(nlp, '"Chemical" Massacre in Idlib Defies the World Beirut London- Warplanes releasing toxic gas '
                       'targeted the town of Khan Sheikhoun on Tuesday killing 58 people.', "2017-04-05")
    assert fields(rows, "sub_event_type", "location", "killed") == [
        ("Chemical weapon", "Idlib", 58), ("Air/drone strike", "Khan Sheikhoun", None)]


def test_two_events_of_one_sentence_are_not_joined_again_as_a_lead(nlp):
    _, rows = run(nlp, "Assailants raided a coal mine and abducted 15 miners in Karkar area, Baghlan, Afghanistan. The "
                       "hostages were released on May 10, 2016.", "2016-05-10")
    assert fields(rows, "sub_event_type") == [("Attack",), ("Abduction/forced disappearance",)]
