"""sitrep_quotes on short texts written for these tests: each construction with its exact speaker and offsets."""
from __future__ import annotations

import pytest

from pipeline.components.quotes import extract, marks
from pipeline.components.quotes.model import Segment


def run(nlp, text):
    doc = nlp(text)
    return doc, sorted(doc._.quotes, key=lambda q: q["start_char"])


def span_of(text, piece, start=0):
    i = text.index(piece, start)
    return i, i + len(piece)


def word_at(text, before, word):
    """Offsets of `word` where it starts the first occurrence of `before` (e.g. " he said")."""
    i = text.index(before) + before.index(word)
    return i, i + len(word)


def check(q, text, content, speaker, mention, cue, kind="direct"):
    s, e = span_of(text, content)
    assert (q["start_char"], q["end_char"]) == (s, e)
    assert q["text"] == content
    assert q["speaker"] == speaker
    assert q["cue"] == cue
    assert q["kind"] == kind
    ms, me = mention if isinstance(mention, tuple) else span_of(text, mention)
    assert (q["speaker_start_char"], q["speaker_end_char"]) == (ms, me)
    assert 0 < q["confidence"] <= 1


def test_cue_after_with_apposition_sets_role(nlp):
    text = ("“The bridge is gone and the road is flooded,” Maria Lopez, a nurse at the district clinic, "
            "told reporters on Sunday.")
    doc, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "The bridge is gone and the road is flooded,", "Maria Lopez", "Maria Lopez", "told")
    assert qs[0]["speaker_actor_id"] == "person:maria-lopez"
    actor = next(a for a in doc._.actors if a["key"] == "person:maria-lopez")
    assert actor["role"] == "nurse at the district clinic"


def test_straight_marks_cue_before_with_colon(nlp):
    text = 'Colonel Ahmed Saleh said: "We will hold the line until the reinforcements arrive."'
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "We will hold the line until the reinforcements arrive.", "Ahmed Saleh", "Ahmed Saleh", "said")


def test_inverted_cue_said_name(nlp):
    text = '"Nobody told us the convoy was coming," said Peter Okafor, who coordinates the aid distribution.'
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "Nobody told us the convoy was coming,", "Peter Okafor", "Peter Okafor", "said")


def test_quote_split_around_cue_and_pronoun_speaker(nlp):
    text = ("Omar Haddad runs a bakery near the old market.\n\n"
            "“We waited for the trucks all morning,” he said, “but nobody came to open the gate.”")
    _, qs = run(nlp, text)
    assert len(qs) == 2
    he = word_at(text, " he said", "he")
    check(qs[0], text, "We waited for the trucks all morning,", "Omar Haddad", he, "said")
    check(qs[1], text, "but nobody came to open the gate.", "Omar Haddad", he, "said")


def test_multi_paragraph_quote_and_surname_speaker(nlp):
    text = ("Sara Klein works at the field hospital outside the city.\n\n"
            "“The first wave of wounded came at dawn. We had no power and no water.\n\n"
            "“By noon every bed in the ward was full,” Klein said.")
    _, qs = run(nlp, text)
    assert len(qs) == 2
    for q, content in zip(qs, ["The first wave of wounded came at dawn. We had no power and no water.",
                               "By noon every bed in the ward was full,"]):
        check(q, text, content, "Sara Klein", word_at(text, "Klein said", "Klein"), "said")


def test_continuation_paragraph_without_cue(nlp):
    text = ("“The shelling started before sunrise,” said Yusuf Demir, a shopkeeper.\n\n"
            "Demir said he moved his family into the basement.\n\n"
            "“We will stay here as long as we can. There is nowhere else to go.”")
    _, qs = run(nlp, text)
    direct = [q for q in qs if q["kind"] == "direct"]
    assert len(direct) == 2
    check(direct[0], text, "The shelling started before sunrise,", "Yusuf Demir", "Yusuf Demir", "said")
    cont = direct[1]
    assert cont["text"] == "We will stay here as long as we can. There is nowhere else to go."
    assert cont["speaker"] == "Yusuf Demir"
    assert cont["confidence"] < direct[0]["confidence"]


