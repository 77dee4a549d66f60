"""Step 4, merge: one incident per type per sentence (casualty clauses fold into the sentence's event, a generic
noun after a weapon event is that event), then mentions of one event across the article (same type, date and a
compatible place) into one incident with the most conservative reading of its fields."""
from __future__ import annotations

import datetime as dt

from ...text import fold, norm_name
from .counts import counted_nouns, restated
from .model import Incident, Mention, Place

SUBSUMED = {"Armed clash", "Attack", "Looting/property destruction"}
# ACLED Codebook 2023, "Event types": battles, explosions/remote violence and violence against civilians are the
# three political violence types; one attack reported as 'the attack', 'the killings' or 'the blast' is one event
POLITICAL_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# ACLED Codebook 2023: a battle is one engagement whatever happens in it (a territory change is coded instead of the
# armed clash it ended), remote violence one event whatever the means used in it, a protest or riot one gathering
# (the intervention against it types it); violence against civilians and strategic developments name distinct acts
ONE_ENGAGEMENT = frozenset({"Battles", "Explosions/Remote violence", "Protests", "Riots"})


def _same_place(a: str | None, b: str | None) -> bool:
    return a is None or b is None or norm_name(a) == norm_name(b)


def subsume(kept: list[Mention]) -> list[Mention]:
    """One sentence, one event: a generic noun ('the attack', 'fighting', 'destroyed') named after a weapon event
    of the sentence at the same place is that event, not a second incident. Verb clauses ('shelled X and
    exchanged gunfire') stay separate events."""
    kept = [m for m in kept if not _effect_of_event(m, kept)]
    weapons = [m for m in kept if m.weapon and not m.blast]
    if not weapons or len(kept) < 2:
        return kept
    out, w = [], weapons[0]
    for m in kept:
        if m.blast:  # "explosions rocked the area as militants fired rockets": the rockets exploded
            w.actor1 = w.actor1 or m.actor1
            w.place = w.place or m.place
            continue
        if (not m.weapon and m.sub in SUBSUMED and m.trigger.pos_ != "VERB" and w.trigger.i < m.trigger.i
                and _same_place(m.place and m.place.location, w.place and w.place.location)):
            w.actor1 = w.actor1 or m.actor1
            continue
        out.append(m)
    return out


def _effect_of_event(m: Mention, kept: list[Mention]) -> bool:
    """A generic verb whose subject is another event of the sentence ("Monday's raid on the convoy destroyed 18
    vehicles", 'the strike destroyed the school'): the destruction is what that event did, not an event of its
    own (ACLED Codebook 2023, Looting/property destruction: coded only outside other forms of violence); so is a
    relative clause on the event noun ('the offensive - which has destroyed hospitals -')."""
    t = m.trigger
    if not m.generic or t.pos_ not in ("VERB", "AUX"):
        return False
    others = {k.trigger.i for k in kept if k is not m and not k.generic}
    return t.dep_ in ("acl", "relcl") and t.head.i in others or any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i in others for c in t.children)


def _folds(a: Mention, b: Mention, types: dict, countries: dict) -> bool:
    """Do two event clauses of one sentence report one event? The same ACLED event type of one engagement
    (`ONE_ENGAGEMENT`: 'air strikes hit the town and shelling pounded it', 'attacked army positions and captured the
    town'), or a generic word ('the attack', 'killed') beside a specific act of the political-violence family, at
    compatible places, with no two named acting sides (ACLED Codebook 2023: one event is one pair of actors at one
    place on one day). Two acts against civilians ('raided a mine and abducted 15 miners') stay two."""
    ta, tb = types.get(a.sub), types.get(b.sub)
    same = ta in ONE_ENGAGEMENT and ta == tb or (_loose(a) or _loose(b)) and family(types, a.sub) == family(
        types, b.sub) == "political violence"
    return same and not _side_clash(a, b) and _within(a.place, b.place, countries)


def _loose(m: Mention) -> bool:
    """A generic report that names no act of its own: a generic noun ('the attack'), or a generic participle adjunct
    without a subject of its own ('warplanes struck the town, massacring dozens'). 'where rebels killed the pilot'
    has one; a conjoined verb ('threw grenades and opened fire') shares the subject and reports an act of its own."""
    t = m.trigger
    if t.pos_ not in ("VERB", "AUX"):
        return m.generic
    return m.generic and t.tag_ in ("VBG", "VBN") and t.dep_ in ("advcl", "acl", "xcomp") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "agent", "expl") for c in t.children)


