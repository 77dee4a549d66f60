"""Content spans of reported speech: the `Report` record, the trimming of a content to the reported proposition
(no edge punctuation, no leading "that", no trailing aside of the author), the outermost attribution of nested
ones, and the two sides of a parenthetical cue (PolNeAR guidelines: the content is what is ascribed, nothing
else; an attribution nested in the content of another is not annotated)."""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

# a trailing aside set off by a comma is the author's, not the source's (see trim)
ASIDE_DEPS = frozenset({"relcl", "appos", "acl", "advcl"})
ADVERBIAL_DEPS = frozenset({"prep", "advmod", "npadvmod", "cc", "mark", "advcl", "pobj"})


class Report(NamedTuple):
    """One reported attribution: cue token, content tokens [start, end), source token, and the gap a
    parenthetical cue leaves inside the content (or None)."""
    cue: Token
    start: int
    end: int
    subj: Token | None
    gap: tuple[int, int] | None = None


def trim(doc: Doc, a: int, b: int, concessive: frozenset[str]) -> tuple[int, int] | None:
    """Content without edge punctuation, spaces or a leading complementiser "that", and without a trailing
    aside the author adds (the guidelines: "when in doubt, don't include it"): a non-restrictive relative
    clause, an apposition or a participle or concessive clause set off by a comma ("..., which ...",
    "..., the latest chapter in ...", "..., focusing on ...", "..., although ...": a mark of `concessive`). An
    aside inside the content ("that states, led by X, will allow ...") is the source's and stays."""
    e = b
    while e > a and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    for t in range(a + 2, b):
        if doc[t - 1].text != ",":
            continue
        c = doc[t]  # the phrase that opens after the comma: the highest token whose subtree starts at t
        while c.head.i != c.i and c.head.left_edge.i == t and c.head.i < b:
            c = c.head
        if c.dep_ in ASIDE_DEPS and c.head.i < t and a <= c.head.i and c.right_edge.i + 1 >= e and \
                (c.dep_ != "advcl" or c.tag_ == "VBG" or doc[t].tag_ in ("WDT", "WP") or
                 any(m.dep_ in ("mark", "advmod") and m.lower_ in concessive for m in c.children)):
            b = t - 1
            break
    while a < b and (doc[a].is_punct or doc[a].is_space or
                     doc[a].lower_ == "that" and doc[a].dep_ == "mark" and a + 1 < b):  # not "that argument"
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return (a, b) if b > a else None


def outermost(reports: list[Report], inside: list[bool]) -> list[Report]:
    """Outer attributions first; a cue inside an accepted content is a nested attribution and is dropped (the
    guidelines annotate the outer one), unless it is the parenthetical cue of that content. A source inside its
    own content, or inside quotation marks, is no source: that report is dropped too."""
    accepted: list[Report] = []
    for r in sorted(reports, key=lambda r: -(r.end - r.start)):
        v = r.cue.i
        if any(o.start <= v < o.end and not (o.gap and o.gap[0] <= v < o.gap[1]) for o in accepted):
            continue
        s = r.subj
        if s is None or inside[s.i] or (r.start <= s.i < r.end and not (r.gap and r.gap[0] <= s.i < r.gap[1])):
            continue
        accepted.append(r)
    return accepted


def split_gaps(reports: list[Report], concessive: frozenset[str], min_tokens: int = 2) -> list[Report]:
    """"A, he said, B": the two sides of a parenthetical cue, each a report with the same source."""
    out = []
    for r in reports:
        if r.gap is None:
            out.append(r)
            continue
        doc = r.cue.doc
        for x, y in ((r.start, r.gap[0]), (r.gap[1], r.end)):
            xy = trim(doc, x, y, concessive)
            if xy is not None and xy[1] - xy[0] >= min_tokens and not _circumstance(doc, *xy):
                out.append(Report(r.cue, xy[0], xy[1], r.subj))
    return sorted(out, key=lambda r: r.start)


def _circumstance(doc: Doc, a: int, b: int) -> bool:
    """A side of a parenthetical cue that only sets the scene ("In Syria, X said, A" / "But in July, X said,
    A"): a phrase with no verb whose root modifies the clause (a preposition, an adverb, a conjunction)."""
    roots = [t for t in doc[a:b] if not a <= t.head.i < b or t.head.i == t.i]
    return not any(t.pos_ in ("VERB", "AUX") for t in doc[a:b]) and \
        all(t.dep_ in ADVERBIAL_DEPS or t.is_punct for t in roots)
