"""Step 2, event frames from the parse: cues grouped by sentence and by the clause they sit in; each clause that
reports an event (not irrealis, not background) becomes a mention typed by its most specific cue."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from ... import lexicon
from ...syntax import clause_head_ids, is_irrealis
from .model import Cue, DocContext, Frame, Mention, SentenceContext
from .places import chains, place_tokens
from .reported import aggregate, present_habit, why_not_reported

CLAUSE_DEPS = {"ROOT", "advcl", "ccomp", "relcl", "parataxis", "xcomp", "acl"}
MODALS = {"could", "would", "might", "may", "will", "shall", "should", "'ll", "wo", "ca", "must"}
IRREALIS_MARKS = frozenset(MODALS | {"if", "unless"})
EVENT_KINDS = ("event", "weapon", "casualty")  # the cue kinds that make a clause an event clause


def by_sentence(ctx: DocContext, cues: list[Cue], combo_sents: list[Span]) -> list[tuple[Span, list[Cue]]]:
    """The sentences holding a cue or typed by a combination, in order, each with its cues."""
    grouped: dict[int, list[Cue]] = {s.start: [] for s in combo_sents}
    sents = {s.start: s for s in combo_sents}
    for c in cues:
        s = ctx.ix.sentence_of(c.span.start)
        sents[s.start] = s
        grouped.setdefault(s.start, []).append(c)
    return [(sents[start], scues) for start, scues in sorted(grouped.items())]


def sentence_context(ctx: DocContext, sent: Span) -> SentenceContext:
    found = chains(ctx, sent)
    return SentenceContext(ctx, sent, found, place_tokens(ctx, sent, found), clause_head_ids(sent, CLAUSE_DEPS))


def is_headline(sent: Span) -> bool:
    """Is the article's first sentence its headline? Headline grammar reports a past event in the simple present or
    as a bare participle, without auxiliaries ('Suicide bomber kills 4 in Qardaha', 'Some 20 civilians killed in
    aid convoy attack'); a lead sentence reports it in the past tense ('A suicide bomber killed four people'). The
    page's time stamp before it ('Tuesday 4 Apr 2017', sitrep_paragraphs) is no sentence of the article."""
    if sent.start != 0 and not all(_stamp_word(t) for t in sent.doc[:sent.start]):
        return False
    if _title_line(sent) or _title_case(sent):
        return True
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or root.tag_ not in ("VBZ", "VBP", "VBN") or root.lower_ in SAME_FORM:
        return False  # 'Assailants set fire to homes': 'set' is past tense too
    # a lead run into the headline ('... kills two at the Opera House AFP Sunday A mortar attack killed two people')
    # brings its past tense or auxiliaries: then the sentence is also the lead
    return not any(t.tag_ == "VBD" or t.dep_ in ("aux", "auxpass") for t in sent)


TITLE_SHARE = 0.6  # most words capitalised: title case; a sentence capitalises its first word and its names


def _title_case(sent: Span) -> bool:
    """A title in title case, whatever its parse ('02-09-2013 Syrian Army Kills 40 al-Nusra Front Members in
    Damascus Ambush'): title case capitalises the content words, a sentence only its first word and its names; the
    tagger reads such a title's verb as a name, so its grammar cannot be read."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]  # function words stay lower in title case
    return len(words) >= 4 and sum(t.is_title or t.is_upper for t in words) >= TITLE_SHARE * len(words) \
        and not any(t.tag_ == "VBD" for t in sent)


def _stamp_word(t) -> bool:
    return t.is_space or t.is_punct or t.like_num or t.ent_type_ == "DATE" or _calendar(t)


def _calendar(t) -> bool:
    """A month or weekday word or its abbreviation ('Jul', 'Sat.'): models/common.json `calendar`."""
    low = t.lower_.rstrip(".")
    return low in _calendar_words() or len(low) == 3 and any(w.startswith(low) for w in _calendar_words())


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return lexicon.words("calendar")


def _title_line(sent: Span) -> bool:
    """A title line, whatever its grammar ('2 medics among 31 dead in Syria army reprisal'): no final mark, and the
    page's byline and time stamp follow it ('AFP Saturday 2 Jul 2016', its own sentence by sitrep_paragraphs)."""
    doc = sent.doc
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text in FINAL_MARKS or sent.end >= len(doc):
        return False
    nxt = doc[sent.end].sent
    dated = any(t.ent_type_ == "DATE" or _calendar(t) for t in nxt)
    return dated and all(_stamp_word(t) or t.lower_ in _agencies() for t in nxt)


FINAL_MARKS = frozenset({".", "!", "?", '"', "'", "\u201d"})


@lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.load("boilerplate.json")["agencies"])