def test_scare_quotes_are_not_quotes(nlp):
    text = ("The so-called \"ceasefire\" collapsed within hours. Families who \"settled their status\" "
            "were later detained, and the \"central committee\" met again on Friday.")
    _, qs = run(nlp, text)
    assert qs == []


def test_pull_quote_repeated_in_the_body_is_not_a_quote(nlp):
    text = ("“The shelling never stops,” said Nadia Farouk, a teacher in the camp.\n\n"
            "“We will not leave our homes”\n\n"
            "She has lived in the camp since 2019 with her three children.\n\n"
            "“We will not leave our homes, whatever happens to us,” she said.")
    _, qs = run(nlp, text)
    assert [q["text"] for q in qs] == ["The shelling never stops,",
                                       "We will not leave our homes, whatever happens to us,"]
    assert [q["speaker"] for q in qs] == ["Nadia Farouk", "Nadia Farouk"]


def test_reported_speech_said_that_and_according_to(nlp):
    text = ("General Musa Kamara said that the army had retaken the airport after two days of fighting. "
            "According to local officials, twelve civilians were killed in the attack.")
    _, qs = run(nlp, text)
    assert len(qs) == 2
    check(qs[0], text, "the army had retaken the airport after two days of fighting", "Musa Kamara", "Musa Kamara",
          "said", kind="indirect")
    check(qs[1], text, "twelve civilians were killed in the attack", "local officials", "local officials",
          "according to", kind="indirect")
    assert qs[1]["speaker_actor_id"] is None


def test_told_someone_that(nlp):
    text = "Minister Laila Nasser told the parliament that the crossing would reopen next week."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "the crossing would reopen next week", "Laila Nasser", "Laila Nasser", "told", kind="indirect")


def test_mixed_quote_fragment_in_reported_clause(nlp):
    text = 'Musa Kamara said the rebels were "on the run" and would be pursued into the hills.'
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, 'the rebels were "on the run" and would be pursued into the hills', "Musa Kamara",
          "Musa Kamara", "said", kind="mixed")


def test_organisation_and_they(nlp):
    text = ("The Red Cross sent two trucks of medicine to the camp on Monday. "
            "“Stocks will run out within a week,” they said.")
    doc, qs = run(nlp, text)
    assert len(qs) == 1
    org = next(e for e in doc.ents if "Red Cross" in e.text)
    name = next(a["name"] for a in doc._.actors if a["key"] == org._.actor_key)
    check(qs[0], text, "Stocks will run out within a week,", name, word_at(text, "they said", "they"), "said")
    assert qs[0]["speaker_actor_id"] == org._.actor_key


def test_common_noun_speaker(nlp):
    text = "“The convoy was not authorised to cross,” the ministry said in a statement."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "The convoy was not authorised to cross,", "the ministry", "the ministry", "said")


def test_dash_attribution(nlp):
    text = "“We only want to go home.” ― Amina Yusuf\n“Nobody listens to us.” ― Hassan Ali"
    _, qs = run(nlp, text)
    assert [(q["text"], q["speaker"], q["cue"]) for q in qs] == [
        ("We only want to go home.", "Amina Yusuf", "―"), ("Nobody listens to us.", "Hassan Ali", "―")]


@pytest.mark.parametrize("text", [
    'He said "we will return. The town was quiet.',
    '"""', "\u201c", "\u201d \u201c \u201d", '"a" "b', 'x "', "“Unclosed at the end,” he said “and more",
    "“\n\n“\n\n”", "\u201c\u201d said Ali.", "",
])
def test_unbalanced_marks_never_crash(nlp, text):
    doc = nlp(text)
    comp = nlp.get_pipe("sitrep_quotes")
    for q in extract(doc, comp.cues):  # the unguarded path: raises if anything is wrong
        assert 0 <= q["start_char"] < q["end_char"] <= len(text)
        assert q["text"] == text[q["start_char"]:q["end_char"]]
    assert isinstance(doc._.quotes, list)


