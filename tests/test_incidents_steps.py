"""The steps of sitrep_incidents one by one, on one or two short sentences: triggers, frames, arguments (sides),
places, dates, counts, merge and coding, and the shared parse helpers of pipeline/syntax.py."""
from __future__ import annotations

import pytest

from pipeline import syntax
from pipeline.components.incidents import arguments, coding, counts, frames, merge, places, triggers, when
from pipeline.components.incidents.model import Actor, Mention, Place, When
from pipeline.nlp import get_nlp

SHELLING = "Regime forces shelled the town of Busra al-Harir in Daraa province, Syria, killing two civilians."
CHECKPOINT = "Taliban militants attacked a police checkpoint in Zarin area, Bala district, Herat province, Afghanistan."
ROADSIDE = "Two soldiers were killed and five wounded when a roadside bomb exploded near Kandahar."


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def parse(nlp, text: str):
    """The Doc through the whole pipeline, and the incidents component."""
    doc, _ = next(nlp.pipe([(text, {"published": "2024-03-06"})], as_tuples=True))
    return doc, nlp.get_pipe("sitrep_incidents")


def sentence(nlp, text: str):
    """The context of the first sentence with cues, its cues and the Doc context."""
    doc, pipe = parse(nlp, text)
    ctx = pipe.context(doc)
    cues = triggers.find_cues(doc, pipe.lex)
    sent, scues = frames.by_sentence(ctx, cues, [])[0]
    return frames.sentence_context(ctx, sent), scues


def test_triggers_longest_cues_and_combo(nlp):
    doc, pipe = parse(nlp, ROADSIDE)
    cues = triggers.find_cues(doc, pipe.lex)
    assert [(c.span.text, c.kind) for c in cues] == [
        ("killed", "casualty"), ("wounded", "casualty"), ("roadside bomb", "weapon"), ("exploded", "weapon")]
    assert triggers.combo(pipe.lex, "police fired tear gas at protesters") == (
        "Protest with intervention", {"Peaceful protest", "Arrests", "Attack"})
    assert triggers.combo(pipe.lex, "a quiet day") is None
    doc, _ = parse(nlp, "Protesters gathered on 4 March 2019.")
    assert "March" not in triggers.undated(next(iter(doc.sents)))  # a date is no protest march


def test_frames_one_per_event_clause_and_irrealis_dropped(nlp):
    sc, scues = sentence(nlp, ROADSIDE)
    fs = frames.clause_frames(sc, scues)
    assert [(f.mention.sub, f.mention.trigger.text, f.mention.casualty_only) for f in fs] == [
        ("Attack", "killed", True), ("Attack", "wounded", True), ("Remote explosive/landmine/IED", "bomb", False)]
    sc, scues = sentence(nlp, "The army could attack the city if talks fail.")
    assert frames.clause_frames(sc, scues) == []


def test_arguments_sides_from_subject_and_object(nlp):
    sc, scues = sentence(nlp, CHECKPOINT)
    (f,) = frames.clause_frames(sc, scues)
    arguments.fill_sides(sc, f.mention)
    assert f.mention.actor1 == Actor("Taliban militants", "faction:taliban-militants")
    assert f.mention.actor2 == Actor("police", None)  # the checkpoint's owner is the side acted upon
    r = arguments.roles(f.mention.trigger)
    assert (r.subj.text, r.obj.text, r.passive) == ("militants", "checkpoint", False)
    assert arguments.is_generic(sc.ctx, Actor("unidentified gunmen", None))
    assert not arguments.is_generic(sc.ctx, Actor("Taliban gunmen", None))


def test_places_chain_gives_place_admin1_country(nlp):
    sc, _ = sentence(nlp, CHECKPOINT)
    doc = sc.sent.doc
    assert [[doc[a:b].text for a, b in ch] for ch in sc.chains] == [
        ["Zarin area", "Bala district", "Herat province", "Afghanistan"]]
    p = places.place_in(sc, range(sc.sent.start, sc.sent.end))
    assert (p.location, p.admin1, p.country) == ("Zarin", "Herat", "AF")
    assert places.strip_name(sc.ctx, *sc.chains[0][0])[0] == "Zarin"


def test_when_explicit_date_then_narrative_and_publication(nlp):
    sc, scues = sentence(nlp, "Regime forces shelled Busra al-Harir on 4 March 2024.")
    sc.ctx.published = "2024-03-06"
    sc.ctx.date_mentions = when.date_mentions(sc.ctx)
    m = frames.clause_frames(sc, scues)[0].mention
    when.fill_date(sc.ctx, m, sc.sent)
    assert (m.date.value, m.date.text, m.date.precision, m.date.explicit) == ("2024-03-04", "4 March 2024", "day", True)
    later = Mention("Attack", sc.sent, 0, 1, m.trigger)
    first = Mention("Attack", sc.sent, 0, 1, m.trigger)
    when.resolve([first, m, later], "2024-03-06")
    assert first.date == When("2024-03-06", None, "day", False, published=True)
    assert later.date == When("2024-03-04", None, "day", False, published=False)


def test_counts_numbers_and_named_victims(nlp):
    sc, _ = sentence(nlp, ROADSIDE)
    assert counts.sentence_counts(sc.ctx, sc.sent) == (2, 5, False)
    sc, _ = sentence(nlp, "Gunmen shot and killed Nabi and an assailant in Kabul.")
    assert counts.victims(sc.sent, sc.ctx.lex.kill_verbs) == 2
    assert counts.larger(None, 3) == 3 and counts.larger(4, 3) == 4 and counts.larger(None, None) is None


