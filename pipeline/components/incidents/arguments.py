"""Step 3a, the sides of an event: actor1 (who acted) and actor2 (the side acted upon), read from the event word's
arguments in the parse (subject / agent / by-phrase, object / passive subject / with, on, against) and the actor
layer (`doc._.actors`: an entity's canonical actor)."""
from __future__ import annotations

from spacy.tokens import Token

from ...syntax import VERB_POS, pobj, subject_of
from ...text import SUBJECT_DEPS, VALUE_ENTS, fold
from .model import Actor, DocContext, Mention, Roles, SentenceContext

ACTOR_LABELS = {"PERSON", "FACTION", "ORG"}
NOMINAL = ("NOUN", "PROPN")


def _entity_actor(ctx: DocContext, ent) -> Actor | None:
    """The entity's actor; none for a name whose head is an act: it names the event ('Damascus Ambush', 'Syria
    Stronghold Kill' in a title-case headline), not a side (ACLED: an actor is a named group or person)."""
    if ent.root.i in ctx.act_toks:
        return None
    key = ent._.actor_key
    return Actor(ctx.canon.get(key) or ent.text, key)


def actor(ctx: DocContext, tok: Token | None, depth: int = 0) -> Actor | None:
    """The side named by the phrase headed by `tok`: the entity's canonical actor (a person: the group the text
    makes them a member of), else the noun phrase; an asset's owner (models/sides.json)."""
    if tok is None or tok.pos_ == "PRON" or tok.is_punct:
        return None
    if tok.lower_ in ctx.lex.sides.quantity and _of_object(tok) is not None:  # 'dozens of fighters'
        return actor(ctx, _of_object(tok), depth + 1) if depth < 3 else None
    if tok.ent_type_ in VALUE_ENTS or tok.like_num:  # a figure ('another one was injured') names no side
        return None
    ent = ctx.ent(tok.i)
    if ent is not None and ent.label_ == "PERSON":
        group = _affiliation(ctx, ent)
        if group is not None:
            return group
    if ent is not None and ent.label_ in ACTOR_LABELS:  # "Coalition aircraft" is an actor though a weapon cue
        sw = ctx.lex.sides  # 'the Takfiri group ISIL', 'al-Nusra Front terrorists': the name beside the noun
        named = _named_group(ctx, ent) if ent.root.lower_ in sw.group_nouns | sw.affiliation else None
        if ent.root.lower_ in ctx.lex.sides.affiliation and _of_object(ent.root) is not None and depth < 3:
            named = named or actor(ctx, _of_object(ent.root), depth + 1)  # 'militants of al-Nusra Front'
        return named or _entity_actor(ctx, ent)
    lex, sw, low = ctx.lex, ctx.lex.sides, tok.lower_
    if ent is None and low in sw.affiliation and _of_object(tok) is not None and depth < 3:
        # "18 members of the Syrian Democratic Forces": the 'of' phrase names the group
        found = actor(ctx, _of_object(tok), depth + 1)
        if found is not None:
            return found
    if ent is None and low in sw.possession:
        return owner(ctx, tok, depth)  # 'ISIL tanks', 'a police station', 'the stronghold of ISIL'
    if tok.i in ctx.cue_toks or tok.i in ctx.anaphor_toks or low in lex.designators \
            or low in lex.non_actor_nouns or low in sw.non_side or low in sw.place_nouns:
        return None
    if ent is None:
        for c in tok.children:  # "Taliban militants", "forces of the regime"
            if c.dep_ in ("compound", "amod", "poss", "nmod") and ctx.ent(c.i) is not None:
                ent = ctx.ent(c.i)
                if ent.label_ == "PLACE":
                    ent = None
                break
    if ent is not None and ent.label_ in ACTOR_LABELS:
        return _entity_actor(ctx, ent)
    if tok.pos_ not in NOMINAL:
        return None
    return _phrase_actor(ctx, tok)


def _of_object(tok: Token) -> Token | None:
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return pobj(of) if of is not None else None


def _affiliation(ctx: DocContext, ent) -> Actor | None:
    """A person as the group an appositive makes them a member of ('Abu Jandal al-Kuwaiti, an ISIL gang leader'):
    ACLED codes groups, not individuals."""
    for c in ent.root.children:
        if c.dep_ == "appos" and c.lower_ in ctx.lex.sides.affiliation:
            group = actor(ctx, c, 3)
            if group is not None and group.key and group.key.split(":")[0] in ("faction", "org"):
                return group
    return None


def _named_group(ctx: DocContext, ent) -> Actor | None:
    """'the Takfiri group ISIL', 'al-Nusra Front terrorist organization': the name beside the group noun (an
    appositive or a compound outside the entity) is the group."""
    for c in ent.root.children:
        e = ctx.ent(c.i) if c.dep_ == "appos" or (c.dep_ in ("compound", "nmod", "amod") and c.i < ent.start) else None
        if e is not None and e.label_ in ACTOR_LABELS and e.root.i != ent.root.i:
            return _entity_actor(ctx, e)
    return None