def _one_per_event(kept: list[Mention], types: dict, countries: dict) -> list[Mention]:
    """The sentence's event clauses folded into one per event (`_folds`): the report typed by the most specific
    cue (the lexicon's priority: a territory change over the clash it ended, an air strike over 'the attack')
    keeps its fields and takes the others' missing ones; its span covers both clauses (the first mention too)."""
    out: list[Mention] = []
    for m in kept:
        k = next((o for o in out if _folds(o, m, types, countries)), None)
        if k is None:
            out.append(m)
            continue
        win, lose = (m, k) if m.priority > k.priority else (k, m)
        win.actor1, win.actor2 = win.actor1 or lose.actor1, win.actor2 or lose.actor2
        win.place, win.date = win.place or lose.place, win.date or lose.date
        win.start_char, win.end_char = min(win.start_char, lose.start_char), max(win.end_char, lose.end_char)
        out[out.index(k)] = win
    return out


def per_sentence(mentions: list[Mention], types: dict | None = None, countries: dict | None = None) -> list[Mention]:
    """The sentence's incidents: one per type (later mentions of a type lend it their missing fields), the
    subsumed ones dropped, then one per event (`_one_per_event`, with `types`: sub-event type -> event type); the
    first mention when only casualty clauses remain. A lone mention spans the sentence."""
    kept: list[Mention] = []
    for m in mentions:
        if m.casualty_only:
            continue
        same = next((k for k in kept if k.sub == m.sub), None)
        if same is None:
            kept.append(m)
        else:
            same.actor1 = same.actor1 or m.actor1
            same.actor2 = same.actor2 or m.actor2
            same.place = same.place or m.place
    kept = subsume(kept)
    if types:
        kept = _one_per_event(kept, types, countries or {})
    sent = mentions[0].sent
    if not kept:
        kept = [mentions[0]]
        kept[0].start_char, kept[0].end_char = sent.start_char, sent.end_char
    if len(kept) == 1:
        kept[0].start_char, kept[0].end_char = sent.start_char, sent.end_char
    return kept


def family(types: dict, sub: str | None) -> str | None:
    """The event family of a sub-event type: political violence (ACLED's three violent types) or its event type."""
    et = types.get(sub)
    return "political violence" if et in POLITICAL_VIOLENCE else et


def _side_clash(a: Incident | Mention, b: Incident | Mention) -> bool:
    """Do two reports name different actors as the one who acted? Then they are two events (ACLED: one event is
    one pair of actors at one place on one day)."""
    a1 = a.actor1 if isinstance(a, Mention) else next((m.actor1 for m in a.mentions if m.actor1), None)
    b1 = b.actor1 if isinstance(b, Mention) else next((m.actor1 for m in b.mentions if m.actor1), None)
    if a1 and b1 and a1.key and a1.key == b1.key:
        return False  # one actor written two ways ('U.S.', 'the United States')
    return bool(a1 and b1 and fold(a1[0]) != fold(b1[0]))


def _restates(inc: Incident, m: Mention, types: dict) -> bool:
    """Is `m` a generic report ('the attack', 'the killings', 'the blast') of an event of `inc`'s family, or `inc`
    a generic report `m` names more specifically? A generic noun names an event; a verb clause ('was shot and
    killed') reports an act of its own. Never two named, different sides."""
    loose = _generic_noun(m) or all(_generic_noun(x) for x in inc.mentions)
    return loose and family(types, inc.sub) == family(types, m.sub) and not _side_clash(inc, m)


def _generic_noun(m: Mention) -> bool:
    return m.generic and m.trigger.pos_ not in ("VERB", "AUX")


def _within(a: Place | None, b: Place | None, countries: dict) -> bool:
    """Compatible places: the same name, one unnamed or a country, or one in the other's admin1 ('Orum al-Kubra'
    in Aleppo province, 'Aleppo')."""
    if a is None or b is None or fold(a.location) in countries or fold(b.location) in countries:
        return True
    return norm_name(a.location) == norm_name(b.location) or _inside(a, b) or _inside(b, a)


def _inside(a: Place, b: Place) -> bool:
    """Is place `a` in `b` (b is a's admin1)?"""
    return bool(a.admin1) and norm_name(a.admin1) == norm_name(b.location)


