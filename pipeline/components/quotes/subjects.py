"""The speaker token of a cue, from the parse: its subject ("X said"), the object of "according to", a passive
agent, the controller of an infinitive; and, when the parse gives none, the name or pronoun next to the cue."""
from __future__ import annotations

from spacy.tokens import Token

from ...schema import LABEL_TYPE
from ...text import SUBJECT_DEPS, VALUE_ENTS
from .model import Cues, DocContext

PRONOUN_TAGS = {"PRP"}
BAD_SUBJ_TAGS = {"WP", "WDT", "EX", "DT"}
# a plural noun cannot be the antecedent of a singular personal pronoun
PLURAL_NOUN_TAGS = {"NNS", "NNPS"}
SINGULAR_PERSONAL = {"he", "she"}
RELATIVE_PRONOUNS = {"who", "which"}


def _according_object(v: Token, second: str) -> Token | None:
    """"according to X": X."""
    to = next((c for c in v.children if c.lower_ == second), None)
    if to is None and v.i + 1 < len(v.doc) and v.doc[v.i + 1].lower_ == second:
        to = v.doc[v.i + 1]
    if to is not None:
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    return None


def _dependent_subject(v: Token) -> Token | None:
    """No subject of its own: "said by X" (passive agent), "forced X to admit" (the controlling object), "X
    said, going on to say that …" (the subject of the verb it hangs on)."""
    for c in v.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if v.dep_ == "xcomp":
        obj = next((c for c in v.head.children if c.dep_ in ("dobj", "dative") and c.i < v.i), None)
        if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
            return obj
    h = v
    for _ in range(3):
        if h.dep_ not in ("conj", "advcl", "xcomp") or h.head is h:
            break
        h = h.head
        for c in h.children:
            if c.dep_ in SUBJECT_DEPS:
                return c
    return None


def subject(cues: Cues, v: Token) -> Token | None:
    """The token that speaks through cue `v`, from the parse."""
    second = cues.according.get(v.lower_)
    if second is not None:
        return _according_object(v, second)
    for c in v.children:
        if c.dep_ in SUBJECT_DEPS:
            if c.tag_ in ("WP", "WDT") and v.dep_ == "relcl":
                # "X, who said ..." / "X, which denied ...": the relative pronoun is the mention, X the speaker
                # (speakers.resolve). PolNeAR guidelines, "Relative pronouns": the source is "which" or "who"
                # alone; adding its antecedent would be coreference resolution, which the source span never does.
                # "that" is also a complementiser the parser can take for the pronoun: its antecedent stands
                return c if c.lower_ in RELATIVE_PRONOUNS else v.head
            if c.ent_type_ in VALUE_ENTS:
                return None
            return c
    if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return v.head  # "footage of X asking, ..."
    if v.tag_ == "VBG" and v.i > 0 and v.doc[v.i - 1].ent_type_ in LABEL_TYPE:
        return v.doc[v.i - 1]  # the same, parsed as a participle clause
    return _dependent_subject(v)


def _left_of_cue(ctx: DocContext, v: Token, lo: int, from_left: bool) -> Token | None:
    doc, ent_at = ctx.doc, ctx.ent_at

    def ok(j: int) -> bool:
        return ent_at[j] >= 0 or doc[j].tag_ in PRONOUN_TAGS

    if from_left:
        # a person named in the window; else the noun phrase right before the cue; else the first name
        people = [j for j in range(lo, v.i) if ent_at[j] >= 0 and doc[j].ent_type_ == "PERSON"]
        if not people and v.i - 1 >= lo and doc[v.i - 1].pos_ in ("NOUN", "PROPN"):
            return doc[v.i - 1]
        for j in (people or [j for j in range(lo, v.i) if ok(j)])[:1]:
            while j + 1 < v.i and ent_at[j] >= 0 and ent_at[j + 1] == ent_at[j]:
                j += 1
            return doc[j]
        return None
    j = v.i - 1
    while j >= lo and doc[j].dep_ in ("advmod", "aux", "neg") and doc[j].tag_ not in PRONOUN_TAGS:
        j -= 1
    if j >= lo and doc[j].text == ",":
        k = j - 1
        while k >= lo and doc[k].text != ",":
            k -= 1
        j = k - 1
    return doc[j] if j >= lo and ok(j) else None


def adjacent_subject(ctx: DocContext, v: Token, lo: int, hi: int, from_left: bool) -> Token | None:
    """Parse fallback: the first name or pronoun of a window that opens right after the marks ("…,” X, a
    Y, said"), else the one just before the cue (skipping an apposition), else just after it ("said X")."""
    found = _left_of_cue(ctx, v, lo, from_left)
    if found is not None:
        return found
    doc, ent_at = ctx.doc, ctx.ent_at
    k = v.i + 1
    while k < hi and doc[k].dep_ in ("det", "amod", "nummod") and doc[k].head.i > k:
        k += 1  # "said a senior commander": the noun after its determiner and adjectives
    if k < hi and (ent_at[k] >= 0 or doc[k].tag_ in PRONOUN_TAGS or doc[k].pos_ in ("PROPN", "NOUN")):
        while k + 1 < hi and (ent_at[k + 1] >= 0 and ent_at[k + 1] == ent_at[k] or
                              (ent_at[k] < 0 and doc[k + 1].pos_ in ("PROPN", "NOUN"))):
            k += 1
        return doc[k]
    return None


