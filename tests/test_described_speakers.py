"""A description that says what kind of organisation speaks ('a monitoring group said') is the document's one
named organisation of that kind, named before or after it (sitrep_nominals `kinds`), and the quote's speaker."""
from __future__ import annotations

LEAD = "At least 11 civilians were killed in barrel bomb attacks on the town of al-Bab, a monitoring group said."
NAMED = " Government helicopters dropped the bombs, according to the Syrian Observatory for Human Rights."


def speakers(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(q["speaker"], q["speaker_actor_id"]) for q in nlp(text)._.quotes]


def test_a_monitoring_group_is_the_observatory_named_after_it(nlp):
    assert speakers(nlp, LEAD + NAMED)[0] == ("Syrian Observatory for Human Rights",
                                              "org:syrian-observatory-for-human-rights")


def test_no_named_monitor_or_two_of_them_leave_the_description(nlp):
    assert speakers(nlp, LEAD)[0] == ("monitoring group", None)
    two = LEAD + NAMED + " Human Rights Watch also reported the attacks on Thursday."
    assert speakers(nlp, two)[0] == ("monitoring group", None)