def test_pronoun_gender_from_titles(nlp):
    text = ("Mr. John Carter visited the clinic run by Mrs. Ana Silva on Tuesday.\n\n"
            "“We need clean water before anything else,” she said.")
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "We need clean water before anything else,", "Ana Silva", word_at(text, "she said", "she"),
          "said")


def test_relative_pronoun_speaker(nlp):
    text = "Reporters met Leila Haddad, who said that the shelter had been full since the first night of shelling."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "the shelter had been full since the first night of shelling", "Leila Haddad", "who", "said",
          kind="indirect")


def test_parenthetical_cue_splits_reported_speech(nlp):
    text = "The road to the north, Musa Kamara said, will stay closed until the bridge is repaired."
    _, qs = run(nlp, text)
    assert [(q["text"], q["kind"], q["speaker"], q["cue"]) for q in qs] == [
        ("The road to the north", "indirect", "Musa Kamara", "said"),
        ("will stay closed until the bridge is repaired", "indirect", "Musa Kamara", "said")]
    assert qs[0]["speaker_start_char"] == qs[1]["speaker_start_char"] == text.index("Musa")


def test_quote_without_commas_hands_over_to_trailing_cue(nlp):
    # some corpora strip commas upstream: the quote ends in a word and the cue follows directly
    text = ('The shelling went on overnight. "Four houses were destroyed in the eastern district" '
            "the Syrian Civil Defence said in a statement.")
    _, qs = run(nlp, text)
    assert len(qs) == 1
    assert qs[0]["text"] == "Four houses were destroyed in the eastern district"
    assert qs[0]["cue"] == "said" and qs[0]["kind"] == "direct"
    assert (qs[0]["speaker_start_char"], qs[0]["speaker_end_char"]) == span_of(text, "Syrian Civil Defence")


def test_it_resolves_to_the_organisation(nlp):
    text = ("The World Health Organization sent a team to the hospital on Monday. "
            "“Supplies will last for three days at most,” it said.")
    doc, qs = run(nlp, text)
    assert len(qs) == 1
    org = next(e for e in doc.ents if "World Health Organization" in e.text)
    name = next(a["name"] for a in doc._.actors if a["key"] == org._.actor_key)
    check(qs[0], text, "Supplies will last for three days at most,", name, word_at(text, "it said", "it"), "said")


def test_marks_inside_names_and_terms_are_not_quotes(nlp):
    text = ('Five fighters were killed, according to the opposition "Orient" TV network. '
            'The group has proclaimed an Islamic "emirate" in the valley.')
    _, qs = run(nlp, text)
    assert [(q["text"], q["kind"], q["cue"]) for q in qs] == [("Five fighters were killed", "indirect", "according to")]
    assert qs[0]["speaker"] == 'the opposition "Orient" TV network'


def test_nickname_in_marks_is_dropped_from_the_speaker(nlp):
    text = 'Colonel James "J.T." Walker said: "The bridge will be rebuilt by the spring."'
    _, qs = run(nlp, text)
    assert [q["text"] for q in qs] == ["The bridge will be rebuilt by the spring."]
    assert qs[0]["speaker"] == "James Walker"
    assert (qs[0]["speaker_start_char"], qs[0]["speaker_end_char"]) == span_of(text, 'James "J.T." Walker')


# --- round 2: generic phrases, descriptions and pronouns resolved to names

def test_witness_named_person_is_the_speaker(nlp):
    text = "“I saw the car stop outside the school,” a witness named Karim Nasser said."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "I saw the car stop outside the school,", "Karim Nasser", "Karim Nasser", "said")
    assert qs[0]["speaker_actor_id"] == "person:karim-nasser"


def test_name_before_role_without_commas(nlp):
    text = "“The convoy turned back at the bridge” Major Tom Ellison a brigade spokesman told reporters by phone."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "The convoy turned back at the bridge", "Tom Ellison", "Tom Ellison", "told")


def test_the_network_resolves_to_the_named_broadcaster(nlp):
    text = ("The Qatari broadcaster Al Jazeera reported clashes near the airport.\n\n"
            "“Gunmen attacked the checkpoint at dawn,” the network said.")
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "Gunmen attacked the checkpoint at dawn,", "Al Jazeera", "the network", "said")
    assert qs[0]["speaker_actor_id"] == "org:al-jazeera"