def outer_subject(cues: Cues, v: Token, singular: bool = False, same: str | None = None) -> Token | None:
    """The nearest non-pronoun subject of a verb above `v` in the same sentence; `singular`: not a plural noun
    (the antecedent of "he" or "she" agrees in number with it); `same`: a pronoun of that very form is taken too
    ("It is denouncing what it calls “…”": the outer "It")."""
    h = v
    for _ in range(6):
        if h.head.i == h.i:
            return None
        h = h.head
        if h.pos_ in ("VERB", "AUX"):
            subj = subject(cues, h)
            if subj is not None and subj.tag_ in PRONOUN_TAGS and same is not None and subj.lower_ == same:
                return subj
            if subj is not None and subj.tag_ not in PRONOUN_TAGS and subj.tag_ not in BAD_SUBJ_TAGS and \
                    not (singular and subj.tag_ in PLURAL_NOUN_TAGS):
                return subj
    return None


def free_relative(cues: Cues, v: Token, subj: Token, inside: list[bool]) -> Token:
    """"X condemned what he called “…”": the pronoun stands for the sentence's own subject, the nearest one
    above that agrees with it in number ("X urged Americans to see what he called “…”": X), or the same pronoun
    as the outer subject ("It is denouncing what it calls “…”"). The guidelines annotate the outer attribution,
    whose content the free relative is, not the one nested in it."""
    if subj.tag_ in PRONOUN_TAGS and any(c.tag_ in ("WP", "WDT") for c in v.children):
        outer = outer_subject(cues, v, singular=subj.lower_ in SINGULAR_PERSONAL, same=subj.lower_)
        if outer is not None and not inside[outer.i]:
            return outer
    return subj


def _gerund_controller(cues: Cues, v: Token) -> Token | None:
    """"She started off by emphasizing A", "X is steering clear of criticizing Y": a gerund after a preposition
    speaks for the subject of the verb the preposition hangs on (up to two heads above it)."""
    h = v.head
    for _ in range(3):
        if h.head is h:
            break
        h = h.head
        if h.pos_ in ("VERB", "AUX"):
            subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subj if subj is not None and subj.tag_ not in BAD_SUBJ_TAGS else None
    return None


def _artifact_agent(cues: Cues, n: Token) -> Token | None:
    """"X issued a paper welcoming A", "X filed papers opposing A", "X, at a news conference announcing A": a
    participle on an artifact or an act of expression that X made or took part in speaks for X. The guidelines:
    the source is the sentient agent if one is available; the artifact or act belongs to the cue. A name, a
    pronoun or a person noun ("footage of X asking") speaks itself."""
    if n.pos_ != "NOUN" or n.ent_type_ or n.lower_ in cues.person_nouns or n.dep_ not in ("dobj", "pobj") or \
            any(c.dep_ == "prep" and c.lower_ == "of" for c in n.children):
        return None  # "footage of X saying A": X speaks
    while n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN" and \
            n.head.head.dep_ in ("dobj", "pobj"):
        n = n.head.head  # "X unleashed a series of tweets criticizing A": the series is the artifact X made
    h = n.head.head if n.dep_ == "pobj" else n.head
    if h.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ in BAD_SUBJ_TAGS:
        return None
    return subj if cues.indirect.can_speak(subj) else None


def report_subject(cues: Cues, ctx: DocContext, v: Token) -> Token | None:
    """The source of a reported-speech cue: as `subject`, with four readings of the parse. A passive cue with
    an agent: the agent ("X was first reported by Y"; X is the content). Two subjects ("The Latest: Trump
    urges ..."): the one nearest before the cue. A share of people ("Twelve percent indicated that ...", a
    poll's respondents) speaks. No subject ("... the Washington Post Trump said that ...", the name run into
    a compound): the name or pronoun right before the cue."""
    subjs = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
    agent = next((c for c in v.children if c.dep_ == "agent"), None)
    if agent is not None and any(c.dep_ == "nsubjpass" for c in subjs):
        return next((g for g in agent.children if g.dep_ == "pobj"), None)  # "X was reported by Y": Y
    if len(subjs) > 1 and v.dep_ != "relcl":
        before = [c for c in subjs if c.i < v.i]
        return (before or subjs)[-1 if before else 0]
    if subjs and subjs[0].ent_type_ == "PERCENT" and v.pos_ == "VERB":
        return subjs[0]
    if v.dep_ == "acl" and v.tag_ == "VBG":
        agent = _artifact_agent(cues, v.head)
        if agent is not None:
            return agent
    found = subject(cues, v)
    if found is None and v.dep_ == "pcomp" and v.tag_ == "VBG":
        found = _gerund_controller(cues, v)
    if found is not None or cues.according.get(v.lower_) is not None or v.pos_ != "VERB" or subjs:
        return found
    j = v.i - 1
    while j >= v.sent.start and ctx.doc[j].dep_ in ("advmod", "aux", "neg"):
        j -= 1
    t = ctx.doc[j] if j >= v.sent.start else None
    if t is not None and (ctx.ent_at[t.i] >= 0 and t.ent_type_ in ("PERSON", "ORG") or t.tag_ in PRONOUN_TAGS):
        return t
    return None
