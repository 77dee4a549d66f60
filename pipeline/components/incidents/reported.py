"""Step 2b, is the clause a reported event? ACLED codes an event only when a source reports that it happened: "a
single, specific occurrence at a given place on a given day" (ACLED Codebook 2023, section 1 "Events"; sections
on event dates and on what is not coded: running totals, trends and background are not events). A clause is read
as no reported event when its parse says so:

- a running total or a span of time: the predicate has a `since` phrase or clause ("the war has killed 500,000
  since 2011") or a period (for / over / in the past N years: "313 died in the past year");
- background: the event sits inside a `since` phrase or clause ("since the regime retook the province in 2018");
- negated: 'no planes', 'neither fired', 'none were hurt' (negation by a determiner or subject, besides `not`);
- uncertain or merely intended: a `whether` clause, a hypothetical governing word read by its lemma ('calling
  on X to strike', 'threatening to attack'), a hypothetical modifier ('a planned truce', 'a proposed ceasefire');
- a description of a side, not an occurrence: a present participle modifying a noun ('a coalition fighting IS',
  'armed groups fighting in Syria's civil war').
Each word list is data in models/event_types.json (`reported_event`)."""
from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from ... import docindex
from ...text import SUBJECT_DEPS

VOWELS = frozenset("aeiou")