# verbs whose past tense is their present form: a tagger's VBP on them says nothing about headline grammar
SAME_FORM = frozenset({"bet", "bid", "broadcast", "burst", "cast", "cost", "cut", "hit", "hurt", "let", "put", "quit",
                       "set", "shed", "shut", "split", "spread", "thrust", "upset"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def definite(tok) -> bool:
    """A definite event noun ('the bombardment', "Monday's raid", 'its attack') names an event the reader knows:
    one reported before, not a new one."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE
                                      for c in tok.children)


def irrealis(ctx: DocContext, tok) -> bool:
    """Negated, modal or hypothetical ('threatened to attack'). A quote is not irrealis by itself: monitors and
    officials report casualties in direct speech ("25 people were killed on Tuesday," the Observatory said)."""
    return is_irrealis(tok, IRREALIS_MARKS, ctx.lex.hypothetical)


def unreported(sc: SentenceContext, tok, casualty: bool = False) -> bool:
    """Is the event word `tok` irrealis or no reported event (reported.py), or in a simple-present clause after a
    past tense (`present_habit`, `_past_before`)?"""
    lex = sc.ctx.lex
    return irrealis(sc.ctx, tok) or why_not_reported(lex.reported, tok, sc.heads[tok.i],
                                                     sc.ctx.cue_toks, casualty) is not None \
        or present_habit(tok, sc.sent.doc[sc.heads[tok.i]], lex.reporting, SAME_FORM, sc.ctx.cue_toks) \
        and _past_before(sc.sent, min(tok.i, sc.heads[tok.i]))


def _past_before(sent: Span, i: int) -> bool:
    """Has the sentence reported in a past tense or with an auxiliary before token `i` (the event word or the head
    of its clause, whichever comes first: 'He added,
    "al-Qaida remains committed to ..."')? Then its simple present is a habit or a state. A sentence in headline
    grammar (no past tense, no auxiliary: 'Mob lynches Muslim man accused of cow smuggling') is a headline wherever
    it stands (snippets and page copy run headlines into the text, before the story), its present the event's."""
    return any(t.tag_ == "VBD" or t.dep_ in ("aux", "auxpass") and t.tag_ != "TO" for t in sent.doc[sent.start:i])


def sentence_unreported(sc: SentenceContext, scues: list[Cue]) -> bool:
    """A sentence a keyword combination would type: is its main clause, or one of its event words, no reported
    event?"""
    return unreported(sc, sc.sent.root) or _magnitude_toll(sc, sc.sent.root, scues) or any(
        c.kind in EVENT_KINDS and unreported(sc, c.root, c.kind == "casualty") for c in scues)


def _pick(real: list[Cue], casualty: list[Cue], h: int) -> tuple[Cue, Cue | None]:
    """The cue that types the clause: a specific event cue that heads it, else the highest priority (first on a
    tie); and the cue at the clause head, if any."""
    head_cue = next((c for c in real if c.span.start <= h < c.span.end), None)
    if head_cue and head_cue.kind == "event" and not head_cue.group.get("generic"):
        return head_cue, head_cue
    if head_cue and head_cue.group.get("generic"):
        # "Monday's raid destroyed 18 vehicles": a generic predicate whose subject is an event word reports what
        # that event did; the subject types the clause (ACLED: destruction during an attack is that attack). Not
        # a weapon subject ('missiles were fired in an attack by jets': the means, typed by the clause's cues)
        subj = [c for c in real if c is not head_cue and c.kind == "event" and c.root.dep_ == "nsubj"
                and c.root.head.i == h and not c.group.get("generic")]
        if subj:
            return subj[0], head_cue
    return max(real or casualty, key=lambda c: (c.group["priority"], -c.span.start)), head_cue


def _own_words(head, ctoks: list) -> list:
    """The words that say whether a clause whose predicate is the event word is background: its own, and its
    subject's whole phrase ('the civil war which began in 2011 has killed 280,000': a subject described as the
    background makes a running total)."""
    subj = [t for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    return sorted({t.i: t for t in ctoks + subj}.values(), key=lambda t: t.i)


def _develops(c: Cue) -> bool:
    """A lasting condition (a `state` group of the lexicon: siege, blockade, curfew) is an event only as what a
    predicate does: a verb of its own clause ('troops besieged the town') or the object of one ('broke the
    blockade', 're-imposing the siege'); 'the besieged towns', 'under siege', 'the siege started' name the
    condition (ACLED Codebook 2023, Strategic developments > Other)."""
    if not c.group.get("state"):
        return True
    r = c.root
    return r.pos_ in ("VERB", "AUX") and r.dep_ not in ("amod", "acl") or r.pos_ == "NOUN" and r.dep_ == "dobj"


def _frame(sc: SentenceContext, h: int, ccues: list[Cue], anaphor: bool) -> Frame | None:
    real = [c for c in ccues if c.kind in ("event", "weapon") and _develops(c)]
    casualty = [c for c in ccues if c.kind == "casualty"]
    if not real and not casualty:
        return None
    pick, head_cue = _pick(real, casualty, h)
    doc, sent = sc.sent.doc, sc.sent
    if unreported(sc, pick.root, pick.kind == "casualty"):
        return None
    heads = sc.heads
    ctoks = [doc[i] for i in range(sent.start, sent.end) if heads[i] == h]
    if _magnitude_toll(sc, doc[h], ccues):
        return None
    words = _own_words(doc[h], ctoks) if pick.span.start <= h < pick.span.end else ctoks
    if sc.ctx.lex.background.search(" ".join(t.text for t in words).lower()) is not None:
        return None  # its own words, not a nested clause's
    trig = doc[h] if head_cue is pick else pick.root
    m = Mention(sub=pick.group["sub"], sent=sent, start_char=min(t.idx for t in ctoks),
                end_char=max(t.idx + len(t) for t in ctoks), trigger=trig, cues=ccues,
                casualty_only=not real, anaphoric=anaphor, weapon=pick.kind == "weapon",
                blast=bool(pick.group.get("effect")),
                generic=bool(pick.group.get("generic") or pick.group.get("effect")) or pick.kind == "casualty",
                definite=definite(pick.root), priority=pick.group["priority"],
                aggregate=aggregate(sc.ctx.lex.reported, doc[h]))
    return Frame(m, pick, ctoks)


def clause_frames(sc: SentenceContext, scues: list[Cue]) -> list[Frame]:
    """One frame per clause of the sentence that reports an event, in the order of its first cue. In a sentence
    whose toll is a running total ('coalition strikes targeting IS-held areas have killed 649 civilians since
    September 2014'), an event noun is what the total sums, wherever the parse hangs it (ACLED Codebook 2023:
    cumulative totals are not events); an event verb reports an act of its own."""
    clauses: dict[int, list[Cue]] = {}
    for c in scues:
        clauses.setdefault(sc.heads[c.root.i], []).append(c)
    anaphor = any(c.kind == "anaphor" for c in scues)
    frames = [f for f in (_frame(sc, h, ccues, anaphor) for h, ccues in clauses.items()) if f is not None]
    if frames and _running_total(sc, scues):
        frames = [f for f in frames if f.mention.trigger.pos_ in ("VERB", "AUX")]
    return frames


def _magnitude_toll(sc: SentenceContext, head, cues: list[Cue]) -> bool:
    """Is the clause's toll only an order of magnitude ('US-led coalition strikes have also claimed hundreds of
    civilian lives in parts of Syria', 'Air raids kill thousands'), in a sentence without a date? An overview of
    many events, not the count of one (ACLED codes a specific figure; models/event_types.json magnitude_words)."""
    lex = sc.ctx.lex
    if head.lower_ not in lex.claim and not any(c.kind == "casualty" and c.span.start <= head.i < c.span.end
                                                for c in cues):
        return False  # a toll's verb; 'hundreds of protesters rallied' counts a crowd, not victims
    if not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in lex.reported.magnitudes for c in head.children):
        return False
    s0, s1 = sc.sent.start_char, sc.sent.end_char
    return not any(s0 <= d.start < s1 for d in sc.ctx.date_mentions)


def _running_total(sc: SentenceContext, scues: list[Cue]) -> bool:
    """Is a casualty word of the sentence a running total or a period's toll (reported.py)?"""
    return any(c.kind == "casualty" and why_not_reported(sc.ctx.lex.reported, c.root, sc.heads[c.root.i],
                                                         sc.ctx.cue_toks, True) == "running total or period"
               for c in scues)
