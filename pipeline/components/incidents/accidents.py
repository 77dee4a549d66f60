"""Deaths and blasts without a political actor: ACLED records political violence, demonstrations and strategic
developments (ACLED Codebook 2023, 'ACLED Events'); a natural hazard, an accident or a disease that kills, or a
boiler that explodes, is no event (models/event_types.json `non_violent_causes`, with the definition)."""
from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from .model import Cue, Frame

SUBJECTS = ("nsubj", "nsubjpass")
CAUSE_MARKS = frozenset({"when", "after", "as"})
AT_PREPS = ("at", "in", "of", "inside")


def _blast_source(tok: Token) -> Token | None:
    """What exploded: the subject of an explosion verb ('a boiler exploded') or the place of an explosion noun
    ('an explosion at a chemical plant', 'the explosion of a fuel depot')."""
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subj is not None:
        return subj
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in AT_PREPS:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def accidental_blast(causes: dict, f: Frame) -> bool:
    """An explosion word ('exploded', 'explosion') whose source is a thing that explodes by accident."""
    if not f.mention.blast:
        return False
    src = _blast_source(f.cue.root)
    return src is not None and any(t.lower_ in causes["accident_objects"] for t in src.subtree)


def _natural_cause(causes: dict, sent: Span) -> bool:
    """The sentence names a hazard, an accident or a disease ('a tsunami', 'the car crashed')."""
    return any(t.pos_ in ("NOUN", "PROPN") and t.lower_ in causes["hazards"]
               or t.pos_ == "VERB" and t.lower_ in causes["accident_verbs"] for t in sent)


def _eventless_cause(f: Frame, cue_toks: Collection[int]) -> bool:
    """Deaths whose cause the sentence gives as a clause without any event word ('three officers were killed when
    their helicopter crashed'): an accident, not political violence."""
    if not f.mention.casualty_only:
        return False
    for c in f.cue.root.children:
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in CAUSE_MARKS for m in c.children):
            return not any(t.i in cue_toks for t in c.subtree)
    return False


def _hazard_agent(causes: dict, f: Frame) -> bool:
    """The event word's subject is a hazard: 'an earthquake and tsunami struck the island' is no attack."""
    trig = f.cue.root
    subj = next((c for c in trig.children if c.dep_ in SUBJECTS), None)
    return subj is not None and any(t.lower_ in causes["hazards"] for t in (subj, *subj.conjuncts))


def political(causes: dict, frames: list[Frame], scues: list[Cue], cue_toks: Collection[int]) -> list[Frame]:
    """The sentence's frames that have a political actor. Deaths caused by a clause with no event word, and a
    hazard as the subject of an event word, drop that frame; when the sentence's only cues are casualty and
    explosion words, a hazard, an accident or an accidental blast named in it drops them all. An attack word
    elsewhere in the sentence keeps the deaths an event ('shelling caused a fire that killed ...')."""
    hazard_done = {id(c) for f in frames if _hazard_agent(causes, f) for c in f.mention.cues}
    frames = [f for f in frames if not _hazard_agent(causes, f) and not _eventless_cause(f, cue_toks)]
    attack_words = [c for c in scues if id(c) not in hazard_done and c.kind in ("event", "weapon")
                    and not c.group.get("effect")]
    if not frames or attack_words:
        return frames
    if hazard_done:
        return []  # 'an earthquake struck the island and killed 40': its deaths are the hazard's too
    sent = frames[0].mention.sent
    if any(accidental_blast(causes, f) for f in frames) or _natural_cause(causes, sent):
        return []
    return frames
