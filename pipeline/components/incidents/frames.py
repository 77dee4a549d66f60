"""Step 2, event frames from the parse: cues grouped by sentence and by the clause they sit in; each clause that
reports an event (not irrealis, not background) becomes a mention typed by its most specific cue."""
from __future__ import annotations

from spacy.tokens import Span

from ...syntax import clause_heads, is_irrealis
from .model import Cue, DocContext, Frame, Mention, SentenceContext
from .places import chains, place_tokens

CLAUSE_DEPS = {"ROOT", "advcl", "ccomp", "relcl", "parataxis", "xcomp", "acl"}
MODALS = {"could", "would", "might", "may", "will", "shall", "should", "'ll", "wo", "ca", "must"}
IRREALIS_MARKS = frozenset(MODALS | {"if", "unless"})


def by_sentence(ctx: DocContext, cues: list[Cue], combo_sents: list[Span]) -> list[tuple[Span, list[Cue]]]:
    """The sentences holding a cue or typed by a combination, in order, each with its cues."""
    grouped: dict[int, list[Cue]] = {s.start: [] for s in combo_sents}
    sents = {s.start: s for s in combo_sents}
    for c in cues:
        s = ctx.ix.sentence_of(c.span.start)
        sents[s.start] = s
        grouped.setdefault(s.start, []).append(c)
    return [(sents[start], scues) for start, scues in sorted(grouped.items())]


def sentence_context(ctx: DocContext, sent: Span) -> SentenceContext:
    found = chains(ctx, sent)
    return SentenceContext(ctx, sent, found, place_tokens(ctx, sent, found), clause_heads(sent, CLAUSE_DEPS))


def irrealis(ctx: DocContext, tok) -> bool:
    """Negated, modal or hypothetical ('threatened to attack'). A quote is not irrealis by itself: monitors and
    officials report casualties in direct speech ("25 people were killed on Tuesday," the Observatory said)."""
    return is_irrealis(tok, IRREALIS_MARKS, ctx.lex.hypothetical)


def _pick(real: list[Cue], casualty: list[Cue], h: int) -> tuple[Cue, Cue | None]:
    """The cue that types the clause: a specific event cue that heads it, else the highest priority (first on a
    tie); and the cue at the clause head, if any."""
    head_cue = next((c for c in real if c.span.start <= h < c.span.end), None)
    if head_cue and head_cue.kind == "event" and not head_cue.group.get("generic"):
        return head_cue, head_cue
    return max(real or casualty, key=lambda c: (c.group["priority"], -c.span.start)), head_cue


def _frame(sc: SentenceContext, h: int, ccues: list[Cue], anaphor: bool) -> Frame | None:
    real = [c for c in ccues if c.kind in ("event", "weapon")]
    casualty = [c for c in ccues if c.kind == "casualty"]
    if not real and not casualty:
        return None
    pick, head_cue = _pick(real, casualty, h)
    if irrealis(sc.ctx, pick.root):
        return None
    doc, sent = sc.sent.doc, sc.sent
    ctoks = [doc[i] for i in range(sent.start, sent.end) if sc.heads[i].i == h]
    if sc.ctx.lex.background.search(" ".join(t.text for t in ctoks).lower()) is not None:
        return None  # its own words, not a nested clause's
    trig = doc[h] if head_cue is pick else pick.root
    m = Mention(sub=pick.group["sub"], sent=sent, start_char=min(t.idx for t in ctoks),
                end_char=max(t.idx + len(t) for t in ctoks), trigger=trig, cues=ccues,
                casualty_only=not real, anaphoric=anaphor, weapon=pick.kind == "weapon",
                blast=bool(pick.group.get("effect")))
    return Frame(m, pick, ctoks)


def clause_frames(sc: SentenceContext, scues: list[Cue]) -> list[Frame]:
    """One frame per clause of the sentence that reports an event, in the order of its first cue."""
    clauses: dict[int, list[Cue]] = {}
    for c in scues:
        clauses.setdefault(sc.heads[c.root.i].i, []).append(c)
    anaphor = any(c.kind == "anaphor" for c in scues)
    frames = (_frame(sc, h, ccues, anaphor) for h, ccues in clauses.items())
    return [f for f in frames if f is not None]
