"""Reported speech (pipeline/components/quotes/indirect.py): one sentence per construction, with the exact
content span (the reported proposition only: no cue, no source), speaker mention, cue and kind."""
from __future__ import annotations

import pytest

from pipeline.components.quotes import QuoteExtractor
from pipeline.components.quotes.indirect import IndirectSpeech


def quotes(nlp, text):
    return sorted(nlp(text)._.quotes, key=lambda q: q["start_char"])


def one(nlp, text, content, speaker, mention, cue, kind="indirect"):
    qs = quotes(nlp, text)
    assert len(qs) == 1, qs
    q = qs[0]
    s = text.index(content)
    assert (q["start_char"], q["end_char"], q["text"]) == (s, s + len(content), content)
    m = text.index(mention)
    assert (q["speaker_start_char"], q["speaker_end_char"]) == (m, m + len(mention))
    assert (q["speaker"], q["cue"], q["kind"]) == (speaker, cue, kind)
    return q


CASES = [
    # a common noun with a name in apposition can speak ("host" alone is no source noun)
    ("Another local host, Abby Martin, had previously denounced the annexation.",
     "the annexation", "Abby Martin", "Abby Martin", "denounced"),
    # VerbNet classes (models/quote_cues.json _doc_verbnet): say-37.7, indicate-78, force-59, long-32.2
    ("The envoy observed that the ceasefire had held for a week.",
     "the ceasefire had held for a week", "The envoy", "The envoy", "observed"),
    ("The report documents that the camp was shelled twice in May.",
     "the camp was shelled twice in May", "The report", "The report", "documents"),
    ("The commander persuaded the elders to open the road.",
     "the elders to open the road", "The commander", "The commander", "persuaded"),
    ("The villagers yearn to return to their homes.",
     "to return to their homes", "villagers", "villagers", "yearn"),
    # X said (that) ...
    ("The mayor said that the bridge would reopen next month.",
     "the bridge would reopen next month", "The mayor", "The mayor", "said"),
    # ..., X said
    ("The bridge would reopen next month, the mayor said.",
     "The bridge would reopen next month", "the mayor", "the mayor", "said"),
    # X told Y ...: the addressee is not content
    ("Ahmad Abazeid told reporters the convoy had been shelled near the checkpoint.",
     "the convoy had been shelled near the checkpoint", "Ahmad Abazeid", "Ahmad Abazeid", "told"),
    # according to X, ...
    ("According to the ministry, six soldiers were killed in the attack.",
     "six soldiers were killed in the attack", "the ministry", "the ministry", "according to"),
    # X denied + object
    ("The governor denied the allegations of corruption against his office.",
     "the allegations of corruption against his office", "The governor", "The governor", "denied"),
    # X accused Y of ...
    ("The opposition accused the government of starving the besieged town.",
     "starving the besieged town", "opposition", "The opposition", "accused"),
    # X promised to ...
    ("The commander promised to withdraw his fighters from the city.",
     "to withdraw his fighters from the city", "The commander", "The commander", "promised"),
    # X called for ...
    ("Residents called for an independent investigation into the shelling.",
     "an independent investigation into the shelling", "Residents", "Residents", "called"),
    # X urged Y to ...
    ("The UN urged both sides to protect civilians.", "both sides to protect civilians", "UN", "UN", "urged"),
    # a reporting noun with a that-clause, the source the subject of the verb it is the object of
    ("The minister made the claim that the town was empty.",
     "the town was empty", "The minister", "The minister", "claim"),
    # a noun of attitude with its linking preposition
    ("The council voiced concerns about the safety of the water supply.",
     "the safety of the water supply", "The council", "The council", "concerns"),
    # a report by X found that ...: the report speaks for its author
    ("A report by Amnesty International found that the prison held thousands of detainees.",
     "the prison held thousands of detainees", "Amnesty International", "Amnesty International", "found"),
    # said in a statement that ...
    ("The army said in a statement that its forces had repelled the attack.",
     "its forces had repelled the attack", "army", "The army", "said"),
    # a decree with its linking preposition
    ("The court ruled against the government's decision to close the crossing.",
     "the government's decision to close the crossing", "The court", "The court", "ruled"),
    # evidence an artifact gives
    ("Polls show a close contest between the two candidates.",
     "a close contest between the two candidates", "Polls", "Polls", "show"),
    # a reporting noun's to-infinitive; a possessive pronoun gives way to the subject of the verb
    ("The governor laid out his plan to rebuild the damaged hospital.",
     "to rebuild the damaged hospital", "The governor", "The governor", "plan"),
    # the object, without the time and place of the report
    ("Officials endorsed the agreement on Monday in Geneva.", "the agreement", "Officials", "Officials", "endorsed"),
    # a cue before "however, that ..."
    ("The spokesman said, however, that the talks would continue.",
     "the talks would continue", "The spokesman", "The spokesman", "said"),
    # an aside inside the content is the source's: only a trailing one is cut
    ("He is hoping that states, led by West Virginia, will allow utilities to pass the costs on.",
     "states, led by West Virginia, will allow utilities to pass the costs on", "He", "He", "hoping"),
    # the that-clause the parser hangs on the addressee ("told a meeting of X that A")
    ("In Honolulu last week, he told a meeting of island leaders that few people understood the stakes.",
     "few people understood the stakes", "he", "he", "told"),
    # a phrasal cue with its clause
    ("The campaign has pointed out that the tax breaks allowed him to rebound.",
     "the tax breaks allowed him to rebound", "The campaign", "The campaign", "pointed"),
    # a passive cue: the agent is the source, the subject the content
    ("The registration issue was first reported by The Washington Post.",
     "The registration issue", "Washington Post", "Washington Post", "reported"),
    # a share of respondents speaks
    ("Twelve percent indicated that they were not sure.",
     "they were not sure", "Twelve percent", "Twelve percent", "indicated"),
    # "A, as X pointed out, B": the cue in an as-clause set off by commas; a one-word side is no content.
    ("Hawaii, as one of the president's advisers pointed out, rarely gets two hurricanes in a row.",
     "rarely gets two hurricanes in a row", "one", "one", "pointed"),
    # scene setting side of a parenthetical is not content
    ("In Syria, the spokesman said, the coalition struck six targets.",
     "the coalition struck six targets", "the spokesman", "the spokesman", "said"),
    # No nested attributions: the claim inside what residents rejected is not a second row.
    ("Residents rejected the minister's claim that the town was empty.",
     "the minister's claim that the town was empty", "Residents", "Residents", "rejected"),
    # gerund cue speaks for the clause subject
    ("But the council is steering clear of criticizing the governor for the delay.",
     "the delay", "the council", "the council", "criticizing"),
    # judgement verb object
    ("The opposition mocked the ceasefire proposal as a public relations stunt.",
     "the ceasefire proposal as a public relations stunt", "opposition", "The opposition", "mocked"),
    # Only the complementiser "that" is cut from a content, not the determiner ("rejected that argument").
    ("The judge rejected that argument in a ruling released Thursday.",
     "that argument", "The judge", "The judge", "rejected"),
    # spoke on condition of anonymity is no content
    ("An official, who spoke on condition of anonymity, said the talks had failed.",
     "the talks had failed", "official", "An official", "said"),
    # Support for a thing named in one word: "The union endorsed Clinton".
    ("The union endorsed Clinton.", "Clinton", "The union", "The union", "endorsed"),
]


