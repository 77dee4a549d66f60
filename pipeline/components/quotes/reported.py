"""Step 2: reported speech from the parse (`indirect.IndirectSpeech`) around the direct quotes: a content that
overlaps a direct quote is dropped; a marked span that is the whole content is a direct quote after all ("X said
“…”" parsed as a complement); marked fragments inside a content make it "mixed"."""
from __future__ import annotations

from .contents import Report, outermost, split_gaps
from .cues import cue_text
from .indirect import SPEAKER_ENTS as NAME_ENTS
from .labels import label_reports
from .model import Attribution, Candidate, DocContext, Segment
from .subjects import report_subject


def named(doc, r: Report) -> bool:
    """A one-word content that is a name is a whole content: the guidelines' support or opposition for a thing
    ("the union endorses Clinton", "X has been critical of Trump"); a one-word clause or phrase is not."""
    t = doc[r.start] if r.end - r.start == 1 else None
    return t is not None and t.pos_ == "PROPN" and (t.ent_type_ in NAME_ENTS or not t.ent_type_) and \
        r.cue.pos_ != "NOUN"  # "its support for Damascus": a noun with a bare name names the policy, an act


def nested_cue(r: Report, c: int | None) -> bool:
    """The cue token `c` of a direct quote stands inside the content of `r`: below its cue in the parse, not in a
    clause coordinated with the content ("she said A, and when pressed, X replied “…”" is two attributions), or on
    either side of a parenthetical cue."""
    if c is None or not r.start <= c < r.end or r.gap and r.gap[0] <= c < r.gap[1]:
        return False
    if r.gap:
        return True  # "A, X said, B": the parenthetical cue governs both sides, whatever the parse hangs on it
    t = r.cue.doc[c]
    for _ in range(12):
        if t.i == r.cue.i:
            return True
        if t.dep_ == "conj" or t.head.i == t.i:
            return False
        t = t.head
    return False


def verb_group(ctx: DocContext, v) -> str:
    """The cue as reported; a negated or modal verb cue with its verb group, as the guidelines mark it ("did
    not say", "would argue", "has never claimed"): the auxiliaries and the negation before the verb."""
    ind = ctx.cues.indirect
    group = [c for c in v.lefts if c.dep_ in ("aux", "neg") or c.dep_ == "advmod" and c.lower_ in ind.negators]
    if not any(c.dep_ == "neg" or c.lower_ in ind.negators or c.lower_ in ind.modals for c in group):
        return cue_text(ctx, v)
    return ctx.text[group[0].idx:v.idx + len(v.text)]


def reports(ctx: DocContext, segs: list[Segment], used_cues: set[int]) -> list[Report]:
    """The reported attributions of the Doc, outermost first and split at parenthetical cues, in text order."""
    doc, cues = ctx.doc, ctx.cues
    # a direct quote blocks a report over it, unless its own cue stands inside that report's content: then the
    # quote is nested in the report ("X said Y was “right” when he said “…”"), and the guidelines annotate the
    # outer attribution (the quote keeps its row)
    taken = [(s.start, s.end, s.attr.cue_i if s.attr is not None else None) for s in segs if s.kind == "direct"]
    found = []
    for i in (i for i, h in enumerate(ctx.lowers) if h in cues.reporting_ids):
        if i in used_cues or ctx.inside[i]:
            continue
        r = cues.indirect.report(doc[i], lambda v: report_subject(cues, ctx, v))
        if r is None or r.end - r.start < cues.min_indirect_tokens and not named(doc, r):
            continue
        cs, ce = doc[r.start].idx, doc[r.end - 1].idx + len(doc[r.end - 1])
        if not any(x < ce and cs < y and not nested_cue(r, c) for x, y, c in taken):
            found.append(r)
    ind = cues.indirect
    found += label_reports(doc, ctx.paras, ctx.tok_range, ind.label_sources, ind.concessive, ctx.inside,
                           set(ctx.full_names))
    return sorted(split_gaps(outermost(found, ctx.inside), cues.indirect.concessive), key=lambda r: r.start)


def reported_quotes(ctx: DocContext, segs: list[Segment], used_cues: set[int]) -> list[Candidate]:
    """Indirect and mixed quotes; marked spans the reports take are marked on the segments."""
    doc, text = ctx.doc, ctx.text
    out = []
    for r in reports(ctx, segs, used_cues):
        a, b = r.start, r.end
        cs, ce = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        attr = Attribution(verb_group(ctx, r.cue), r.subj, None, r.cue.i)
        direct_like = [s for s in segs if s.kind is None and s.start <= cs + 2 and s.end >= ce - 2]
        if direct_like:  # X said “…” parsed as a complement: the marked text is the quote
            direct_like[0].attr, direct_like[0].kind = attr, "direct"
            continue
        frags = [s for s in segs if s.kind is None and cs <= s.open and s.close <= ce + 1]
        for s in frags:
            s.kind = "fragment"
        # a whole quote nested in the content (its own row stays) also makes the content part quoted
        marked = frags + [s for s in segs if s.kind == "direct" and cs <= s.open and s.close <= ce + 1]
        ce2 = max([ce] + [s.close + 1 for s in marked if s.closed and s.close + 1 <= len(text)])
        if marked and text[ce2 - 1] in "\"\u201d":
            ce2 -= 1  # content ends with the fragment: leave its closing mark out
        out.append(Candidate(attr, cs, ce2, "mixed" if marked else "indirect", para=ctx.ix.paragraph_of(cs)))
    return out
