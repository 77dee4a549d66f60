"""Step 3a, the sides of an event: actor1 (who acted) and actor2 (the side acted upon), read from the event word's
arguments in the parse (subject / agent / by-phrase, object / passive subject / with, on, against) and the actor
layer (`doc._.actors`: an entity's canonical actor)."""
from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Token

from ...syntax import VERB_POS, pobj, subject_of
from ...text import SUBJECT_DEPS, VALUE_ENTS, fold
from .model import Actor, DocContext, Mention, Roles, SentenceContext

ACTOR_LABELS = {"PERSON", "FACTION", "ORG"}
NOMINAL = ("NOUN", "PROPN")


def _entity_actor(ctx: DocContext, ent) -> Actor:
    key = ent._.actor_key
    return Actor(ctx.canon.get(key) or ent.text, key)


def actor(ctx: DocContext, tok: Token | None) -> Actor | None:
    """The side named by the phrase headed by `tok`: the entity's canonical actor, else the noun phrase."""
    if tok is None or tok.pos_ == "PRON" or tok.is_punct or tok.ent_type_ in VALUE_ENTS:
        return None
    ent = ctx.ent(tok.i)
    if ent is not None and ent.label_ in ACTOR_LABELS:  # "Coalition aircraft" is an actor though a weapon cue
        return _entity_actor(ctx, ent)
    lex = ctx.lex
    if tok.i in ctx.cue_toks or tok.i in ctx.anaphor_toks or tok.lower_ in lex.designators \
            or tok.lower_ in lex.non_actor_nouns:
        return None
    if ent is None:
        for c in tok.children:  # "Taliban militants", "forces of the regime"
            if c.dep_ in ("compound", "amod", "poss") and ctx.ent(c.i) is not None:
                ent = ctx.ent(c.i)
                if ent.label_ == "PLACE":
                    ent = None
                break
    if ent is not None and ent.label_ in ACTOR_LABELS:
        return _entity_actor(ctx, ent)
    if tok.pos_ not in NOMINAL:
        return None
    return _phrase_actor(ctx, tok)


def _phrase_actor(ctx: DocContext, tok: Token) -> Actor | None:
    """The noun phrase of `tok` as a side: its modifiers and an `of` (or, for people, `in`/`from`) phrase."""
    strip = ctx.lex.phrase_strip_words
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod")
            and t.lower_ not in strip and not t.like_num]
    start = min([tok.i] + [t.left_edge.i for t in left])
    end = tok.i + 1
    for c in tok.rights:  # "Residents of Daraa al-Balad", "fighters in Daraa al-Balad"
        if c.dep_ == "prep" and c.right_edge.i - tok.i <= 6 and (
                c.lower_ == "of" or (c.lower_ in ("in", "from") and tok.lower_ in ctx.lex.people_nouns)):
            end = c.right_edge.i + 1
        break
    words = [t for t in tok.doc[start:end] if t.lower_ not in strip and not t.is_punct or t.text == "-"]
    if not words:
        return None
    return Actor(tok.doc[words[0].i:words[-1].i + 1].text, None)


def modifier_actor(ctx: DocContext, t: Token) -> Actor | None:
    """The side named by a modifier of an attack noun: 'U.S. airstrikes', 'Russian shelling', 'regime barrel bomb
    attacks', 'Coalition strikes'."""
    if t.pos_ not in NOMINAL:
        return None
    hosts, h = [t], t
    while h.dep_ == "compound" and h.head.i > h.i and h.head.pos_ in NOMINAL:
        h = h.head
        hosts.append(h)
    for x in hosts:
        lefts = list(x.lefts)
        for n, c in enumerate(lefts):
            if c.dep_ not in ("compound", "amod", "nmod", "poss") or c.i in ctx.cue_toks:
                continue
            found = _modifier_side(ctx, c)
            if found is None:
                continue
            named = found.key is not None and not found.key.startswith("place:")  # an actor entity, not a state
            if named or not any(_names_a_thing(ctx, y) for y in lefts[n + 1:]):
                return found
    return None


