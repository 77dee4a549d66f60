"""Step 3b and the article-level pass over the sides (ACLED Codebook 2023, 'Actors'; definitions beside the word
lists in models/sides.json):
- `complete`: an event clause whose slots name no target takes its casualties as the side acted upon ('three police
  officers were wounded'); a battle's two sides are its two casualty groups ('the lives of 129 loyalists and 116
  rebels'); civilians are never a side of a battle.
- `perpetrator`: the side the article says did it (a claim of responsibility, a statement that its fighters did it,
  an attribution or accusation).
- `finish`: an air strike no one is named for is the article's one named air actor's, else the state forces of the
  country it is in (aircraft belong to states); unnamed sides become ACLED's generic actors ('Civilians (Syria)',
  'Unidentified Armed Group (Syria)') with the country of the event.
"""
from __future__ import annotations

from spacy.tokens import Token

from ... import docindex, gazetteer
from ...text import SUBJECT_DEPS, fold
from .arguments import _Reader, actor, is_generic, state_forces
from .model import Actor, DocContext, Incident, Mention, Place, SentenceContext
from .places import REMOTE_SUBS

NO_PERPETRATOR = ("Protests", "Strategic developments")  # event types whose actor1 a claim never replaces
POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")  # ACLED's violent types


def _generic_kind(ctx: DocContext, side: Actor | None) -> str | None:
    """ACLED's generic actor a side's head word names ('Civilians', 'Unidentified Armed Group'), if it is unnamed
    (no side's word among its modifiers: 'rebel gunmen' is somebody)."""
    if side is None or not side.name:
        return None
    words = fold(side.name).split()
    cut = next((n for n, w in enumerate(words) if w in ("in", "of", "from")), len(words))
    words = words[:cut]  # 'people in the town': its head is 'people'
    if not words or ctx.lex.actor_mods & set(words) or "(" in side.name:
        return None
    return ctx.lex.sides.generic.get(words[-1])


def _casualties(sc: SentenceContext, m: Mention) -> list[Token]:
    """The people killed or wounded in the sentence, nearest to the event word first: a kill verb's passive subject
    or object, the noun its participle modifies ('22 people killed'), 'the lives of' whom."""
    lex, found = sc.ctx.lex, []
    verbs = lex.kill_verbs | lex.injure_verbs | lex.sides.death_verbs
    doc, p = sc.sent.doc, docindex.index(sc.sent.doc).parse
    for i in range(sc.sent.start, sc.sent.end):  # only the words read below are made tokens
        low = p.lower[i]
        if low not in verbs and low not in ("lives", "life"):
            continue
        v = doc[i]
        if v.lower_ in ("lives", "life") and v.pos_ == "NOUN":  # 'claimed the lives of 129 loyalists and 116 rebels'
            found += [x for p in v.children if p.dep_ == "prep" and p.lower_ == "of" for x in p.children
                      if x.dep_ == "pobj"]
        if v.lower_ not in verbs or v.pos_ not in ("VERB", "AUX"):
            continue
        dying = v.lower_ in lex.sides.death_verbs  # 'people died': the subject is the casualty
        for c in v.children:
            if c.dep_ in ("nsubjpass", "dobj") or (dying and c.dep_ == "nsubj"):
                found.append(c)
        if v.dep_ == "acl":
            found.append(v.head)
    return sorted(found, key=lambda x: abs(x.i - m.trigger.i))


def _pair(act: _Reader, heads: list[Token]) -> tuple[Actor, Actor] | None:
    """Two conjoined armed groups among the casualties ('129 loyalists and 116 rebels'), state side first."""
    for h in heads:
        other = next((c for c in h.children if c.dep_ == "conj"), None)
        a, b = act(h), act(other) if other is not None else None
        if a and b and fold(a.name) != fold(b.name) and not _generic_kind(act.ctx, a) and not _generic_kind(act.ctx, b):
            lex = act.ctx.lex
            return (b, a) if lex.is_state(b.name) and not lex.is_state(a.name) else (a, b)
    return None


def complete(sc: SentenceContext, m: Mention) -> None:
    """The sides the slots left open, from the casualties (ACLED: actor2 is the side acted upon, in remote violence
    and attacks the victims)."""
    act, battle = _Reader(sc), m.sub in sc.ctx.lex.sides.battles
    if battle and m.actor2 is not None and _generic_kind(sc.ctx, m.actor2) == "Civilians" \
            and fold(m.actor2.name).split()[-1] in ("people", "person", "persons"):
        m.actor2 = None  # a battle is between two armed, organised groups: unnamed 'people' are no side of it
    if m.actor2 is not None:
        return
    heads = _casualties(sc, m)
    if battle and m.actor1 is None:
        pair = _pair(act, heads)
        if pair is not None:
            m.actor1, m.actor2 = pair
            m.casualty_sides = True
            return
    if battle and m.actor1 is None:
        return  # a battle's casualties fall on both sides: they say which side was acted upon only against actor1
    for h in heads:
        side = act(h)
        if side is None or (m.actor1 and fold(side.name) == fold(m.actor1.name)):
            continue
        if battle and not side.key:  # a battle's other side is a named, organised group
            continue
        m.actor2 = side
        return