def test_the_organisation_skips_a_later_faction(nlp):
    text = ("The Red Crescent said the convoy reached the town. The army said the road was safe.\n\n"
            "“We delivered food for ten thousand people,” the organisation said.")
    _, qs = run(nlp, text)
    assert [q["speaker"] for q in qs] == ["Red Crescent", "army", "Red Crescent"]
    check(qs[2], text, "We delivered food for ten thousand people,", "Red Crescent", "the organisation", "said")


def test_description_without_antecedent_stays(nlp):
    text = "Heavy rain fell on Sunday.\n\n“All roads to the north are closed,” the agency said."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "All roads to the north are closed,", "the agency", "the agency", "said")
    assert qs[0]["speaker_actor_id"] is None


def test_he_refers_to_a_generic_person_speaker(nlp):
    text = ("The clinic was destroyed, a neighbour told reporters. "
            "“The family left an hour before the strike,” he said.")
    _, qs = run(nlp, text)
    assert len(qs) == 2
    check(qs[0], text, "The clinic was destroyed", "neighbour", "a neighbour", "told", kind="indirect")
    check(qs[1], text, "The family left an hour before the strike,", "neighbour", word_at(text, " he said", "he"),
          "said")


def test_it_refers_to_the_subject_newspaper_not_a_later_object(nlp):
    text = ("The Al-Masar newspaper, which is close to the government, reported new strikes on Tuesday. "
            "“Jets hit the fuel depot twice,” it said.")
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "Jets hit the fuel depot twice,", "The Al-Masar newspaper", word_at(text, " it said", "it"),
          "said")


def test_statement_by_an_organisation(nlp):
    text = "“Two officers were wounded,” a statement from the Interior Ministry said."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "Two officers were wounded,", "Interior Ministry", "Interior Ministry", "said")


def test_quantified_generic_speaker_drops_the_numeral(nlp):
    text = "“The hospital has no more bandages,” said one activist from the town."
    _, qs = run(nlp, text)
    assert len(qs) == 1
    check(qs[0], text, "The hospital has no more bandages,", "activist", "one activist", "said")


def test_quoted_name_inside_the_speaker_phrase_is_not_a_quote(nlp):
    text = "The opposition “Sawt” TV network reported clashes near the airport."
    _, qs = run(nlp, text)
    assert qs == []


def test_nickname_in_marks_is_not_a_quote_and_keeps_the_cue_window(nlp):
    text = ("The council met on Monday.\n\n\"We need this road rebuilt before winter!\" the mayor's aide, state Del. "
            "Laura \"Lolo\" Mendes, shouted to the crowd. \"The whole valley is watching us.\"")
    _, qs = run(nlp, text)
    assert len(qs) == 2
    check(qs[0], text, "We need this road rebuilt before winter!", "the mayor's aide", "the mayor's aide", "shouted")
    check(qs[1], text, "The whole valley is watching us.", "the mayor's aide", "the mayor's aide", "shouted")


def test_marks_after_a_lexicon_speech_verb_are_standalone_but_not_after_a_name(nlp):
    """The continuation test reads the speech verbs from models/quote_cues.json, as written ("Said" is a name)."""
    quotes = nlp.get_pipe("sitrep_quotes")
    for before, standalone in (("He added ", True), ("He said ", True), ("Mohammed Said ", False),
                               ("The new ", False)):
        text = before + "“We will rebuild it.”"
        seg = Segment(len(before), len(text) - 1, 0, True, start=len(before) + 1, end=len(text) - 1)
        assert marks.standalone(quotes.cues, text, seg, 0, len(text)) is standalone, before


def test_nested_quote_with_its_own_trailing_cue(nlp):
    text = 'The mayor said: “My neighbour came to me and said, "They took everything," before he fled.”'
    _, qs = run(nlp, text)
    assert [(q["text"], q["speaker"], q["cue"]) for q in qs] == [
        ('My neighbour came to me and said, "They took everything," before he fled.', "The mayor", "said"),
        ("They took everything,", "My neighbour", "said")]