def _names_a_thing(ctx: DocContext, y: Token) -> bool:
    """A common noun between a country and the attack noun ('Syria aid convoy attack'): the country then says
    where that thing is from, not who attacked."""
    return y.dep_ == "compound" and y.pos_ == "NOUN" and y.i not in ctx.cue_toks and _modifier_side(ctx, y) is None


def _modifier_side(ctx: DocContext, c: Token) -> Actor | None:
    """One modifier as a side: an actor entity, a state adjective or country ('Russian', 'Syria'), a side's word."""
    ent = ctx.ent(c.i)
    if ent is not None and ent.label_ in ACTOR_LABELS:
        return _entity_actor(ctx, ent)
    is_place = ent is not None and ent.label_ == "PLACE"
    name = ent.text if is_place else c.text
    state = ctx.lex.state_adj.get(name.lower()) or (name if is_place and fold(name) in ctx.lex.countries else None)
    if state:
        return Actor(state, ent._.actor_key if is_place else None)
    if ent is None and c.lower_ in ctx.lex.actor_mods:
        return Actor(c.text, None)
    return None


def is_generic(ctx: DocContext, side: Actor | None) -> bool:
    """"gunmen", "unidentified assailants": nobody in particular. A side's word ("Taliban militants", "rebel
    gunmen": models/event_types.json actor_modifiers) makes them somebody."""
    if not side or not side[0]:
        return True
    words = fold(side[0]).split()
    lex = ctx.lex
    return not words or words[-1] in lex.generic_actor and len(words) <= 2 and not lex.actor_mods & set(words)


def _between(o: Token) -> list[Token]:
    return [o] + [x for x in o.children if x.dep_ == "conj"][:1]


def roles(t: Token) -> Roles:
    """Syntactic slots around an event word: subject, object, agent, `between`, `by`, `with/on/against`."""
    r = Roles()
    hosts = [t]
    if t.dep_ in ("amod", "compound") and t.head.pos_ in NOMINAL:
        hosts.append(t.head)  # a verb misparsed as a modifier ("repelled attacks"): read its noun's slots
    if t.pos_ == "NOUN" and t.dep_ in SUBJECT_DEPS:  # "clashes broke out between A and B"
        between = next((p for p in t.head.children if p.dep_ == "prep" and p.lower_ == "between"), None)
        o = pobj(between) if between is not None else None
        if o is not None:
            r.between = _between(o)
    for h in hosts:
        for c in h.children:
            _read_slot(r, h, c)
    return r


def _read_slot(r: Roles, h: Token, c: Token) -> None:
    """Fill the slot child `c` of host `h` stands in (first one wins, as in reading order)."""
    if c.dep_ in SUBJECT_DEPS and r.subj is None:
        r.subj, r.passive = c, c.dep_ == "nsubjpass"
    elif c.dep_ == "auxpass":
        r.passive = True
    elif c.dep_ == "agent":
        r.agent = pobj(c) or r.agent
    elif c.dep_ == "dobj" and r.obj is None:
        r.obj = c
        by = next((p for p in c.children if p.dep_ == "prep" and p.lower_ == "by"), None)
        if by is not None and pobj(by) is not None:
            r.agent, r.obj = pobj(by), None  # "repelled attacks by X"
    elif c.dep_ == "prep":
        o = pobj(c)
        if o is None:
            return
        if c.lower_ == "between":
            r.between = _between(o)
        elif c.lower_ == "by" and h.pos_ in NOMINAL:
            r.agent = o
        elif c.lower_ in ("with", "on", "against", "targeting", "upon") and r.with_ is None:
            r.with_ = o
    elif c.dep_ == "poss" and r.agent is None and h.pos_ in NOMINAL:
        r.agent = c


class _Reader:
    """Reads sides from slots; a token inside a place name of the sentence is never a side."""

    def __init__(self, sc: SentenceContext):
        self.ctx, self.place_toks = sc.ctx, sc.place_toks

    def __call__(self, x: Token | None) -> Actor | None:
        return actor(self.ctx, x) if x is not None and x.i not in self.place_toks else None