def struck_object(ctx: DocContext, m: Mention) -> None:
    """'Syrian air strikes hit Douma', 'Russian jets bombed Saraqeb': a proper-noun object of the verb whose subject
    is the attack noun or weapon is the place struck, not a side (ACLED: actor2 is an actor; the location is the
    most specific place where the event happened, so it replaces a country or no place)."""
    t = m.trigger
    if m.sub not in REMOTE_SUBS or t.pos_ == "VERB" or t.dep_ != "nsubj" or t.head.pos_ != "VERB":
        return
    for c in t.head.children:
        e = ctx.ent(c.i) if c.dep_ == "dobj" and c.pos_ == "PROPN" else None
        if c.dep_ != "dobj" or c.pos_ != "PROPN" or e is not None and e.label_ in ("PERSON", "FACTION"):
            continue
        name = e.text if e is not None else c.text
        if fold(name) in ctx.lex.countries:
            return  # 'jets struck Syria': a state may be the side acted upon; the place stays the clause's
        if m.actor2 is not None and fold(m.actor2.name) == fold(name):
            m.actor2 = None
        if m.place is None or fold(m.place.location) in ctx.lex.countries:
            known = gazetteer.places().dominant(name)  # the place the name means with no context, if any
            m.place = Place(name, e, known.admin1 if known else None,
                            known.country if known else m.place.country if m.place else None)
        return


def _claimant(ctx: DocContext, t: Token) -> Actor | None:
    """`X claimed responsibility` (not 'no group claimed', not 'did not claim'): X."""
    if any(c.dep_ == "neg" for c in t.children):
        return None
    subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
    if subj and subj[0].lower_ not in ("no", "none") and not any(c.lower_ in ("no", "none") for c in subj[0].children):
        return actor(ctx, subj[0])
    return None


