"""Step 3: marked spans still without a cue. A fragment governed by a speech act is a quote; marked text that
continues a quoted speaker is a quote of that speaker: the same multi-paragraph quote, whole sentences in the
speaker's paragraph, or a whole paragraph right after one (a paragraph of narration that still names the speaker
may stand in between); a trailing cue after a full stop. Everything else in marks (scare quotes, names, pull
quotes repeated from another quote) is dropped."""
from __future__ import annotations

import re

from . import marks
from .cues import after_cue, governing_cue
from .model import Attribution, Candidate, DocContext, Segment
from .subjects import PRONOUN_TAGS


def governed_fragments(ctx: DocContext, segs: list[Segment]) -> None:
    """X called Y “a disgrace”: the speech act's subject owns the fragment."""
    for s in segs:
        if s.kind is None:
            found = governing_cue(ctx, s, ctx.inside)
            if found is not None:
                s.attr, s.kind, s.frag = found, "direct", True


def group_attributions(segs: list[Segment]) -> None:
    """Within a multi-paragraph quote: the nearest attribution before, else the first one after."""
    for order in (reversed(segs), segs):  # the forward pass overwrites: nearest before wins over first after
        group_attr: dict[int, Attribution] = {}
        for s in order:
            if s.group is None:
                continue
            if s.attr and not s.frag:
                group_attr[s.group] = s.attr
            elif s.kind is None and s.group in group_attr:
                s.group_attr = group_attr[s.group]


def in_focus(ctx: DocContext, attr: Attribution, para: tuple[int, int]) -> bool:
    """Does a paragraph name the speaker of `attr` again (its name, a word of it, or a matching pronoun)?"""
    doc, cues, subj = ctx.doc, ctx.cues, attr.subj
    if attr.mention is not None:
        words = {t.lower_ for t in attr.mention if t.is_alpha and len(t) > 2}
    elif subj is None:
        return False
    elif subj.tag_ in PRONOUN_TAGS:
        p = subj.lower_
        words = cues.male | cues.female if p in cues.male | cues.female else {p}
    else:
        span = ctx.ents[ctx.ent_at[subj.i]] if ctx.ent_at[subj.i] >= 0 else doc[subj.i:subj.i + 1]
        words = {t.lower_ for t in span if t.is_alpha and len(t) > 2 and t.is_title}
    lo, hi = ctx.tok_range(*para)
    return any(doc[t].lower_ in words for t in range(lo, hi))


def _last_by_paragraph(segs: list[Segment], reported: list[Candidate]) -> dict[int, Attribution]:
    last: dict[int, Attribution] = {}
    for q in reported:
        last[q.para] = q.attr
    for s in segs:
        if s.attr and not s.frag:
            last[s.para] = s.attr
    return last


def _previous(ctx: DocContext, para: int, last: dict[int, Attribution]) -> Attribution | None:
    """The attribution a paragraph continues: the last of the paragraph before, or of the one before that
    when the paragraph in between is narration that still talks about the speaker."""
    prev = last.get(para - 1)
    if prev is None and para >= 2 and (para - 1) not in last:
        older = last.get(para - 2)
        if older is not None and in_focus(ctx, older, ctx.paras[para - 1]):
            prev = older
    return prev


def _continue(ctx: DocContext, s: Segment, cur: Attribution | None, prev: Attribution | None) -> None:
    """Attribute one cue-less marked span to the speaker it continues, or to a trailing cue after a full stop."""
    text, few = ctx.text, ctx.cues.max_scare_words
    ps, pe = ctx.paras[s.para]
    words = len(text[s.start:s.end].split())
    whole = text[ps:s.open].strip() == "" and text[s.close + 1:pe].strip(" .,;\u2026") == ""
    if s.group_attr:
        s.attr, s.kind, s.cont = s.group_attr, "direct", True
    elif cur is not None and words > few and marks.standalone(ctx.cues, text, s, ps, pe):
        s.attr, s.kind, s.cont = cur, "direct", True
    elif prev is not None and whole and words > few:
        s.attr, s.kind, s.cont = prev, "direct", True
    elif s.closed and words > few:
        found = after_cue(ctx, s, s.nxt, ctx.inside, strict=True)
        if found is not None:
            s.attr, s.kind = found, "direct"


def continuations(ctx: DocContext, segs: list[Segment], reported: list[Candidate]) -> None:
    """Cue-less marked spans that continue a quoted speaker, paragraph by paragraph."""
    last = _last_by_paragraph(segs, reported)
    prev_attr = cur_attr = None
    prev_para = -1
    for s in segs:
        if s.para != prev_para:
            prev_attr = _previous(ctx, s.para, last)
            cur_attr = None
            prev_para = s.para
        if s.kind:
            if s.attr and not s.frag:
                cur_attr = s.attr
            continue
        _continue(ctx, s, cur_attr, prev_attr)
        if s.attr:
            cur_attr = s.attr


def drop_pull_quotes(ctx: DocContext, segs: list[Segment]) -> None:
    """A cue-less continuation whose text is repeated inside another quote is a pull quote."""
    bodies = [(s, re.sub(r"\W+", " ", ctx.text[s.start:s.end].lower()).strip()) for s in segs if s.kind]
    for s, body in bodies:
        if s.cont and any(o is not s and len(body) < len(b2) and body in b2 for o, b2 in bodies):
            s.kind = None


def uncued(ctx: DocContext, segs: list[Segment], reported: list[Candidate]) -> None:
    """Step 3 in order: governed fragments, multi-paragraph quotes, continuations, pull quotes."""
    governed_fragments(ctx, segs)
    group_attributions(segs)
    continuations(ctx, segs, reported)
    drop_pull_quotes(ctx, segs)
