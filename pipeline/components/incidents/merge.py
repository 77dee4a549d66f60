"""Step 4, merge: one incident per type per sentence (casualty clauses fold into the sentence's event, a generic
noun after a weapon event is that event), then mentions of one event across the article (same type, date and a
compatible place) into one incident with the most conservative reading of its fields."""
from __future__ import annotations

from ...text import fold, norm_name
from .counts import larger
from .model import Incident, Mention, Place

SUBSUMED = {"Armed clash", "Attack", "Looting/property destruction"}


def _same_place(a: str | None, b: str | None) -> bool:
    return a is None or b is None or norm_name(a) == norm_name(b)


def subsume(kept: list[Mention]) -> list[Mention]:
    """One sentence, one event: a generic noun ('the attack', 'fighting', 'destroyed') named after a weapon event
    of the sentence at the same place is that event, not a second incident. Verb clauses ('shelled X and
    exchanged gunfire') stay separate events."""
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


def per_sentence(mentions: list[Mention]) -> list[Mention]:
    """The sentence's incidents: one per type (later mentions of a type lend it their missing fields), the
    subsumed ones dropped; the first mention when only casualty clauses remain. A lone mention spans the sentence."""
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
    sent = mentions[0].sent
    if not kept:
        kept = [mentions[0]]
        kept[0].start_char, kept[0].end_char = sent.start_char, sent.end_char
    if len(kept) == 1:
        kept[0].start_char, kept[0].end_char = sent.start_char, sent.end_char
    return kept


def _target(out: list[Incident], m: Mention, countries: dict) -> Incident | None:
    """The earlier incident `m` restates, if any."""
    if m.casualty_only and out:
        return out[-1]
    date, loc = m.date_value, m.place.location if m.place else None
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


def _join_leads(out: list[Incident]) -> None:
    """An undated headline or lead ("Army shells village") is the dated report that follows it."""
    for inc in list(out):
        if all(m.date and m.date.published for m in inc.mentions):
            twin = next((o for o in out if o is not inc and o.sub == inc.sub and any(
                m.explicit for m in o.mentions) and _same_place(inc.loc, o.loc)), None)
            if twin is not None:
                twin.mentions[:0] = inc.mentions
                out.remove(inc)


def _focus(mentions: list[Mention], countries: dict) -> Place | None:
    """The article's first place below country level: the place of an event that names none."""
    return next((m.place for m in mentions if m.place and fold(m.place.location) not in countries), None)


def settle(inc: Incident, focus: Place | None) -> None:
    """The incident's fields: those of its clearest mention (dated, not only casualties), else the first given;
    counts are the largest restated figure, or added up for an additive mention."""
    ms = inc.mentions
    inc.evidence = pick = next((m for m in ms if m.explicit and not m.casualty_only),
                               next((m for m in ms if not m.casualty_only), ms[0]))
    inc.actor1 = pick.actor1 or next((m.actor1 for m in ms if m.actor1), None)
    inc.actor2 = pick.actor2 or next((m.actor2 for m in ms if m.actor2), None)
    inc.place = pick.place or next((m.place for m in ms if m.place), None) or (focus if inc.sub else None)
    inc.when = next((m.date for m in ms if m.explicit), next((m.date for m in ms if m.date), None))
    inc.killed = inc.injured = None
    for m in ms:  # repeated mentions restate a count; "in addition to the bomber, ..." adds to it
        if m.killed is not None:
            inc.killed = m.killed + (inc.killed or 0) if m.additive else larger(inc.killed, m.killed)
        if m.injured is not None:
            inc.injured = m.injured + (inc.injured or 0) if m.additive else larger(inc.injured, m.injured)


def merge(mentions: list[Mention], countries: dict) -> list[Incident]:
    """Mentions of one event into one incident, in the order of their first mention."""
    out: list[Incident] = []
    for m in mentions:
        target = _target(out, m, countries)
        if target is None:
            out.append(Incident(m.sub, m.date_value, m.place.location if m.place else None, [m]))
            continue
        target.mentions.append(m)
        if target.loc is None:
            target.loc = m.place.location if m.place else None
    _join_leads(out)
    focus = _focus(mentions, countries)
    for inc in out:
        settle(inc, focus)
    return out