@pytest.mark.parametrize("text,content,speaker,mention,cue", CASES)
def test_indirect_constructions(nlp, text, content, speaker, mention, cue):
    one(nlp, text, content, speaker, mention, cue)


@pytest.mark.parametrize("text,content", [
    # a non-restrictive relative clause, an apposition, a concessive clause: the author's aside
    ("The spokesman said the town was calm, which surprised the residents.", "the town was calm"),
    ("The monitor said the offensive began on Monday, the third in a month.", "the offensive began on Monday"),
    ("Rebels said that they had captured the village, although the army denied it.",
     "they had captured the village"),
])
def test_trailing_aside_is_not_content(nlp, text, content):
    q = quotes(nlp, text)[0]
    assert q["text"] == content and q["kind"] == "indirect"


def test_mixed_report_keeps_its_marked_fragment(nlp):
    text = "The mayor said that the bridge was “completely unsafe” for trucks."
    one(nlp, text, "the bridge was “completely unsafe” for trucks", "The mayor", "The mayor", "said", kind="mixed")


def test_parenthetical_cue_splits_the_content(nlp):
    text = "The talks, the spokesman said, would continue next week."
    qs = quotes(nlp, text)
    assert [q["text"] for q in qs] == ["The talks", "would continue next week"]
    assert {(q["speaker_start_char"], q["cue"]) for q in qs} == {(text.index("the spokesman"), "said")}