def owner(ctx: DocContext, tok: Token, depth: int = 0) -> Actor | None:
    """The side an asset or facility belongs to: an actor or side word modifying it ('ISIL tanks', 'police
    station', 'ISIL-held buildings'), else its 'of' phrase ('the stronghold of the Takfiri group ISIL')."""
    for c in tok.lefts:
        if c.dep_ not in ("compound", "amod", "nmod", "poss"):
            continue
        if c.dep_ == "amod" and c.lower_.endswith("held"):  # 'ISIL-held': the holder
            c = next((x for x in c.children if x.dep_ in ("npadvmod", "compound", "nmod")), None)
            if c is None:
                continue
        ent = ctx.ent(c.i)
        if ent is not None and ent.label_ in ACTOR_LABELS:
            return _entity_actor(ctx, ent)
        if ent is None and (c.lower_ in ctx.lex.actor_mods or c.lower_ in ctx.lex.armed):
            return Actor(c.text, None)
    of = _of_object(tok)
    return actor(ctx, of, depth + 1) if of is not None and depth < 3 else None


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


def modifier_actor(ctx: DocContext, t: Token, any_pos: bool = False) -> Actor | None:
    """The side named by a modifier of an attack noun: 'U.S. airstrikes', 'Russian shelling', 'regime barrel bomb
    attacks', 'Coalition strikes' (`any_pos`: also a noun the tagger took for a verb)."""
    if t.pos_ not in NOMINAL and not any_pos:
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


def state_forces(ctx: DocContext, state: str) -> Actor | None:
    """A state acting militarily is its forces (ACLED: 'Military Forces of Syria'): the article's actor of that name,
    when it has one ('Syrian air strikes' in an article that names the army)."""
    name = f"Military Forces of {state}"
    return next((Actor(n, k) for k, n in ctx.canon.items() if n == name), None)


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


def _clause_subject(v: Token, perpetrate: set, r: Roles | None = None) -> tuple[Token | None, bool]:
    """The subject of verb `v`, shared by conjoined / controlled verbs ('was struck and killed'), and whether the
    clause is passive."""
    subj, passive = (r.subj, r.passive) if r is not None else (subject_of(v), False)
    passive = passive or any(c.dep_ == "auxpass" for c in v.children)
    for _ in range(4):
        if subj is not None or v.dep_ not in ("conj", "xcomp", "advcl", "acomp") or v.head.i == v.i:
            break  # 'were able to kill': through the adjective too
        v = v.head
        subj = subject_of(v)
    if subj is None and v.dep_ == "acl" and v.head.dep_ == "dobj" and v.head.head.lower_ in perpetrate:
        subj = subject_of(v.head.head)  # 'X launched a counterattack to retake Khalasa': X
    return subj, passive or (subj is not None and subj.dep_ == "nsubjpass")


def _event_noun_sides(act: _Reader, s: Token) -> tuple:
    """Sides an event noun names itself: its by-phrase, possessor or modifier (actor1) and its 'against', 'on',
    'targeting' object (actor2)."""
    rs = roles(s)
    return act(rs.agent) or modifier_actor(act.ctx, s, True), act(rs.with_)


def _verbal(act: _Reader, t: Token, r: Roles, sides: tuple) -> tuple:
    """Sides of a verb: conjoined / controlled verbs share the subject; a passive's agent acted on its subject; an
    event noun as the subject names its own sides ('a series of U.S. airstrikes against al-Qaida ... destroyed')."""
    a1, a2 = sides
    subj, r.passive = _clause_subject(t, act.ctx.lex.perpetrate, r)
    if r.passive:
        return act(r.agent) or a1, act(subj) or a2
    s1 = s2 = None
    if subj is not None:
        s = _through_quantity(act.ctx, subj)
        if s.i in act.ctx.cue_toks and s.pos_ in NOMINAL + ("VERB",):
            s1, s2 = _event_noun_sides(act, s)
    return act(subj) or s1 or act(r.agent) or a1, act(r.obj) or act(r.with_) or s2 or a2


def _through_quantity(ctx: DocContext, tok: Token) -> Token:
    """'a series of airstrikes' -> 'airstrikes'."""
    of = _of_object(tok) if tok.lower_ in ctx.lex.sides.quantity else None
    return of if of is not None else tok