def _verbal(act: _Reader, t: Token, r: Roles, sides: tuple) -> tuple:
    """Sides of a verb: conjoined / controlled verbs share the subject; a passive's agent acted on its subject."""
    (a1, a2), v, subj = sides, t, r.subj
    for _ in range(4):
        if subj is not None or v.dep_ not in ("conj", "xcomp", "advcl") or v.head is v:
            break
        v = v.head
        subj = subject_of(v)
        if subj is not None:
            r.passive = r.passive or subj.dep_ == "nsubjpass"
    if r.passive:
        return act(r.agent) or a1, act(subj) or a2
    return act(subj) or act(r.agent) or a1, act(r.obj) or act(r.with_) or a2


def _nominal(act: _Reader, t: Token, r: Roles, sides: tuple) -> tuple:
    """Sides of an event noun: by-phrase or possessor, a modifier ('Russian shelling'), the launching verb's
    subject ("militants launched an attack", not "the US condemns it")."""
    a1, a2 = sides
    a1 = act(r.agent) or a1 or modifier_actor(act.ctx, t)
    a2 = a2 or act(r.with_)
    if a1 is None and r.subj is not None and t.dep_ not in SUBJECT_DEPS:
        a1 = act(r.subj)
    if a1 is None and t.dep_ == "dobj" and t.head.pos_ == "VERB" and t.head.lower_ in act.ctx.lex.perpetrate:
        a1 = act(next((x for x in t.head.children if x.dep_ == "nsubj"), None))
    return a1, a2


def fill_sides(sc: SentenceContext, m: Mention) -> None:
    """Set `m.actor1` / `m.actor2` from the trigger's arguments."""
    t, lex, act = m.trigger, sc.ctx.lex, _Reader(sc)
    r = roles(t)
    a1 = a2 = None
    if r.between:
        a1 = act(r.between[0])
        a2 = act(r.between[1]) if len(r.between) > 1 else None
    if t.pos_ in VERB_POS and t.dep_ not in ("amod", "compound"):
        a1, a2 = _verbal(act, t, r, (a1, a2))
    else:
        a1, a2 = _nominal(act, t, r, (a1, a2))
    if t.lower_ in lex.inverse:
        # the subject of "repelled" defends: the attacker is the object or the "attacks by X"
        a1, a2 = ((act(r.agent) or act(r.obj)), (act(r.subj) or a1)) if not r.passive else (a2, a1)
    if a1 and a2 and m.sub == "Armed clash" and r.between and lex.is_state(a2[0]) and not lex.is_state(a1[0]):
        a1, a2 = a2, a1  # symmetric wording ("fighting between residents and regime forces"): state side first
    if a1 and a2 and a1[0] == a2[0]:
        a2 = None
    m.actor1, m.actor2 = a1, a2


def _claimant(ctx: DocContext, t: Token) -> Actor | None:
    """`X claimed responsibility` (not 'no group claimed', not 'did not claim'): X."""
    if any(c.dep_ == "neg" for c in t.children):
        return None
    subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
    if subj and subj[0].lower_ not in ("no", "none") and not any(c.lower_ in ("no", "none") for c in subj[0].children):
        return actor(ctx, subj[0])
    return None


def _attributed(ctx: DocContext, t: Token, perp: Actor | None) -> Actor | None:
    """`attributed the attack to X`, `blamed it on X`: X (the last such object wins)."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "on"):
            objs = [x for x in c.children if x.dep_ == "pobj"]
            if objs:
                perp = actor(ctx, objs[0]) or perp
    return perp


def perpetrator(ctx: DocContext) -> Actor | None:
    """The side the article says did it: the first claim of responsibility or attribution that names one."""
    doc, lex = ctx.doc, ctx.lex
    lower = doc.to_array([LOWER]).tolist()  # one array read, not a Python attribute per token
    for i in [i for i, h in enumerate(lower) if h in lex.perp_ids]:
        t = doc[i]
        if t.lower_ in lex.claim and any(c.lower_ == "responsibility" for c in t.children):
            perp = _claimant(ctx, t)
        elif t.lower_ in lex.attrib:
            perp = _attributed(ctx, t, None)
        else:
            continue
        if perp:
            return perp
    return None