@pytest.mark.parametrize("text, content, cue", [
    ("The mayor did not say that the bridge would reopen next month.",
     "the bridge would reopen next month", "did not say"),
    ("The mayor never claimed that the bridge would reopen next month.",
     "the bridge would reopen next month", "never claimed"),
    ("The mayor would argue that the bridge should reopen next month.",
     "the bridge should reopen next month", "would argue"),
    ("The mayor refused to reopen the bridge next month.", "to reopen the bridge next month", "refused"),
])
def test_negated_and_modal_reports_keep_their_verb_group(nlp, text, content, cue):
    """PolNeAR: a negated attribution still counts, and negation and modals belong to the cue's verb group."""
    one(nlp, text, content, "The mayor", "The mayor", cue)


@pytest.mark.parametrize("text", [
    "The mayor did not mention a new bridge in the town.",  # negated, an object: no proposition
    "The mayor didn't know what the noise was.",  # negated, an indirect question
    "If the mayor says that the bridge is safe, residents will return.",  # hypothetical
    "Did the mayor say that the bridge would reopen next month?",  # a question
    "The mayor said on Tuesday.",  # no propositional content
])
def test_not_attributions(nlp, text):
    assert quotes(nlp, text) == []


def test_asserts_on_one_sentence(nlp):
    """The filter alone, on the cue token: negation (unless allowed), a modal (allowed), a condition, a
    question."""
    ex = next(p for _, p in nlp.pipeline if isinstance(p, QuoteExtractor))
    ind: IndirectSpeech = ex.cues.indirect

    def cue(text, word):
        d = nlp.make_doc(text)
        for _, p in nlp.pipeline:
            if isinstance(p, QuoteExtractor):
                break
            d = p(d)
        return next(t for t in d if t.lower_ == word)

    assert ind.asserts(cue("Officials said the road was open.", "said"))
    assert not ind.asserts(cue("Officials did not say the road was open.", "say"))
    assert ind.asserts(cue("Officials did not say the road was open.", "say"), negation=True)
    assert ind.asserts(cue("Officials might say the road was open.", "say"))
    assert not ind.asserts(cue("If officials say the road is open, we go.", "say"))
    assert not ind.asserts(cue("Did officials say the road was open?", "say"))
    assert ind.asserts(cue("Officials asked whether the road was open?", "asked"))


def test_perception_is_no_cue(nlp):
    """Seeing or hearing is witnessing, not a statement: 'I saw bodies torn to bits' gives no row."""
    assert quotes(nlp, "Afterwards I saw bodies torn to bits on the road.") == []
    assert quotes(nlp, "Later I heard the army had left the town.") == []


def test_complement_keeps_its_subject(nlp):
    """A complement clause includes its subject, even when the parser makes the subject the cue's object."""
    text = "Spokeswoman Laurence Mortier denied the countrys air force was active in the area at the time."
    one(nlp, text, "the countrys air force was active in the area at the time", "Laurence Mortier",
        "Laurence Mortier", "denied")


def test_header_run_into_sentence_is_not_content(nlp):
    """A cue takes one complement: the finite clause after it, not a header the parser hangs before it."""
    text = ("- Troops kill 10 children - Meanwhile the Observatory said 10 children and 13 rebels were among "
            "48 people executed.")
    one(nlp, text, "10 children and 13 rebels were among 48 people executed", "the Observatory", "the Observatory",
        "said")


