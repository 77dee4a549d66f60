"""Reported speech with a colon for its cue: a headline or paragraph that opens with its source ("Pence: Flowers
won't be at the debate", "Poll: wealthy voters abandon the party").

Definition (PolNeAR annotation guidelines): the cue of an attribution can be punctuation; a name followed by a
colon that introduces a proposition ascribes the proposition to the name (the news convention of a headline
label). The source is a person or organisation named by the label alone, or a noun of `label_sources` (an
artifact that relays findings: a poll, a study); a place ("Syria: ...") labels a section, not a speaker. The
content is the rest of the paragraph, when it has a verb and is not a question.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .contents import Report, trim

LABEL_ENTS = frozenset({"PERSON", "ORG", "FACTION"})
MAX_LABEL_TOKENS = 4


def _label_source(doc: Doc, a: int, k: int, sources: frozenset[str], surnames: set[str]) -> Token | None:
    """The head of the label doc[a:k] when it is one name (or one source noun), else None."""
    if not 0 < k - a <= MAX_LABEL_TOKENS:
        return None
    toks = doc[a:k]
    if len(toks) == 1 and toks[0].lower_ in sources:
        return toks[0]
    ents = {t.ent_type_ for t in toks}
    if len(ents) == 1 and ents <= LABEL_ENTS and all(t.ent_iob_ != "O" for t in toks) and \
            sum(t.ent_iob_ == "B" for t in toks) == 1:
        return toks[-1]
    if all(t.pos_ == "PROPN" and t.ent_iob_ == "O" for t in toks) and toks[-1].lower_ in surnames:
        return toks[-1]
    return None


def label_reports(doc: Doc, paras: list[tuple[int, int]], token_range, sources: frozenset[str],
                  concessive: frozenset[str], inside: list[bool], surnames: set[str]) -> list[Report]:
    """One report per paragraph of the form "LABEL: content"."""
    out = []
    for ps, pe in paras:
        a, b = token_range(ps, pe)
        colon = next((k for k in range(a + 1, min(b, a + MAX_LABEL_TOKENS + 1)) if doc[k].text == ":"), None)
        if colon is None or inside[colon]:
            continue
        src = _label_source(doc, a, colon, sources, surnames)
        if src is None:
            continue
        span = trim(doc, colon + 1, b, concessive)
        if span is None or span[1] - span[0] < 3 or any(inside[t] for t in range(*span)):
            continue
        if doc[b - 1].text == "?":
            continue
        out.append(Report(doc[colon], span[0], span[1], src))
    return out