def inflections(lemma: str) -> set[str]:
    """A verb's regular forms ('plan': plans, planned, planning; 'vow': vows, vowed, vowing; 'urge': urges,
    urged, urging): the pipeline runs no lemmatizer (excluded for speed), so lemmas are matched by their forms."""
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}  # deny: denies, denied
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}  # urge: urged, urging
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if sum(ch in VOWELS for ch in lemma) == 1 and lemma[-1] not in VOWELS | {"w", "y", "x"} \
            and lemma[-2] in VOWELS:
        forms = {lemma, lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # plan: planned
    return forms


class ReportedCues:
    """The word lists of models/event_types.json `reported_event`, compiled once per lexicon."""

    def __init__(self, data: dict):
        self.cumulative = frozenset(data["cumulative_preps"])
        self.recent = frozenset(data["recent_starts"])
        self.period_preps = frozenset(data["period_preps"])
        self.period_units = frozenset(data["period_units"])
        self.aggregate_units = frozenset(data.get("aggregate_units", ()))
        self.magnitudes = frozenset(data.get("magnitude_words", ()))
        self.period_mods = frozenset(data["period_mods"])
        self.negative = frozenset(data["negative_words"])
        self.uncertain = frozenset(data["uncertain_marks"])
        self.hypothetical = frozenset(f for w in data["hypothetical_lemmas"] for f in inflections(w))
        self.hypothetical_mods = frozenset(data["hypothetical_modifiers"])
        self.habitual = frozenset(data.get("habitual_marks", ()))
        self.habitual_heads = frozenset(f for w in data.get("habitual_heads", ()) for f in inflections(w))
        # every test below needs one of these words in the trigger's parse tree (`_quiet_tree`)
        self.any_word = self.cumulative | self.period_units | self.negative | self.uncertain | self.hypothetical \
            | self.hypothetical_mods | self.habitual | self.habitual_heads
        self._doc: list = [None, frozenset(), []]  # the Doc last seen, the roots of its trees with such a word

    def quiet_tree(self, trigger: Token) -> bool:
        """No word any test reads is in the parse tree of `trigger`: it can only 'describe a thing'. One pass per
        Doc over the parse arrays (the tree roots of the tokens with such a word), so the ancestor walk is skipped
        for most triggers."""
        doc = trigger.doc
        if self._doc[0] is not doc:
            p = docindex.index(doc).parse
            self._doc = [doc, frozenset(_root(p.heads, i) for i, w in enumerate(p.lower) if w in self.any_word),
                         p.heads]
        return _root(self._doc[2], trigger.i) not in self._doc[1]


def _root(heads: list[int], i: int) -> int:
    """The root of the tree token `i` is in (`heads`: `ParseArrays.heads`)."""
    for _ in range(len(heads)):
        if heads[i] == i:
            break
        i = heads[i]
    return i


def _recent_start(cues: ReportedCues, prep: Token) -> bool:
    """'since Tuesday', 'since dawn': an event going on since a recent moment is still today's event."""
    return any(t.lower_ in cues.recent for t in prep.subtree)


def _compared(cues: ReportedCues, x: Token) -> bool:
    """'rallied in the largest protest since 2019', 'the first explosion to hit the town since 2011': a superlative
    or an ordinal outside the `since` phrase compares one event with those since; it is no running total."""
    scope = [x.head] if x.dep_ in ("acl", "relcl") else [x]
    since = {t.i for c in x.children if c.lower_ in cues.cumulative or any(
        m.lower_ in cues.cumulative for m in c.children if m.dep_ == "mark") for t in c.subtree}
    return any(t.dep_ == "amod" and (t.tag_ == "JJS" or t.ent_type_ == "ORDINAL") and t.i not in since
               for n in scope for t in n.subtree)


def _since_child(cues: ReportedCues, x: Token) -> bool:
    """Has `x` a `since` phrase or clause of its own ('killed thousands since 2011', '... since Moscow
    intervened')?"""
    for c in x.children:
        if c.dep_ == "prep" and c.lower_ in cues.cumulative and not _recent_start(cues, c) or \
                c.dep_ in ("advcl", "relcl") and any(m.dep_ == "mark" and m.lower_ in cues.cumulative
                                                     for m in c.children):
            return not _compared(cues, x)  # the comparison walks the clause: only when a since phrase is there
    return False


def _coordinated(x: Token) -> list[Token]:
    """`x` and the verbs conjoined to it: a trailing phrase ('... and displaced millions since 2011') scopes over
    the coordination."""
    return [x] + [c for c in x.conjuncts if c.pos_ in ("VERB", "AUX")] if x.pos_ in ("VERB", "AUX") else [x]


def _inside_since(cues: ReportedCues, x: Token) -> bool:
    """Is `x` the predicate of a `since` clause or the object of a `since` phrase?"""
    if any(m.dep_ == "mark" and m.lower_ in cues.cumulative for m in x.children):
        return True
    return x.dep_ == "pobj" and x.head.lower_ in cues.cumulative


def _period(cues: ReportedCues, x: Token, units: Collection[str] | None = None) -> bool:
    """A span of time attached to `x`: 'for two years', 'in the past year', 'over the last months' (`units`: the
    period words, by default `period_units`)."""
    units = cues.period_units if units is None else units
    for c in x.children:
        if c.dep_ != "prep" or c.lower_ not in cues.period_preps:
            continue
        o = next((p for p in c.children if p.dep_ == "pobj"), None)
        if o is None or o.lower_ not in units:
            continue
        mods = {t.lower_ for t in o.children}
        many = o.tag_ == "NNS" or any(t.like_num for t in o.children)
        if many or mods & cues.period_mods:
            return True
    return False


def aggregate(cues: ReportedCues, clause_head: Token) -> bool:
    """Does the clause report a span of several days or weeks ('air strikes have killed nearly 50 people over the
    past two days')? ACLED codes one event per day (Codebook 2023, 'Events'), so its toll sums the days' events:
    merge.py keeps it only when the article reports none of them."""
    return bool(cues.aggregate_units) and any(_period(cues, v, cues.aggregate_units)
                                              for v in _coordinated(clause_head))


def _negative(cues: ReportedCues, x: Token) -> bool:
    """'(there were) no planes', 'neither fired': negation of the event word by a determiner, or of its predicate
    by a negative subject."""
    for c in x.children:
        if c.dep_ in ("det", "preconj") and c.lower_ in cues.negative:
            return True
        if c.dep_ in SUBJECT_DEPS and (c.lower_ in cues.negative or any(
                d.dep_ in ("det", "preconj") and d.lower_ in cues.negative for d in c.children)):
            return True  # 'neither fired', 'neither side fired', 'no rockets hit the town'
    return False


def _hypothetical(cues: ReportedCues, x: Token, trigger: Token) -> bool:
    if x is not trigger and x.lower_ in cues.hypothetical:
        return True
    if any(c.dep_ == "mark" and c.lower_ in cues.uncertain for c in x.children):
        return True
    return any(c.dep_ in ("amod", "compound") and c.lower_ in cues.hypothetical_mods for c in x.children)


HABITUAL_DEPS = frozenset({"advmod", "amod", "acomp", "npadvmod"})


def _habitual(cues: ReportedCues, x: Token) -> bool:
    """Habitual or iterative aspect: 'has been repeatedly violated', 'occasional bomb blasts', 'the shelling is
    daily', 'warplanes kept pounding': a pattern, not a single occurrence (ACLED Codebook 2023, 'Events')."""
    if any(c.dep_ in HABITUAL_DEPS and c.lower_ in cues.habitual for c in x.children):
        return True
    if x.lower_ in cues.habitual_heads:  # the predicate is 'keep' + a gerund, however the gerund is attached
        return x.i + 1 < len(x.doc) and x.doc[x.i + 1].tag_ == "VBG"
    return x.tag_ == "VBG" and x.dep_ == "xcomp" and x.head.lower_ in cues.habitual_heads


def _describes(x: Token, cue_toks: Collection[int]) -> bool:
    """An event word describing a thing, not an occurrence: a present participle modifying a noun ('a coalition
    fighting IS') describes that side; a participle modifying a noun that is no event word ('a fighting
    position') names a kind of thing."""
    if x.tag_ == "VBG" and x.dep_ == "acl":  # not a gerund read as a noun ('government shelling of a town')
        return not any(c.dep_ in ("det", "poss", "amod", "compound") for c in x.lefts) and \
            not any(c.dep_ == "prep" and c.lower_ == "of" for c in x.rights)
    gerund = x.tag_ == "VBG" or x.tag_ == "NN" and x.lower_.endswith("ing")  # 'fighting' read as a noun too
    return gerund and x.dep_ in ("compound", "amod") and x.head.pos_ == "NOUN" \
        and x.head.i not in cue_toks and x.head.i > x.i


PRESENT_SIMPLE = frozenset({"VBZ", "VBP"})
OBJECT_DEPS = frozenset({"dobj", "attr", "ccomp", "oprd"})


def present_habit(trigger: Token, clause_head: Token, reporting: Collection[str], same_form: Collection[str],
                  cue_toks: Collection[int] = ()) -> bool:
    """Is the event word's clause in the simple present ('Air raids kill thousands' as a subheading, 'al-Qaida
    remains committed to carrying out attacks', 'SDF forces continue to liberate territory')? News reports an
    occurrence in a past or a perfect or progressive tense; outside the headline the simple present states a
    habit, a disposition or a general truth of the side that acts, not "a single, specific occurrence" (ACLED
    Codebook 2023, 'Events'), and a subheading's event is the one its section reports. A verb complement
    ('continue to liberate') takes the tense of the verb it completes. Not a verb of reporting or perceiving whose
    object is the event ('the monitor reports clashes'), nor a verb whose past is its present form ('rockets hit
    the town': `same_form`). The caller (frames.unreported) asks for a past tense before it in the sentence."""
    v = clause_head
    while v.dep_ == "xcomp" and v.head.i != v.i:
        v = v.head
    if v.tag_ not in PRESENT_SIMPLE or v.pos_ != "VERB" or v.lower_ in reporting or v.lower_ in same_form:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return False  # 'does not attack', 'do fight': emphasis or negation, read elsewhere
    if v.i in cue_toks and not any(c.dep_ == "dobj" for c in v.children) and any(
            c.dep_ in SUBJECT_DEPS and c.i in cue_toks for c in v.children):
        return False  # event nouns in a row, the last read as a verb ('Tags ... coalition air raids strikes')
    # the event word as the subject is talked about ('the alleged rapes have no factual grounds', 'the attack remains
    # the deadliest'): a present property of an event presupposes it; the object of a verb of perceiving or
    # reporting is the event seen or reported
    return not (trigger.head.i == v.i and trigger.dep_ in OBJECT_DEPS | SUBJECT_DEPS)


def why_not_reported(cues: ReportedCues, trigger: Token, clause_head: int,
                     cue_toks: Collection[int] = (), casualty: bool = False) -> str | None:
    """Why the event word `trigger` (in the clause headed by token `clause_head`) is no reported event, or None. A
    conjoined verb shares the frame of the verb it is conjoined to ('has killed ... and displaced millions since
    2011'). `cue_toks`: the tokens inside event cues; `casualty`: the trigger is a casualty word."""
    if cues.quiet_tree(trigger):
        return "describes a thing" if _describes(trigger, cue_toks) else None
    x, in_clause = trigger, True
    for _ in range(16):
        if in_clause and any(_since_child(cues, v) or _period(cues, v) for v in _coordinated(x)):
            return "running total or period"
        if _inside_since(cues, x):
            return "background (since)"
        if in_clause and not casualty and _negative(cues, x):
            return "negated"  # 'no casualties' is a toll of zero, not a denial of the event
        if _hypothetical(cues, x, trigger):
            return "hypothetical"
        if in_clause and _habitual(cues, x) or x is trigger and any(
                c.dep_ == "relcl" and _habitual(cues, c) for c in x.children):
            return "habitual"  # also a relative clause on the event word ('gunfire which usually happens')
        if x is trigger and _describes(x, cue_toks):
            return "describes a thing"
        if x.i == clause_head:
            if x.dep_ == "conj" and x.head.i != x.i:
                clause_head = x.head.i
            else:
                in_clause = False
        if x.head.i == x.i:  # a root is its own head (a new Token object on each access: never `is`)
            break
        x = x.head
    return None