def test_merge_restatement_and_undated_lead(nlp):
    doc, _ = parse(nlp, "Army shells Kafr Nabl. Troops shelled Kafr Nabl on Monday, killing three.")
    s1, s2 = list(doc.sents)[:2]
    kafr = Place("Kafr Nabl", None)
    lead = Mention("Shelling/artillery/missile attack", s1, 0, 22, s1[1], place=kafr,
                   date=When("2024-03-06", None, "day", False, published=True))
    report = Mention("Shelling/artillery/missile attack", s2, 23, 70, s2[1], place=kafr, killed=3,
                     actor1=Actor("Troops", None), date=When("2024-03-04", "Monday", "day", True))
    (inc,) = merge.merge([lead, report], {})
    assert inc.mentions == [lead, report] and inc.evidence is report
    assert (inc.when.value, inc.killed, inc.actor1) == ("2024-03-04", 3, Actor("Troops", None))
    assert merge.per_sentence([report]) == [report] and (report.start_char, report.end_char) == (
        s2.start_char, s2.end_char)


def test_coding_territory_and_row(nlp):
    doc, pipe = parse(nlp, "Rebels captured the town of Kafr Nabl.")
    lex, trig = pipe.lex, doc[1]
    m = Mention("Non-state actor overtakes territory", doc[:], 0, 10, trig, actor1=Actor("regime forces", None))
    coding.territory(lex, m)
    assert m.sub == "Government regains territory"
    m.actor1 = Actor("Rebels", None)
    coding.territory(lex, m)
    assert m.sub == "Non-state actor overtakes territory"
    assert not coding.captive(lex, trig)  # a town is no captive
    coding.apply_combo(lex, [m], ("Protest with intervention", {"Attack"}))
    assert m.sub == "Non-state actor overtakes territory"  # not a type the combination overrides
    (inc,) = merge.merge([m], {})
    row = coding.row(lex, inc, {})
    assert (row["event_type"], row["sub_event_type"], row["actor1"], row["location"], row["killed"]) == (
        "Battles", "Non-state actor overtakes territory", "Rebels", None, None)  # ACLED: a battle


def test_syntax_helpers(nlp):
    doc, _ = parse(nlp, "Officials said that the army could attack the city.")
    said, attack, city = doc[1], doc[6], doc[8]
    heads = syntax.clause_heads(doc[:], {"ROOT", "ccomp"})
    assert heads[city.i].text == "attack" and heads[said.i].text == "said"
    assert syntax.is_irrealis(attack, {"could"}) and not syntax.is_irrealis(said, {"could"})
    assert syntax.subject_of(said).text == "Officials" and syntax.subject_of(attack).text == "army"
    assert syntax.governs(said, city) and not syntax.governs(city, said)
    assert [t.text for t in syntax.trim(doc[4:9], lambda t: t.lower_ in ("the", "."))] == [
        "army", "could", "attack", "the", "city"]


def test_parser_failures_become_errors_rows_not_lost_incidents(nlp, monkeypatch):
    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(counts._numbers, "find_casualties", broken)
    monkeypatch.setattr(when._dates, "find_dates", broken)
    doc, _ = parse(nlp, ROADSIDE)
    (inc,) = doc._.incidents
    assert (inc["sub_event_type"], inc["killed"], inc["injured"], inc["date_text"]) == (
        "Remote explosive/landmine/IED", None, None, None)
    assert [(e["stage"], e["error"]) for e in doc._.errors] == [
        ("sitrep_incidents", "RuntimeError"), ("sitrep_incidents", "RuntimeError")]


def test_a_date_inside_a_since_phrase_is_background(nlp):
    text = ("A suicide bomber killed four people on Sunday in an attack on a hospital, the first explosion to hit "
            "the town since the outbreak of the civil war in 2011.")
    doc, _ = parse(nlp, text)
    sent = doc[:]
    assert when.in_since_phrase(sent, text.index("2011"))
    assert not when.in_since_phrase(sent, text.index("Sunday"))
    # the Sunday before publication for every incident of the sentence, never the war's start
    assert [i["date"] for i in doc._.incidents] == ["2024-03-03"] * len(doc._.incidents) and doc._.incidents


def test_a_nationality_or_a_speakers_base_is_no_event_place(nlp):
    doc, _ = parse(nlp, "A bomb blast in the Syrian city of Qamishli on Wednesday killed 48 people.")
    assert [i["location"] for i in doc._.incidents] == ["Qamishli"]
    doc, _ = parse(nlp, "The Britain-based Syrian Observatory for Human Rights said 25 soldiers were killed in "
                        "clashes with rebels.")
    assert doc._.incidents and all(i["location"] != "Britain" for i in doc._.incidents)


def test_location_is_the_place_actor_name_when_written_as_a_bare_possessive(nlp):
    """Scraped copy drops apostrophes ('Aleppos eastern districts'): the row names the place 'Aleppo'."""
    doc, _ = parse(nlp, "Regime warplanes bombed Aleppos eastern districts on Monday, killing 12 civilians.")
    assert [(i["location"], i["location_actor_id"]) for i in doc._.incidents] == [("Aleppo", "place:aleppo")]
