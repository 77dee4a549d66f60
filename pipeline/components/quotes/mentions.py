"""The span a speaker rests on (its entity, a pronoun, a noun phrase; a title with a name, an apposition, "a
statement by X"), and the name a definite description stands for ("the network said" -> the last network)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...schema import LABEL_TYPE
from ...text import SUBJECT_DEPS
from .marks import MARKS
from .model import DocContext
from .subjects import PRONOUN_TAGS

ARG_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "dative", "iobj", "attr"}


def _titled_person(ctx: DocContext, tok: Token, span: Span) -> Span | None:
    """"Foreign Minister X" parsed with the title as head: the person's name in the noun phrase (not "X's
    niece")."""
    doc, seen = tok.doc, -1
    for t in range(span.start, tok.i):
        k = ctx.ent_at[t]
        if k < 0 or k == seen:
            continue
        seen, e = k, ctx.ents[k]
        if e.label_ == "PERSON" and e.start >= span.start and e.end <= span.end and \
                not (e.root.dep_ == "poss" or e.end < len(doc) and doc[e.end].tag_ == "POS"):
            return e
    return None


def _named_dependent(ctx: DocContext, tok: Token) -> Span | None:
    """A name hanging on the head noun: an apposition, the author of a statement, a witness named X."""
    cues = ctx.cues
    for c in tok.rights:
        e = ctx.ent(c.i)
        if c.dep_ == "appos" and e is not None and e.label_ == "PERSON":  # "The commander, Lt. Gen. X, said"
            return e
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and tok.lower_ in cues.statements:
            # "a statement by the army said": the statement speaks for its author
            for g in c.children:
                if g.dep_ == "pobj" and ctx.ent_at[g.i] >= 0:
                    return ctx.ent(g.i)
        if c.dep_ == "relcl" and tok.lower_ in cues.statements:
            # "according to a speech X delivered": the creator of the artifact is the source (PolNeAR)
            for g in c.children:
                if g.dep_ == "nsubj" and ctx.ent_at[g.i] >= 0 and ctx.ent(g.i).label_ in LABEL_TYPE:
                    return ctx.ent(g.i)
        if c.dep_ == "acl" and c.lower_ in cues.naming:  # "a witness named X said"
            for g in c.children:
                if ctx.ent_at[g.i] >= 0 and ctx.ent(g.i).label_ == "PERSON":
                    return ctx.ent(g.i)
    return None


def _name_before_role(ctx: DocContext, tok: Token, span: Span) -> Span | None:
    """"X, a spokesman, said" with the commas lost: the parser makes the role the subject; the name's own
    attachment is then a parse across the quotation marks."""
    doc = tok.doc
    j = span.start - 1
    if span[0].lower_ not in ctx.cues.indefinite or j < 0:
        return None
    if doc[j].text == "," and j > 0:
        j -= 1
    e = ctx.ent(j)
    if e is not None and e.label_ == "PERSON" and e.end == j + 1 and \
            (e.root.dep_ not in ARG_DEPS or e.root.head.i == tok.i or tok.head.head.i == e.root.i or
             e.root.head.i < e.start and any(MARKS.match(doc[k].text) for k in range(e.root.head.i, e.start))):
        return e
    return None


def mention(ctx: DocContext, tok: Token) -> Span:
    """The span a speaker rests on: its entity, the pronoun, or the noun phrase up to its head."""
    doc = tok.doc
    if ctx.ent_at[tok.i] >= 0:
        return ctx.ent(tok.i)
    if tok.tag_ in PRONOUN_TAGS:
        return doc[tok.i:tok.i + 1]
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod") and c.left_edge.i < left:
            left = c.left_edge.i
    while left < tok.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    span = doc[left:tok.i + 1]
    return _titled_person(ctx, tok, span) or _named_dependent(ctx, tok) or _name_before_role(ctx, tok, span) or span


def head_noun(e: Span) -> Token:
    """The noun a name stands in: "Cham" in 'the opposition "Cham" TV network' -> network."""
    r = e.root
    if r.dep_ == "appos" and r.head.i < e.start:  # "the broadcaster X"
        return r.head
    for _ in range(3):
        if r.dep_ in ("compound", "nmod", "amod", "poss") and r.head.i > r.i and r.head.i - e.end < 4:
            r = r.head
        else:
            break
    return r


def antecedent(ctx: DocContext, m: Span, window: int = 1500) -> Span | None:
    """"the network said" / "the group said": a definite description names no one; it stands for the last
    earlier name whose noun phrase has a head of the same kind ("the opposition “Cham” TV network"), else the
    last name with a label that kind allows (an organisation, a faction)."""
    kinds = ctx.cues.kinds
    head = m.root
    kind = kinds.get(head.lower_)
    doc = m.doc
    # a proper noun in it may be a name the tagger missed ("the Al-Watan newspaper"); "Britain-based" is not
    if kind is None or m[0].lower_ != "the" or \
            any(t.pos_ == "PROPN" and (t.i + 1 >= len(doc) or doc[t.i + 1].text != "-") for t in m):
        return None
    start = m.start_char
    fallback = None
    for e in reversed(ctx.ents):
        if e.start_char >= start:
            continue
        if e.start_char < start - window:
            break
        words = {t.lower_ for t in e} | {head_noun(e).lower_}
        if head.lower_ in words or any(kinds.get(w) == kind for w in words):
            return e
        if fallback is None and e.label_ in ctx.cues.kind_labels.get(kind, ()):
            fallback = e
    return fallback