def test_support_by_means_is_an_action(nlp):
    """'supporting X by providing Y' names an action, not an attitude: no row."""
    assert quotes(nlp, "The Coalition is supporting the SDF by providing air and advise and assist support.") == []


def test_learning_is_no_cue(nlp):
    """Coming to know is not stating: 'police learned that A' ascribes nothing to the police."""
    assert quotes(nlp, "Local police officers learned that one of the bombers used a hand grenade.") == []


def test_withholding_with_a_dative_is_no_attitude(nlp):
    """'deny X a safe haven' is refusing to give a thing (a dative object), not denying a statement."""
    assert quotes(nlp, "The coalition will deny ISIL a safe haven to plot attacks against the West.") == []


def test_authors_own_performative_is_no_attribution(nlp):
    """'We condemn A' outside quotation marks is the text's own act; 'I think A' stays the author's belief."""
    assert quotes(nlp, "We condemn the terrorist attacks this weekend in Baghdad and Najaf.") == []
    assert [q["cue"] for q in quotes(nlp, "We think the attacks were planned in advance.")] == ["think"]


def test_attack_noun_is_a_strike_not_a_report(nlp):
    """'a mortar attack on the Opera House' names a physical act: its object is no reported content."""
    assert quotes(nlp, "The rebels launched a mortar attack on the Damascus Opera House.") == []


def test_headline_label_is_a_source(nlp):
    """"NAME: content" opening a paragraph: the name (here a surname the article gives in full) speaks; the
    colon is the cue."""
    text = "Assad: The army will retake every inch of Syria\n\nPresident Bashar al-Assad spoke to reporters."
    q = quotes(nlp, text)[0]
    s = text.index("The army")
    assert (q["start_char"], q["end_char"], q["cue"], q["kind"]) == (s, s + 40, ":", "indirect")
    assert (q["speaker"], q["speaker_start_char"], q["speaker_end_char"]) == ("Bashar al-Assad", 0, 5)


def test_headline_label_poll_and_place(nlp):
    """A poll relays its findings; a place before the colon labels a section and speaks for nobody."""
    text = "Poll: Most voters back the ceasefire deal\n\nSyria: Dozens killed in Aleppo airstrikes"
    qs = quotes(nlp, text)
    assert [(q["text"], q["speaker"], q["cue"]) for q in qs] == [("Most voters back the ceasefire deal", "Poll", ":")]


@pytest.mark.parametrize("text,content,speaker,mention,cue", [
    # an adjective of attitude with its complement (PolNeAR: "Lowell was happy that ..." is an attribution)
    ("The minister is confident that the army will retake the city.", "the army will retake the city",
     "The minister", "The minister", "confident"),
    ("The governor was adamant that no troops would be sent.", "no troops would be sent", "The governor",
     "The governor", "adamant"),
    ("Some rebels were willing to negotiate with the government.", "to negotiate with the government",
     "rebels", "rebels", "willing"),
    ("The residents are convinced that the army shelled the market.", "the army shelled the market",
     "residents", "residents", "convinced"),
])
def test_attitude_adjectives(nlp, text, content, speaker, mention, cue):
    one(nlp, text, content, speaker, mention, cue)


@pytest.mark.parametrize("text", [
    "Lowell was happy.",  # a description of the source, no complement
    "The rebels were not willing to negotiate.",  # negated
    "She made sure that the doors were locked.",  # "make" is no linking verb: an action
    "It is clear that the army will retake the city.",  # impersonal: nothing ascribed to a source
])
def test_attitude_adjectives_not_attributions(nlp, text):
    assert quotes(nlp, text) == []


def test_accused_of_then_saying_keeps_the_accuser(nlp):
    text = ("Iran's leader Ali Khamenei had repeatedly accused the US of backing the Takfiris saying that "
            "Washington is not honest in fighting ISIL.")
    qs = quotes(nlp, text)
    assert [(q["cue"], q["speaker"], q["text"]) for q in qs] == [
        ("accused", "Ali Khamenei", "backing the Takfiris"),
        ("saying", "Ali Khamenei", "Washington is not honest in fighting ISIL")]