def _antecedent(out: list[Incident], m: Mention, countries: dict, types: dict) -> Incident | None:
    """A report that refers back ('the attack ... killed a nurse', 'the bombardment struck the town', "Monday's
    raid"): a definite event noun types it, or a generic report has an anaphor in its clause. It restates the
    latest earlier event of its family when that one is at a compatible place, with no other acting side, day or
    toll of its own (ACLED: mentions of one event are one event)."""
    if not (m.definite or m.generic and any(c.kind == "anaphor" for c in m.cues)):
        return None  # a specific act in the attack ('a child was abducted in the attack') is one of its own
    fam = family(types, m.sub)
    # the latest event of its family that the noun can name: a generic word any, a specific one ('the bomber',
    # 'the raids') one of its own type or a more specific one ('the raids' after 'warplanes bombed')
    inc = next((o for o in reversed(out) if family(types, o.sub) == fam and (m.generic or any(
        x.sub == m.sub or x.priority >= m.priority for x in o.mentions))), None)
    if inc is None or _side_clash(inc, m) or any(family(types, x.sub) != fam for x in inc.mentions
                                                 if not x.casualty_only):
        return None
    if m.explicit and inc.date is not None and m.date_value != inc.date:
        return None
    if m.killed is not None and any(x.killed not in (None, m.killed) for x in inc.mentions):
        return None  # another toll: another event ('the fighting claimed 245 lives' after 'killed 10')
    return inc if _within(_place(inc), m.place, countries) else None


def _toll_target(out: list[Incident], m: Mention) -> Incident | None:
    """The event a casualty clause reports the toll of: the one with that toll ('31 dead' ... '31 were killed'),
    else the latest event. Never one it names another acting side for ('Rebels killed ten soldiers in Daraa' after
    Syrian air strikes on Zabadani): ACLED codes one event per pair of actors, so that toll is an event of its
    own. A place alone does not split it (a village named in a toll is often inside the event's area)."""
    fits = [inc for inc in out if not _side_clash(inc, m)]
    same = [inc for inc in fits if m.killed is not None and any(x.killed == m.killed for x in inc.mentions)]
    if same:
        return same[-1]
    return out[-1] if fits and fits[-1] is out[-1] else None


def _damage_of(out: list[Incident], m: Mention, countries: dict, types: dict) -> Incident | None:
    """A destruction no side is named for ('The equipment was destroyed in the vicinity of the airfield', 'nearby
    cars, houses and buildings were all destroyed') after a violent event at a compatible place, on its day: what
    that event destroyed (ACLED Codebook 2023, Looting/property destruction: coded only when it is not part of
    another form of political violence)."""
    if m.sub != DESTRUCTION or not m.generic or m.actor1 is not None or not out:
        return None
    inc = out[-1]
    if family(types, inc.sub) != "political violence" or m.explicit and m.date_value != inc.date:
        return None
    return inc if _within(_place(inc), m.place, countries) else None


DESTRUCTION = "Looting/property destruction"


def _target(out: list[Incident], m: Mention, countries: dict, types: dict) -> Incident | None:
    """The earlier incident `m` restates, if any."""
    if m.casualty_only and out:
        return _toll_target(out, m)
    damaged = _damage_of(out, m, countries, types)
    if damaged is not None:
        return damaged
    back = _antecedent(out, m, countries, types)
    if back is not None:
        return back
    date, loc = m.date_value, m.place.location if m.place else None
    for inc in reversed(out):  # another type's report of the event: the same (known) day at a compatible place
        if date is not None and inc.date == date and inc.sub != m.sub and not _further(m) and _restates(
                inc, m, types) and _within(
                next((x.place for x in inc.mentions if x.place), None), m.place, countries):
            return inc
    for inc in reversed(out):  # the same side acting on the same day at a compatible place: one event
        if _one_event(inc, m, countries, types):
            return inc
    for n, inc in enumerate(reversed(out)):
        if inc.sub != m.sub or inc.date != date:
            continue
        if loc is None and n > 0 and m.explicit:
            return None  # an unplaced, dated mention ("airstrikes on Wednesday") restates only the latest event
        if _same_place(loc, inc.loc):
            return inc
        if (n == 0 and (m.killed is not None or m.injured is not None) and m.sent.text.find(inc.loc) >= 0
                and fold(inc.loc) not in countries):
            return inc  # "two killed by a mortar round that hit the Opera House": the toll of that event
    return None


