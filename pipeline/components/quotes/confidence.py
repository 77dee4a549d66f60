"""How sure a quote row is, from the weights of models/quote_cues.json (`confidence`): a base by kind (a
direct quote is surest, a paraphrase least), less for a pronoun speaker, no speaker, or marked text attributed
only because it continues a quoted speaker (or is a fragment a speech act governs)."""
from __future__ import annotations


def confidence(weights: dict[str, float], kind: str, has_speaker: bool, pronoun: bool, continued: bool) -> float:
    conf = weights[kind]
    if has_speaker:
        if pronoun:
            conf -= weights["pronoun_speaker"]
    else:
        conf -= weights["no_speaker"]
    if continued:
        conf -= weights["continued"]
    return round(max(weights["floor"], conf), 2)