def test_warned_to_is_a_directive(nlp):
    one(nlp, "The FBI warned state officials to boost their election security.",
        "state officials to boost their election security", "FBI", "FBI", "warned")


def test_pronoun_object_with_what_is_said_of_it(nlp):
    """A bare pronoun object names nothing ("denied it"); with what the cue says of it, it is content."""
    one(nlp, "The senator compared him to a dictator.", "him to a dictator", "The senator", "The senator",
        "compared")
    assert quotes(nlp, "The minister denied it.") == []


def test_agent_noun_can_speak(nlp):
    """A noun of agent not listed as a source ("speechwriters") holds the attitude of a non-saying cue."""
    text = "Two speechwriters implored her to bring the attack line back."
    one(nlp, text, "her to bring the attack line back", "Two speechwriters", "Two speechwriters",
        "implored")


def test_one_proper_noun_without_a_label_is_a_content(nlp):
    one(nlp, "Mr. Schultz generally supported Democrats.", "Democrats", "Schultz", "Schultz", "supported")


def test_relative_pronoun_out_of_the_complement(nlp):
    """"X, which he said were Y": the content is the clause after the cue (the cue and source stay out)."""
    text = "He criticised the donations, which he said were accompanied by return favors."
    qs = {q["cue"]: q for q in quotes(nlp, text)}
    assert qs["said"]["text"] == "were accompanied by return favors" and qs["said"]["speaker"] == "he"


@pytest.mark.parametrize("text,content,speaker,cue", [
    # nouns of intention and attitude with their infinitive or linking preposition; the possessor speaks
    ("His refusal to hand over the records angered the council.", "to hand over the records", "His", "refusal"),
    ("Her disdain for the nominee was obvious.", "the nominee", "Her", "disdain"),
    ("The senator's determination to act alone worried his allies.", "to act alone", "The senator", "determination"),
])
def test_nouns_of_intention_and_attitude(nlp, text, content, speaker, cue):
    one(nlp, text, content, speaker, speaker, cue)


def test_free_relative_pronoun_agrees_in_number(nlp):
    """"what he called “…”": "he" stands for the nearest subject above that is not a plural noun."""
    text = "The general urged his soldiers to ignore what he called “enemy lies.”"
    qs = quotes(nlp, text)
    # the outer report, whose content holds the quote and its cue, has its own row (test_direct_quote_nested_...)
    assert [(q["text"], q["cue"], q["speaker_start_char"], q["speaker_end_char"]) for q in qs] == \
        [("his soldiers to ignore what he called “enemy lies.", "urged", 0, len("The general")),
         ("enemy lies.", "called", 0, len("The general"))]


def test_marks_before_an_adverbial_cue_with_its_own_clause(nlp):
    """“…” when he said that A: the marks belong to the outer report, the later cue reports its own clause."""
    text = "The envoy said the truce was “holding firm” when he said on Monday that the talks would resume."
    qs = quotes(nlp, text)
    assert [(q["text"], q["kind"], q["speaker_start_char"]) for q in qs] == \
        [("holding firm", "direct", 0), ("the talks would resume", "indirect", text.index("he said"))]


@pytest.mark.parametrize("text, content, mention, cue", [
    ("The ministry issued a policy paper welcoming the decision to reopen the crossing.",
     "the decision to reopen the crossing", "The ministry", "welcoming"),
    ("Lawyers for the company filed papers opposing the release of the records.",
     "the release of the records", "Lawyers", "opposing"),
])
def test_participle_on_an_artifact_speaks_for_its_maker(nlp, text, content, mention, cue):
    """PolNeAR: the source is the sentient agent if one is available; the artifact belongs to the cue."""
    qs = quotes(nlp, text)
    s, m = text.index(content), text.index(mention)
    assert [(q["start_char"], q["end_char"], q["speaker_start_char"], q["speaker_end_char"], q["cue"]) for q in qs] \
        == [(s, s + len(content), m, m + len(mention), cue)]


