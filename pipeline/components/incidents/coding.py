"""Step 5, code: the ACLED sub-event type as the clause's wording refines it (armed targets, territory changing
hands, people captured, keyword combinations) and the row of the `incidents` table."""
from __future__ import annotations

from spacy.tokens import Token

from ... import docindex
from ...text import SUBJECT_DEPS, fold
from .lexicon import Lexicon
from .model import Frame, Incident, Mention, Place

TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")


def armed_target(lex: Lexicon, f: Frame) -> None:
    """A cue group's `armed_becomes`: an attack on armed men (words outside the subject: 'attacked a checkpoint of
    soldiers') is a clash, unless the side attacked is named and unarmed."""
    m, trig, becomes = f.mention, f.mention.trigger, f.cue.group.get("armed_becomes")
    if not becomes:
        return
    subj_ids = set()
    for t in f.clause:
        if t.dep_ in SUBJECT_DEPS and (t.head.i == trig.i or trig.dep_ == "dobj" and t.head.i == trig.head.i):
            subj_ids.update(x.i for x in t.subtree)
    target = {t.lower_ for t in f.clause if t.i not in subj_ids}
    if target & lex.armed and not (m.actor2 and not _armed_side(lex, m.actor2)):
        m.sub = becomes


def _armed_side(lex: Lexicon, side) -> bool:
    """Is the side armed: an armed word in its name, or a named faction ('Hezbollah') that is not unarmed people
    (DESIGN.md: FACTION is a collective actor in the conflict)?"""
    words = set(fold(side[0]).split())
    if words & lex.armed:
        return True
    civilian = any(lex.sides.generic.get(w) == "Civilians" for w in words)  # 'residents', 'villagers'
    return bool(side[1]) and side[1].startswith("faction:") and not civilian


def captive(lex: Lexicon, t: Token) -> bool:
    """Is the object of a capture verb a person ('captured a senior commander', 'two soldiers were captured')?"""
    if t.pos_ not in ("VERB", "AUX") or t.lower_ not in lex.capture_verbs:  # not "drove the militants out"
        return False
    obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return False
    return obj.ent_type_ == "PERSON" or obj.lower_ in lex.person_nouns


def territory(lex: Lexicon, m: Mention) -> None:
    """Territory changing hands: the state side regains it, anyone else overtakes it. People captured are no
    territory: the state arrests them, anyone else abducts them ('troops captured a senior commander')."""
    if m.sub in TERRITORY and captive(lex, m.trigger):
        m.sub = "Arrests" if m.actor1 and lex.is_state(m.actor1[0]) else "Abduction/forced disappearance"
        return
    if m.sub in TERRITORY and m.actor1:
        m.sub = TERRITORY[1] if lex.is_state(m.actor1[0]) else TERRITORY[0]


def apply_combo(lex: Lexicon, mentions: list[Mention], combo: tuple[str, set]) -> None:
    """A sentence's keyword combination retypes its mentions (all, or those of the types it overrides)."""
    sub, overrides = combo
    for m in mentions:
        if not overrides or m.sub in overrides or m.casualty_only:
            m.sub = sub
            m.casualty_only = False
            territory(lex, m)


def row(lex: Lexicon, inc: Incident, geo: dict) -> dict:
    """The `incidents` row of a merged incident (schema: pipeline/schema.py)."""
    m, place = inc.evidence, inc.place
    # the span runs from the first report to the end of the clearest one, so it covers both
    start = min(m.start_char, inc.first.start_char) if inc.first else m.start_char
    loc_key, g = None, {}
    if place:
        e = place.ent
        loc_key = e._.actor_key if e is not None and e.label_ == "PLACE" else None
        g = geo.get(loc_key, {}) if loc_key else {}
    d = inc.when
    a1, a2 = inc.actor1 or (None, None), inc.actor2 or (None, None)
    return {
        "event_type": lex.event_types.get(inc.sub), "sub_event_type": inc.sub,
        "date": d.value if d else None, "date_text": d.text if d else None,
        "date_precision": d.precision if d and d.value else None,
        "location": _place_name(place, g) if place else None, "location_actor_id": loc_key,
        "country": (place.country if place else None) or g.get("country"),
        "admin1": (place.admin1 if place else None) or g.get("admin1"),
        "lat": g.get("lat"), "lon": g.get("lon"),
        "actor1": a1[0], "actor1_id": a1[1], "actor2": a2[0], "actor2_id": a2[1],
        "killed": inc.killed, "injured": inc.injured,
        "evidence": docindex.span_text(m.sent), "start_char": start, "end_char": max(m.end_char, start + 1),
    }


def _place_name(place: Place, actor: dict) -> str:
    """The place as written ('Damascus Opera House' says more than its actor 'Damascus'), but a possessive whose
    apostrophe the source dropped ('in Syrias north') is its actor's own name."""
    name = actor.get("name")
    return name if name and place.location in (name + "s", name + "'s", name + "’s") else place.location