def _one_event(inc: Incident, m: Mention, countries: dict, types: dict) -> bool:
    """Does `m`, undated in its sentence, carry on the report of the event `inc`: no other side named acting ('Daesh
    said three of its fighters carried out an attack on a Damascus police station on Monday' ... 'two of the
    fighters fired shots in the station'), of one event type (a generic report: of any violent one; air strikes
    beside a battle are an event of their own), on the narrative's day and at a compatible place, with no toll
    but the event's own, and no additive word ('also', 'another': `_further`)? ACLED Codebook 2023: a violent
    event is one pair of actors at one place on one day, whatever acts it comprises (strategic developments are
    distinct acts). Two reports of one sentence that `per_sentence` kept apart stay two."""
    if m.explicit or m.headline or m.date_value is None or inc.date != m.date_value or _further(m):
        return False  # a report dated on its own ('on Wednesday') is its own; the headline joins in _join_leads
    if all(x.headline for x in inc.mentions):
        return False
    if not family(types, inc.sub) == family(types, m.sub) == "political violence" or any(
            x.sent.start == m.sent.start for x in inc.mentions):
        return False
    if not m.generic and types.get(inc.sub) != types.get(m.sub):
        return False
    same = m.actor1 is None or any(x.actor1 and (x.actor1.key and x.actor1.key == m.actor1.key or fold(
        x.actor1[0]) == fold(m.actor1[0])) for x in inc.mentions)
    tolls = {x.killed for x in inc.mentions if x.killed is not None}
    return same and (m.killed is None or tolls <= {m.killed}) and _within(_place(inc), m.place, countries)


ADDITIVE = frozenset({"also", "too", "another", "further", "separately", "elsewhere", "meanwhile"})


def _further(m: Mention) -> bool:
    """'The air force also killed at least 10 people', 'in another attack': an additive word on the event's clause
    reports a further event, not more of the last one."""
    t = m.trigger
    scope = [t, t.head] if t.pos_ not in ("VERB", "AUX") else [t]
    return any(c.lower_ in ADDITIVE for x in scope for c in x.children if c.dep_ in ("advmod", "det", "amod"))


def _join_leads(out: list[Incident], countries: dict, types: dict) -> None:
    """An undated lead ("Army shells village", or dated only by the day of a statement) is the next dated report
    of its type at a compatible place (the same, one inside the other's admin1, or a country). A headline
    summarises the article's event ('Suicide bomber kills 4 in Qardaha'): it is the first report that follows of
    an event of its family at a compatible place (the same, or a country, or none), whatever its date."""
    for inc in list(out):
        headline = all(m.headline for m in inc.mentions)
        if not headline and not all(m.date and m.date.published for m in inc.mentions):
            continue
        later = out[out.index(inc) + 1:]
        twin = next((o for o in later if _leads(inc, o, countries, types, headline)), None) if headline else next(
            (o for o in later if o.sub == inc.sub
             and any(m.explicit for m in o.mentions) and _within(_place(inc), _place(o), countries)
             and _recent(o.date, inc.date) and _tolls_agree(inc, o) and not _same_sentence(inc, o)), None)
        if twin is not None:
            twin.mentions[:0] = inc.mentions
            out.remove(inc)


LEAD_DAYS = 7  # a lead dated by its publication reports the news of the past week


def _recent(day: str | None, published: str | None) -> bool:
    """Is the dated report's day (or month, year) one a lead published on `published` can be about: within
    LEAD_DAYS before it, or a coarser date that holds it ("in July" for a lead of 27 July)?"""
    if not day or not published:
        return True
    if len(day) < 10:
        return published.startswith(day)
    try:
        gap = (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(day)).days
    except ValueError:
        return True
    return -1 <= gap <= LEAD_DAYS


def _same_sentence(a: Incident, b: Incident) -> bool:
    """Reports in one sentence that `per_sentence` kept apart ('raided a mine and abducted 15 miners') are two
    events of that sentence: never joined again as a lead and its report."""
    return bool({m.sent.start for m in a.mentions} & {m.sent.start for m in b.mentions})


def _tolls_agree(a: Incident, b: Incident) -> bool:
    """No two different death tolls: a lead with a toll of its own that no report repeats sums more than one
    event ('nearly 50 killed over the past two days' over '23 on Monday' and '25 on Tuesday')."""
    ka = {m.killed for m in a.mentions if m.killed is not None}
    kb = {m.killed for m in b.mentions if m.killed is not None}
    return not ka or not kb or bool(ka & kb)


def _place(inc: Incident) -> Place | None:
    return next((m.place for m in inc.mentions if m.place), None)