def _attributed(ctx: DocContext, t: Token, perp: Actor | None) -> Actor | None:
    """`attributed the attack to X`, `blamed it on X`, `accused X of killing`: X (the last such object wins)."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "on"):
            objs = [x for x in c.children if x.dep_ == "pobj"]
            if objs:
                perp = actor(ctx, objs[0]) or perp
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    if obj is not None and t.lower_.startswith("accuse") and any(_event_word(ctx, x) for x in _of_acts(t)):
        perp = actor(ctx, obj) or perp
    return perp


def _of_acts(t: Token) -> list[Token]:
    """The acts an accusation is 'of' ('accused Belgium ... of killing six civilians'), not negated ones ('of not
    doing enough')."""
    out = []
    for p in t.subtree:
        if p.dep_ == "prep" and p.lower_ == "of":
            out += [x for x in p.children
                    if x.dep_ in ("pcomp", "pobj") and not any(c.dep_ == "neg" for c in x.children)]
    return out


def _event_word(ctx: DocContext, x: Token) -> bool:
    lex = ctx.lex
    return x.i in ctx.cue_toks or x.lower_ in lex.kill_verbs | lex.injure_verbs or x.lower_ in lex.perpetrate


def _statement(ctx: DocContext, t: Token) -> Actor | None:
    """`X said (in a statement) that one of its fighters carried out the attack`: X claims it."""
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
    for p in t.children:  # 'said in a statement that ...'
        if comp is None and p.dep_ == "prep":
            comp = next((c for x in p.children for c in x.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
    if subj is None or comp is None or any(c.dep_ == "neg" for c in comp.children):
        return None
    lex = ctx.lex
    if not _event_word(ctx, comp):
        return None
    csubj = next((c for c in comp.children if c.dep_ == "nsubj"), None)
    if csubj is None:
        return None
    members = [x for x in csubj.subtree if x.lower_ in lex.sides.affiliation]
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for x in members for c in x.children):
        return None
    side = actor(ctx, subj)
    return side if side is not None and side.key and not side.key.startswith(("person:", "place:")) else None


def perpetrator(ctx: DocContext) -> Actor | None:
    """The side the article says did it: the first claim of responsibility, statement or attribution naming one."""
    doc, lex = ctx.doc, ctx.lex
    ids = lex.perp_ids | {doc.vocab.strings[w] for w in lex.sides.statement}
    for i in ctx.ix.positions(ids):  # the shared array, not a Python attribute per token
        t = doc[i]
        if t.lower_ in lex.claim and any(c.lower_ == "responsibility" for c in t.children):
            perp = _claimant(ctx, t)
        elif t.lower_ in lex.attrib:
            perp = _attributed(ctx, t, None)
        elif t.lower_ in lex.sides.statement:
            perp = _statement(ctx, t)
        else:
            continue
        if perp:
            return perp
    return None


def _country(ctx: DocContext, inc: Incident) -> str | None:
    """The name of the country the incident is in (its place's, or its place's actor record's)."""
    place = inc.place
    cc = place.country if place else None
    if cc is None and place is not None and place.ent is not None:
        cc = ctx.geo.get(place.ent._.actor_key or "", {}).get("country")
    return gazetteer.country_names().get(cc) if cc else None


def _air_default(ctx: DocContext, incidents: list[Incident]) -> None:
    """An air strike nobody is named for: the article's one named air actor, else the forces of the state it is
    in when the article names them (models/sides.json air_means: only states fly)."""
    air = [i for i in incidents if i.sub == "Air/drone strike"]
    named = {fold(i.actor1.name): i.actor1 for i in air if i.actor1 and not is_generic(ctx, i.actor1)}
    for inc in air:
        if inc.actor1 is not None and not is_generic(ctx, inc.actor1):
            continue
        if len(named) == 1:
            inc.actor1 = next(iter(named.values()))
            continue
        country = _country(ctx, inc)
        forces = state_forces(ctx, country) if country else None
        if forces is not None and not named:
            inc.actor1 = forces


def _own_state(ctx: DocContext, inc: Incident, side: Actor | None) -> Actor | None:
    """A country acting in its own territory is its state forces (ACLED inter 1: 'Syrian air strikes' in Syria are
    the Military Forces of Syria), the article's actor of that name when it has one; abroad it keeps its name."""
    country = _country(ctx, inc)
    if side is None or country is None or fold(side.name) != fold(country):
        return side
    return state_forces(ctx, country) or side


def _generic(ctx: DocContext, inc: Incident, side: Actor | None, country: str | None) -> Actor | None:
    """ACLED's generic actor for an unnamed side, with the event's country; a battle's residents keep their name
    (they act as an armed side)."""
    kind = _generic_kind(ctx, side)
    if kind is None or country is None:
        return side
    if kind == "Civilians" and inc.sub in ctx.lex.sides.battles:
        return side
    if kind == "Unidentified Armed Group" and not is_generic(ctx, side):
        return side
    return Actor(f"{kind} ({country})", None)


def _unarmed(ctx: DocContext, side: Actor | None) -> bool:
    return _generic_kind(ctx, side) == "Civilians" and bool(
        set(fold(side.name).replace("(", " ").split()) & (ctx.lex.sides.unarmed | {"civilians"}))


def _victims_not_actors(ctx: DocContext, inc: Incident) -> None:
    """Unarmed people are no side of a battle, and in political violence never the side that acted: they are the
    side acted upon (models/sides.json unarmed_words)."""
    sub, lex = inc.sub, ctx.lex
    if sub in lex.sides.battles:
        inc.actor1 = None if _unarmed(ctx, inc.actor1) else inc.actor1
        inc.actor2 = None if _unarmed(ctx, inc.actor2) else inc.actor2
    elif lex.event_types.get(sub) in POLITICAL_VIOLENCE and _unarmed(ctx, inc.actor1):
        inc.actor1, inc.actor2 = None, inc.actor2 or inc.actor1


def _claimed(ctx: DocContext, incidents: list[Incident]) -> None:
    """The claimed perpetrator acted in the article's violent incidents whose actor1 is unnamed."""
    lex, perp = ctx.lex, perpetrator(ctx)
    if perp is None:
        return
    for inc in incidents:
        if lex.event_types.get(inc.sub) in NO_PERPETRATOR:
            continue
        if is_generic(ctx, inc.actor1):
            inc.actor1 = perp
        elif any(m.casualty_sides and m.actor1 == inc.actor1 for m in inc.mentions) and perp != inc.actor1:
            # the casualties name both sides, not who attacked: the claimant did, upon the state side
            inc.actor1, inc.actor2 = perp, inc.actor1


def finish(ctx: DocContext, incidents: list[Incident]) -> None:
    """The article-level pass: the claimed perpetrator, air strikes' states, victims, generic actors (the country of
    the event, else the article's most frequent one)."""
    for inc in incidents:
        _victims_not_actors(ctx, inc)
    _claimed(ctx, incidents)
    _air_default(ctx, incidents)
    countries = [c for c in (_country(ctx, i) for i in incidents) if c]
    fallback = max(set(countries), key=countries.count) if countries else None
    for inc in incidents:
        inc.actor1, inc.actor2 = _own_state(ctx, inc, inc.actor1), _own_state(ctx, inc, inc.actor2)
        country = _country(ctx, inc) or fallback
        inc.actor1, inc.actor2 = _generic(ctx, inc, inc.actor1, country), _generic(ctx, inc, inc.actor2, country)
        if inc.actor1 and inc.actor2 and inc.actor1.name == inc.actor2.name:
            inc.actor2 = None