def _governed(act: _Reader, t: Token) -> tuple:
    """Sides of an event noun read from the verb that governs it: the object of the verb it is the subject of ('a
    U.S. strike hit two al-Qaida vehicles'), the passive subject of the verb it is the agent or the means of
    ('was struck and killed by a coalition airstrike', 'were killed in air strikes'), the people a participle
    modifies ('22 people killed in US air strikes'), the object of its relative clause ('bombings that targeted a
    police station')."""
    lex, v = act.ctx.lex, t.head
    rel = next((c for c in t.children if c.dep_ == "relcl"), None)
    if rel is not None and subject_of(rel) is not None and subject_of(rel).lower_ in ("that", "which"):
        rr = roles(rel)
        found = act(rr.obj) or act(rr.with_)
        if found is not None:
            return None, found
    if t.dep_ == "nsubj" and v.pos_ in VERB_POS:
        acts_on = v.lower_ in lex.kill_verbs | lex.injure_verbs | lex.sides.target_verbs or v.i in act.ctx.cue_toks
        return None, act(next((x for x in v.children if x.dep_ == "dobj"), None)) if acts_on else None
    if t.dep_ != "pobj" or v.head.pos_ not in VERB_POS:
        return None, None
    prep, v = v, v.head
    if not (prep.dep_ == "agent" or prep.lower_ == "by" or v.lower_ in lex.kill_verbs | lex.injure_verbs):
        return None, None
    for c in v.children:  # 'killed in US air strikes on the stronghold of ISIL': the target
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting") and act(pobj(c)) is not None:
            return None, act(pobj(c))
    subj, passive = _clause_subject(v, lex.perpetrate)
    if subj is None and v.dep_ == "acl" and v.head.pos_ in NOMINAL:
        return None, act(v.head)
    return None, act(subj) if passive or v.lower_ in lex.sides.death_verbs else None


def _nominal(act: _Reader, t: Token, r: Roles, sides: tuple, battle: bool = False) -> tuple:
    """Sides of an event noun: by-phrase or possessor, a modifier ('Russian shelling'), the launching verb's
    subject ("militants launched an attack", not "the US condemns it"), the governing verb's target."""
    a1, a2 = sides
    a1 = act(r.agent) or a1 or modifier_actor(act.ctx, t)
    a2 = a2 or act(r.with_)
    if a1 is None and r.subj is not None and t.dep_ not in SUBJECT_DEPS:
        a1 = act(r.subj)
    if a1 is None and t.dep_ == "dobj" and t.head.pos_ == "VERB" and t.head.lower_ in act.ctx.lex.perpetrate:
        a1 = act(next((x for x in t.head.children if x.dep_ == "nsubj"), None))
    if a2 is None:
        found = _governed(act, t)[1]
        a2 = found if found is not None and (found.key or not battle) else None  # a battle's side is a named one
    return a1, a2


def _inverse(lex, t: Token) -> bool:
    """'repelled', 'fought off', 'foiled': the subject defends (models/event_types.json inverse_roles,
    models/sides.json inverse_phrases)."""
    if t.lower_ in lex.inverse or t.lower_ in lex.sides.inverse:
        return True
    return any(c.dep_ == "prt" and f"{t.lower_} {c.lower_}" in lex.sides.inverse for c in t.children)


def _launcher(act: _Reader, obj: Token | None) -> Actor | None:
    """'thwarted an attack launched by al-Nusra Front': the agent of the attack noun's participle."""
    for c in obj.children if obj is not None else ():
        agent = next((x for x in c.children if x.dep_ == "agent"), None) if c.dep_ == "acl" else None
        if agent is not None and pobj(agent) is not None:
            return act(pobj(agent))
    return None


def _adjacent_side(sc: SentenceContext, t: Token) -> Actor | None:
    """A side's word right before an event noun names who acted even when the parser hangs it elsewhere ('killed
    in rebel shelling', where 'rebel' is parsed as the object of 'in')."""
    if t.i <= sc.sent.start or not (t.pos_ in NOMINAL or t.tag_ == "VBG"):
        return None
    prev = t.doc[t.i - 1]
    if prev.i in sc.place_toks or prev.dep_ in SUBJECT_DEPS or prev.i in sc.ctx.cue_toks:
        return None
    return _modifier_side(sc.ctx, prev)


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
        a1, a2 = _nominal(act, t, r, (a1, a2), m.sub in lex.sides.battles)
    if _inverse(lex, t):
        # the subject of "repelled" defends: the attacker is the object or the "attacks by X"
        a1, a2 = ((act(r.agent) or act(r.obj) or _launcher(act, r.obj)), (act(r.subj) or a1)) \
            if not r.passive else (a2, a1)
    a1 = a1 or _adjacent_side(sc, t)
    if a1 and a2 and m.sub == "Armed clash" and r.between and lex.is_state(a2[0]) and not lex.is_state(a1[0]):
        a1, a2 = a2, a1  # symmetric wording ("fighting between residents and regime forces"): state side first
    if a1 and a2 and a1[0] == a2[0]:
        a2 = None
    m.actor1, m.actor2 = a1, a2
