"""pipeline.numbers: number phrases and killed / injured counts in one sentence."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import numbers
from pipeline.numbers import Casualties, find_casualties, parse_number

# --- parse_number -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("4", 4),
    ("1,200", 1200),
    ("12,345,678", 12345678),
    ("one", 1),
    ("One", 1),
    ("twelve", 12),
    ("twenty-five", 25),
    ("twenty five", 25),
    ("Seventy-six", 76),
    ("a hundred", 100),
    ("one hundred", 100),
    ("two hundred and fifty", 250),
    ("three thousand two hundred", 3200),
    ("a thousand", 1000),
    ("a dozen", 12),
    ("two dozen", 24),
    ("at least four", 4),
    ("more than 20", 20),
    ("nearly 30", 30),
    ("about 60", 60),
    ("up to 15", 15),
    ("an estimated 1,500", 1500),
    ("a", 1),
    ("an", 1),
    ("a single", 1),
    ("no", 0),
    ("none", 0),
    ("both", 2),
    ("4.", 4),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", [
    "dozens", "scores", "hundreds", "thousands", "several", "many", "an unknown number", "a number", "a few",
    "some", "tens", "1.200", "1.5", "1,20", "one two", "four people", "a third", "", "   ", "killed", "over",
])
def test_parse_number_vague_or_not_a_number(text):
    assert parse_number(text) is None


def _words(n: int) -> str:
    """English words for 1..999, written independently of the lexicon, to test the parser against."""
    units = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
            "seventeen eighteen nineteen".split()
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    parts = []
    if n >= 100:
        parts.append(units[n // 100 - 1] + " hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(tens[n // 10 - 2] + (f"-{units[n % 10 - 1]}" if n % 10 else ""))
    elif n:
        parts.append(units[n - 1])
    return " ".join(parts)


@given(st.integers(1, 999))
def test_parse_number_words(n):
    assert parse_number(_words(n)) == n


@given(st.integers(0, 10**9))
def test_parse_number_digits(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"at least {n:,}") == n


# --- find_casualties: the forms of the brief --------------------------------------------------------------------

@pytest.mark.parametrize("sentence, killed, injured", [
    ("Tuesday's fighting resulted in the death of one resident and the injury of at least four, including two small "
     "children.", 1, 4),
    ("One civilian and six assailants were killed.", 7, None),
    ("Gunmen killed two and wounded five.", 2, 5),
    ("The monitor put a death toll of 70 on the attack.", 70, None),
    ("The death toll rose to 70.", 70, None),
    ("WHO said in a statement putting the death toll at at least 70.", 70, None),
    ("One civilian was killed and eight civilians were wounded in the attack.", 1, 8),
    ("The blast hit the market, killing three people and injuring 12 others.", 3, 12),
    ("The strike left 5 dead and 20 injured.", 5, 20),
    ("At least 10 people were killed.", 10, None),
    ("There were no reported casualties.", 0, 0),
    ("No casualties were reported in the attack.", 0, 0),
    ("The shelling caused no casualties.", 0, 0),
    ("No one was killed.", 0, None),
    ("No one was killed or injured.", 0, 0),
    ("The assailant was killed.", 1, None),
    ("A suicide bomber blew himself up near the checkpoint.", 1, None),
    ("A suicide bomber blew himself up, killing 5 people.", 6, None),
    ("Two soldiers were killed and a third was wounded.", 2, 1),
    ("Dozens were wounded.", None, None),
    ("Dozens of civilians were killed.", None, None),
    ("An unknown number of students were injured.", None, None),
    ("Seventy-six people including 28 children were killed on Sunday.", 76, None),
    ("More than 120 people have been killed.", 120, None),
    ("Nine civilians died in rebel shelling.", 9, None),
    ("Five soldiers lost their lives.", 5, None),
    ("Three fighters were slain.", 3, None),
    ("Forty people perished in the fire.", 40, None),
    ("There were 3 fatalities.", 3, None),
    ("Seven civilians were martyred on Wednesday.", 7, None),
    ("The strikes have killed 20 people.", 20, None),
    ("Naseri was wounded in the attack.", None, 1),
    ("Sayaff, a former jihadi leader, was not injured in the attack.", None, 0),
    ("The attack killed 5 people, bringing the death toll to 70.", 70, None),
])
def test_find_casualties(sentence, killed, injured):
    c = find_casualties(sentence)
    assert (c.killed, c.injured) == (killed, injured)


@pytest.mark.parametrize("sentence, killed, injured", [
    # GTD-style summaries: subsets after "including" are not added again; appositives are skipped
    ("At least 13 people, including 10 assailants and three security personnel, were killed and four police "
     "officers were wounded across the attacks.", 13, 4),
    ("At least 15 security personnel and nine assailants were killed while seven security personnel and 12 "
     "assailants were injured.", 24, 19),
    ("At least 24 people, including five soldiers, three police officers, and 16 assailants, were killed.", 24, None),
    ("At least three assailants, including the suicide bomber, and two security guards were killed.", 5, None),
    ("At least five people, three soldiers and two civilians, were injured in the blast.", None, 5),
    ("At least 10 people, most of them civilians, were killed.", 10, None),
    ("Shah and two of his relatives were killed and two people were injured in the attack.", 3, 2),
    ("Ajmal and his son were killed in the attack.", 2, None),
    ("Mohammed al-Asaker, an activist, was killed.", 1, None),
    ("Assailants shot and killed Colonel Fakhruddin Kamalzada, a senior intelligence officer, in Zaranj.", 1, None),
    ("Assailants hanged, shot, and killed a civilian in Aq Kamar, Jawzjan, Afghanistan.", 1, None),
    ("One police officer was killed and one member of the National Directorate of Security (NDS) was injured.", 1, 1),
    ("In addition to the assailant, 25 people were killed and 44 others were injured in the blast.", 26, 44),
    ("In addition to 20 assailants, two police officers were killed and six officers were injured.", 22, 6),
    ("Taliban fighters attacked a checkpoint and two soldiers were killed.", 2, None),
    ("The assailants were killed and two civilians were injured in the blasts.", None, 2),
    ("Three soldiers and an unknown number of assailants were wounded.", None, 3),  # at least 3
    ("Both were killed.", 2, None),
    ("He was killed.", 1, None),
    ("The family were killed.", None, None),
    ("They were all killed.", None, None),
    ("12 people were killed or wounded.", None, None),  # one number for both: no split
    ("Militants killed two soldiers and three civilians were wounded.", 2, 3),
    ("The bombing killed two soldiers, three civilians and a child.", 6, None),
    ("A bomb blast killed six people and injured 32 in the Salah al-Din district.", 6, 32),
    # FA-KES headlines (commas stripped upstream)
    ("8 persons killed 58 others injured in terrorist rocket attacks on Aleppo city", 8, 58),
    ("Thursday 28 January 2016 17:27 Nine Civilians Killed in Regime Airstrikes on Rural Homs", 9, None),
    ("At least 48 people dead over 100 injured after truck bomb exploded", 48, 100),
    ("Mon Jul 11 2016 175 Nusra Terrorists Killed Injured in Castello Road in Aleppo", None, None),
    ("The death toll from terrorist attacks on residential neighborhoods in Aleppo city has risen to 13 and 106 "
     "injured including women and children", 13, 106),
])
def test_find_casualties_harder(sentence, killed, injured):
    c = find_casualties(sentence)
    assert (c.killed, c.injured) == (killed, injured)


@pytest.mark.parametrize("sentence", [
    "Residents turned in about 60 pieces of weaponry.",
    "The regime raised the number of checkpoints from three to seven, and then to ten.",
    "The deal allowed the regime to install three security checkpoints within the city.",
    "Two suicide bombers detonated targeting a civilian residence.",  # a detonation does not state a death
    "He has bombed the city more than once, and is accused of killing young men from the city.",
    "The attack was carried out in retaliation for the execution of Taliban detainees.",
    "Seventeen people were arrested in 2018.",
    "Casualties were reported.",
    "20 casualties were reported.",  # killed or injured? not said
    "",
])
def test_no_casualty_count(sentence):
    assert find_casualties(sentence) == Casualties(None, None, None, None)


# --- spans ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, killed_text, injured_text", [
    ("Tuesday's fighting resulted in the death of one resident and the injury of at least four, including two small "
     "children.", "one", "at least four"),
    ("One civilian and six assailants were killed.", "One civilian and six", None),
    ("Gunmen killed two and wounded five.", "two", "five"),
    ("The death toll rose to 70.", "70", None),
    ("There were no reported casualties.", "no reported casualties", "no reported casualties"),
    ("The strike left 5 dead and 20 injured.", "5", "20"),
    ("A suicide bomber blew himself up near the checkpoint.", "blew himself up", None),
])
def test_spans_give_the_number_phrase(sentence, killed_text, injured_text):
    c = find_casualties(sentence)
    got_k = sentence[c.killed_span[0]:c.killed_span[1]] if c.killed_span else None
    got_i = sentence[c.injured_span[0]:c.injured_span[1]] if c.injured_span else None
    assert (got_k, got_i) == (killed_text, injured_text)


def test_spans_are_none_exactly_when_counts_are():
    c = find_casualties("Two soldiers were killed and dozens were wounded.")
    assert c == Casualties(2, None, (0, 3), None)


# --- the lexicon is data ----------------------------------------------------------------------------------------

def test_lexicon_is_loaded_from_models_json():
    lex = json.loads(numbers.LEXICON_PATH.read_text(encoding="utf-8"))
    assert numbers.LEXICON_PATH.name == "numbers.json" and numbers.LEXICON_PATH.parent.name == "models"
    for key in ("units", "tens", "qualifiers", "vague_quantifiers", "killed", "injured"):
        assert key in lex
    assert "killed" in lex["killed"]["passive"] and "wounded" in lex["injured"]["passive"]
    assert "dozens" in lex["vague_quantifiers"]


# --- properties -------------------------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "killed", "were", "was", "wounded", "injured", "and", ",", "at least", "two", "12", "1,200", "a", "the",
    "death toll", "of", "no", "casualties", "including", "people", "civilians", "dozens", "(NDS)", "blew himself up",
    "killing", "injuring", "dead", "In addition to", "died", "the death of", "or", ".", "Wednesday", "'s", "-",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=20).map(" ".join))
def test_find_casualties_never_raises_and_spans_index_the_sentence(sentence):
    c = find_casualties(sentence)
    for value, span in ((c.killed, c.killed_span), (c.injured, c.injured_span)):
        assert (value is None) == (span is None)
        if value is not None:
            assert isinstance(value, int) and value >= 0
            assert 0 <= span[0] < span[1] <= len(sentence)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_find_casualties_arbitrary_text(sentence):
    c = find_casualties(sentence)
    assert isinstance(c, Casualties)


@given(st.integers(0, 100_000), st.sampled_from(["people", "civilians", "soldiers", "members of the family"]),
       st.sampled_from(["were killed", "have been killed", "were reportedly killed", "died"]))
def test_counts_round_trip(n, who, verb):
    sentence = f"At least {n:,} {who} {verb} in the attack."
    c = find_casualties(sentence)
    assert c.killed == n
    assert sentence[c.killed_span[0]:c.killed_span[1]] == f"At least {n:,}"


@pytest.mark.parametrize("sentence, killed", [
    ("More than 2000 people were killed in the siege.", 2000),  # FA-KES strips thousands commas
    ("Mon Jul 11 2016 175 Nusra Terrorists Killed in Castello Road", 175),
    ("On 5 May 2016 two soldiers were killed.", 2),
])
def test_year_like_numbers(sentence, killed):
    assert find_casualties(sentence).killed == killed


# --- running totals and restatements ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, killed", [
    # a cumulative toll ("since <year>", "in the war", a clause opening "Since <day>") is not this incident's count
    ("Rockets killed at least 12 people on Friday, bringing to more than 9000 the number killed since 2014", 12),
    ("At least 12 people were killed on Friday; more than 9000 people have been killed in the war so far.", 12),
    ("The agency says 350000 people have been killed since 2012 in the country's civil war.", None),
    ("More than 9,000 have died in the long-running conflict.", None),
    # "since <the country's> war started": the war's toll, not the attack's ("Syrias" = "Syria's", apostrophe lost)
    ("More than 320000 people have been killed and millions displaced since Syrias war started in 2011.", None),
    ("On Tuesday 58 people were killed; more than 320000 have been killed since the Syrian conflict began.", 58),
    ("Three soldiers were killed on Monday since war planes came back.", 3),
    # the war itself is what killed, or the toll is the war's: a running total whatever comes after the count
    ("Syrias conflict has killed more than 230000 people and wounded at least a million.", None),
    ("The civil war that began with protests in 2011 has since killed more than 300000 people.", None),
    ("The NGO has put the death toll from the five-year conflict at as high as 470000.", None),
    ("At least one uprising member and 12 assailants were killed in the clash.", 13),
    ("A war monitor said air strikes killed 12 people in Idlib.", 12),
    ("The conflict in Syria which has lasted five years has killed more than 280000 people.", None),
    ("Syrias civil war now in its seventh year has killed at least 400000 people.", None),
    ("The six-year conflict has caused more than 470000 deaths in the country.", None),
    ("Since Tuesday at least 40 villagers have been killed in air raids on the district.", None),
    ("Three were killed, raising the death toll to 50 since the start of the offensive.", 3),
    # "so far" alone is this incident's count; beside another count it is the running total
    ("Four people have been killed so far in the attack.", 4),
    ("Two soldiers died on Monday, and 31 have been killed so far this month.", 2),
    # a headline run into its lead states the count twice
    ("Car bomb kills three in Mosul A car bomb killed three people in Mosul on Sunday police said", 3),
    ("Shelling kills five civilians near Hama Five civilians were killed by shelling near Hama", 5),
    # two groups with the same number in a plain sentence still add up
    ("Two soldiers were killed and two civilians were killed in the blast.", 4),
    # objects counted are no casualties
    ("The raid destroyed at least 14 of 40 trucks in the convoy and killed the driver of the lead truck.", 1),
])
def test_running_totals_and_restated_counts(sentence, killed):
    assert find_casualties(sentence).killed == killed