def test_relative_pronoun_is_the_source_mention(nlp):
    """PolNeAR "Relative pronouns": "X, which denied A": the source span is "which" alone (no coreference in the
    span); the speaker's name is still X's."""
    text = "The inquiry named Barclays, which has strongly denied any role in the scandal."
    qs = quotes(nlp, text)
    m = text.index("which")
    assert [(q["text"], q["cue"], q["speaker"], q["speaker_start_char"], q["speaker_end_char"]) for q in qs] == \
        [("any role in the scandal", "denied", "Barclays", m, m + len("which"))]



def test_free_relative_with_the_same_pronoun_outside(nlp):
    """"It is denouncing what it calls “…”": the outer subject, the same pronoun, is the source of the outer
    attribution the free relative is the content of (the nested one is not annotated)."""
    text = "The union is defending its strike. It is denouncing what it calls “a campaign of lies.”"
    q = [q for q in quotes(nlp, text) if q["kind"] == "direct"]
    m = text.index("It is")
    assert [(q["text"], q["speaker_start_char"], q["speaker_end_char"]) for q in q] == \
        [("a campaign of lies.", m, m + 2)]


def test_artifact_in_a_series_speaks_for_its_maker(nlp):
    """"X unleashed a series of tweets criticizing A": the tweets are X's artifact through "a series of"."""
    text = "The minister unleashed a series of tweets criticizing the central bank."
    assert [(q["text"], q["cue"], q["speaker_start_char"], q["speaker_end_char"]) for q in quotes(nlp, text)] == \
        [("the central bank", "criticizing", 0, len("The minister"))]


@pytest.mark.parametrize("text, content, mention, cue", [
    ("He claimed vast wealth.", "vast wealth", "He", "claimed"),
    ("The senator stressed her support of the raid.", "her support of the raid", "The senator", "stressed"),
])
def test_a_person_saying_a_noun_object(nlp, text, content, mention, cue):
    """A verb of saying with a noun object and no clause: a person says that object (the content)."""
    s, m = text.index(content), text.index(mention)
    assert [(q["start_char"], q["end_char"], q["speaker_start_char"], q["speaker_end_char"], q["cue"])
            for q in quotes(nlp, text)] == [(s, s + len(content), m, m + len(mention), cue)]


@pytest.mark.parametrize("text", ["The newspaper reported the blast.", "They maintain a presence in the town."])
def test_a_body_reporting_an_event_is_no_quote(nlp, text):
    """An outlet or a body (or "they") with a noun object reports an event or does something: no quote row."""
    assert quotes(nlp, text) == []


@pytest.mark.parametrize("text, content, cue", [
    ("The minister admitted using the emergency fund.", "using the emergency fund", "admitted"),
    ("The envoy suggested reopening the border crossing.", "reopening the border crossing", "suggested"),
])
def test_gerund_complement_of_a_verb_of_saying(nlp, text, content, cue):
    """"admitted using A", "suggested reopening A": the gerund clause is the reported proposition."""
    s = text.index(content)
    assert [(q["start_char"], q["end_char"], q["speaker_start_char"], q["cue"]) for q in quotes(nlp, text)] == \
        [(s, s + len(content), 0, cue)]


def test_direct_quote_nested_in_a_report(nlp):
    """"X said Y was “right” when he said “…”": the quote's cue stands inside X's content, so X's report is kept
    (the guidelines annotate the outer attribution) and the nested quote keeps its own row."""
    text = ("The general said the minister was “absolutely right” when he said on Monday that "
            "“the army has been weakened.”")
    qs = quotes(nlp, text)
    assert [(q["kind"], q["start_char"], q["speaker_start_char"]) for q in qs] == \
        [("mixed", text.index("the minister"), 0), ("direct", text.index("the army"), text.index("he said"))]


def test_direct_quote_in_a_coordinated_clause_is_not_nested(nlp):
    """"She said A, and when pressed, X replied “…”": the reply is its own attribution, not inside her content."""
    text = ("She said fathers would not be eligible for the leave, and when pressed on why the plan leaves out dads, "
            "the mother of three replied, “It is meant to benefit mothers.”")
    assert [(q["kind"], q["text"]) for q in quotes(nlp, text)] == \
        [("indirect", "why the plan leaves out dads"), ("direct", "It is meant to benefit mothers.")]
