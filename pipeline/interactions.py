"""ACLED actor types and interaction codes (inter1, inter2, interaction) for incident sides.

The definitions, from ACLED's codebook, are written beside the word lists in `models/actor_kinds.json`
(`_doc_inter`). An actor's code comes from what sitrep knows of it, in this order:
- a state's own forces ("Military Forces of Syria", a registry government or army) or a country acting as a state:
  1 (State Forces) where the event is in that country, 8 (External/Other Forces) elsewhere;
- a registry actor: its registry kind (armed group 2, militia 3, coalition 8, ...);
- a generic side: its head words (rebels, jihadists 2; militias, gunmen, unidentified 3; tribesmen 4; rioters 5;
  protesters 6; civilians, residents, journalists 7);
- otherwise unknown (None): sitrep does not guess a named group's type.
`interaction` is ACLED's two-digit combination, lower code first ("12": state forces vs rebels); a one-sided event is
the code times ten ("20").
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer, lexicon
from .linkrules import KINDS, Guards
from .text import norm_name

STATE_NAME = re.compile(r"^(?:Military|Police) Forces of (?:the )?(.+)$")


class InterCoder:
    """Codes actors; resources loaded once."""

    def __init__(self, guards: Guards | None = None):
        self.guards = guards or Guards()
        data = lexicon.load(KINDS)
        self.words = {w: int(code) for code, ws in data["inter_words"].items() for w in ws}
        self.registry_kind = {k: int(v) for k, v in data["inter_registry_kinds"].items()}
        self.kind_of = {f.name: f.kind for f in gazetteer.factions()[0]}
        self.country_by_name = {n: cc for cc, n in gazetteer.country_names().items()}

    def state_of(self, name: str, type_: str) -> str | None:
        """ISO-2 of the state the actor is (its forces, its government, or the country acting)."""
        m = STATE_NAME.match(name)
        if m:
            return self.country_by_name.get(m.group(1))
        if type_ in ("faction", "org"):
            reg = self.guards.canon.get(norm_name(name))
            if reg in self.guards.registry_state:
                return self.guards.registry_state[reg]
            if reg is None:
                return self.guards.country_of(name)
        return None

    def code(self, name: str | None, type_: str | None, event_country: str | None) -> int | None:
        """The ACLED actor type of one side of an event in `event_country` (ISO-2), or None when unknown."""
        if not name or type_ in ("person", "place"):
            return None
        state = self.state_of(name, type_ or "")
        if state:
            return 1 if event_country in (None, state) else 8
        reg = self.guards.canon.get(norm_name(name))
        if reg:
            return self.registry_kind.get(self.kind_of.get(reg, ""))
        words = re.findall(r"[a-z]+", name.lower())
        codes = [self.words[w] for w in words if w in self.words]
        return codes[-1] if codes else None  # the head comes last: "Islamist rebels" are rebels


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two codes, lower first; one side alone is that code times ten."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


@lru_cache(maxsize=1)
def coder() -> InterCoder:
    return InterCoder()