def _leads(head: Incident, o: Incident, countries: dict, types: dict, headline: bool) -> bool:
    if not headline or family(types, head.sub) != family(types, o.sub) or _side_clash(head, o):
        return False
    return _wide_or_same(head.loc, o.loc, countries)


def _wide_or_same(a: str | None, b: str | None, countries: dict) -> bool:
    """Compatible places of a lead and a report: the same, or one is unnamed or a country."""
    return a is None or b is None or fold(a) in countries or fold(b) in countries or _same_place(a, b)


def _focus(mentions: list[Mention], countries: dict) -> Place | None:
    """The article's first place below country level: the place of an event that names none."""
    return next((m.place for m in mentions if m.place and fold(m.place.location) not in countries), None)


def settle(inc: Incident, focus: Place | None) -> None:
    """The incident's fields: those of its clearest mention (dated, not only casualties), else the first given;
    counts are the lowest figure of reports counting the same victims (ACLED: the most conservative explicit
    figure, not a running total), else the largest, or added up for an additive mention. The body's reports come
    before the headline's, which fills only what the body leaves open."""
    body = [m for m in inc.mentions if not m.headline]
    ms = body + [m for m in inc.mentions if m.headline]
    events = [m for m in body if not m.casualty_only] or [m for m in ms if not m.casualty_only] or ms
    # the clearest report: an event clause over a casualty clause, dated over undated, specific over generic
    inc.evidence = pick = max(events, key=lambda m: (m.explicit, not m.generic))
    inc.first = min(body or ms, key=lambda m: m.start_char)
    # the type of the most specific report: a specific act, else one naming the means (a blast), body first
    typed = [m for m in ms if not m.casualty_only]
    inc.sub = max(typed, key=lambda m: (not m.generic, m.weapon or m.blast, not m.headline)).sub if typed else inc.sub
    inc.actor1 = pick.actor1 or next((m.actor1 for m in ms if m.actor1), None)
    inc.actor2 = pick.actor2 or next((m.actor2 for m in ms if m.actor2), None)
    inc.place = pick.place or next((m.place for m in ms if m.place), None) or (focus if inc.sub else None)
    inc.place = next((m.place for m in ms if m.place and inc.place and _inside(m.place, inc.place)), inc.place)
    inc.when = next((m.date for m in ms if m.explicit), next((m.date for m in ms if m.date), None))
    counted = [m for m in body if m.killed is not None or m.injured is not None] or ms
    inc.killed = inc.injured = None
    seen: set[str] = set()
    for m in counted:  # repeated mentions restate a count; "in addition to the bomber, ..." adds to it
        nouns = counted_nouns(m.sent)
        same = bool(nouns & seen)
        seen |= nouns
        if m.killed is not None:
            inc.killed = m.killed + (inc.killed or 0) if m.additive else restated(inc.killed, m.killed, same)
        if m.injured is not None:
            inc.injured = m.injured + (inc.injured or 0) if m.additive else restated(inc.injured, m.injured, same)


def _without_sums(mentions: list[Mention], countries: dict, types: dict) -> list[Mention]:
    """The mentions without the tolls over several days (`Mention.aggregate`: 'nearly 50 killed over the past two
    days') whose days the article reports as events of the same family at a compatible place: ACLED codes each
    day's event, so the sum is a restatement of them, not a row (and not their most conservative figure)."""
    sums = [m for m in mentions if m.aggregate]
    if not sums:
        return mentions
    days = [m for m in mentions if not m.aggregate and not m.casualty_only and not m.headline]
    drop = {id(s) for s in sums if any(family(types, d.sub) == family(types, s.sub) and _within(
        d.place, s.place, countries) for d in days)}
    return [m for m in mentions if id(m) not in drop]


def merge(mentions: list[Mention], countries: dict, types: dict | None = None) -> list[Incident]:
    """Mentions of one event into one incident, in the order of their first mention. `types`: sub-event type ->
    event type."""
    out: list[Incident] = []
    types = types or {}
    for m in _without_sums(mentions, countries, types):
        target = _target(out, m, countries, types)
        if target is None:
            out.append(Incident(m.sub, m.date_value, m.place.location if m.place else None, [m]))
            continue
        target.mentions.append(m)
        if target.loc is None:
            target.loc = m.place.location if m.place else None
    _join_leads(out, countries, types)
    focus = _focus(mentions, countries)
    for inc in out:
        settle(inc, focus)
    return out
