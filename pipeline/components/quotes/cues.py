"""Direct quotes: the attribution read from a short window after the marks (“…,” X said), before them (X said:
“…”), a dash and a name (“…” ― Name), a transcript label (“NAME: …”), a colon announcing the quote, or a
speech-act verb governing a fragment (X called Y “a disgrace”). Each finder returns an `Attribution` or None."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...text import SUBJECT_DEPS
from . import marks
from .model import Attribution, DocContext, Segment
from .subjects import BAD_SUBJ_TAGS, adjacent_subject, free_relative, subject

# children of a cue that may stand between it and the opening mark of a direct quote
FILLER_DEPS = {"dobj", "dative", "iobj", "prep", "npadvmod", "advmod", "nsubj", "nsubjpass", "agent", "prt", "aux",
               "auxpass", "neg", "pobj", "punct", "mark", "cc", "advcl", "oprd", "attr"}
DASH_NAME = re.compile(r"\s*([\u2015\u2014\u2013])\s*")
LABEL = re.compile(r"([A-Z][A-Z.'\- ]{1,40}[A-Z.]):\s")


def is_according(ctx: DocContext, v: Token) -> bool:
    """`v` opens an "according to" phrase: its first word, the second right after it."""
    second = ctx.cues.according.get(v.lower_)
    return second is not None and v.i + 1 < len(v.doc) and v.doc[v.i + 1].lower_ == second


def cue_text(ctx: DocContext, v: Token) -> str:
    """The cue as reported: the verb as written, or the whole "according to" phrase."""
    second = ctx.cues.according.get(v.lower_)
    return f"{v.lower_} {second}" if second is not None else v.text


def cue_ok(ctx: DocContext, v: Token, strong_only: bool = False) -> bool:
    """A speech verb (or "according to") that can attribute marked text; `strong_only`: not a weak verb."""
    lw = v.lower_
    if lw in ctx.cues.according:
        return is_according(ctx, v)
    if lw not in ctx.cues.speech or v.pos_ not in ("VERB", "AUX"):
        return False
    if strong_only and lw in ctx.cues.weak:
        return False
    return not (v.i > 0 and v.doc[v.i - 1].text in ("-", "so-") or v.text.lower().startswith("so-"))


def governs(v: Token, t: int) -> bool:
    tok = v.doc[min(t, len(v.doc) - 1)]
    return tok.is_ancestor(v) is False and v.is_ancestor(tok)


def has_clause(v: Token, between: Span) -> bool:
    """A verb of its own between the cue and the marks: the marks hold a fragment of a reported clause."""
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "aux", "auxpass") or
               t.dep_ in SUBJECT_DEPS | {"expl"} and t.head.i != v.i for t in between)


def only_filler(v: Token, between: Span, open_tok: int) -> bool:
    """Nothing but the addressee, time/place phrases, "that" and punctuation stands between cue and mark."""
    allowed = set()
    for c in v.children:
        if c.dep_ in FILLER_DEPS and not (c.left_edge.i <= open_tok <= c.right_edge.i):
            allowed.update(range(c.left_edge.i, c.right_edge.i + 1))
    for t in between:
        if t.is_punct or t.is_space or t.lower_ == "that" or t.i in allowed:
            continue
        return False
    return True


def _clause_before_cue(ctx: DocContext, v: Token, subj: Token, lo: int) -> bool:
    """Between the marks and a trailing cue stands more than its subject, time and place phrases: a clause (a
    misparsed noun phrase "X head of the Y said" may stand there)."""
    doc = ctx.doc
    own = set(range(subj.left_edge.i, subj.right_edge.i + 1)) if lo <= subj.i < v.i else set()
    if ctx.ent_at[subj.i] >= 0:  # a name the parser split ("the X of Y and Z Societies (XYZ) said")
        own.update(j for j in range(lo, v.i) if ctx.ent_at[j] == ctx.ent_at[subj.i])
    for c in v.lefts:  # "… in the village on Tuesday the ministry said"
        if c.dep_ in ("prep", "npadvmod", "advmod", "advcl") and c.left_edge.i >= lo:
            own.update(range(c.left_edge.i, c.right_edge.i + 1))
    rest = [doc[j] for j in range(lo, v.i) if not (doc[j].is_punct or doc[j].is_space or j in own or
                                                    doc[j].dep_ in ("advmod", "aux", "neg", "npadvmod"))]
    return bool(rest) and (subj.i >= v.i or any(t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON") for t in rest))


def after_cue(ctx: DocContext, s: Segment, nxt: int, inside: list[bool], strict: bool = False) -> Attribution | None:
    """“…,” X said / “…,” said X / “…,” X, a Y, told Z: the first cue in the short window after the marks."""
    doc, text = ctx.doc, ctx.text
    lo_c = s.close + 1
    ends = marks.sent_ends(text, lo_c, nxt, ctx.cues.abbr)
    lo, hi = ctx.tok_range(lo_c, ends[0] if ends else nxt)
    if hi <= lo:
        return None
    for t in range(lo, min(hi, lo + 30)):
        v = doc[t]
        if inside[t] or not cue_ok(ctx, v, strong_only=t - lo > 1):
            continue
        according = v.lower_ in ctx.cues.according  # cue_ok checked the second word
        subj = subject(ctx.cues, v)
        if subj is not None and not (lo <= subj.i < hi) and not according:
            # a long quote parsed into the cue's clause gives the cue a subject inside the marks ("whatever
            # the cost,” said the minister): the subject is the cue's own subject after the marks, if any
            subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS and lo <= c.i < hi), None)
        if subj is None and not according:
            subj = adjacent_subject(ctx, v, lo, hi, True)
        if subj is None or subj.tag_ in BAD_SUBJ_TAGS:
            continue
        if marks.marks_in_name(subj, s.toks[0]):
            return None  # 'the “X” network reported'
        if according and t - lo > 1:
            return None  # "…,” A did B, according to C": C vouches for the sentence, not the marks
        if not according and _clause_before_cue(ctx, v, subj, lo):
            return None
        # “….” He said. after a full stop (strict): only a bare cue that reports nothing else
        if strict and (any(c.dep_ in ("ccomp", "xcomp") and c.i > v.i for c in v.children) or t - lo > 8):
            return None
        if not according and v.dep_ == "advcl" and any(c.dep_ == "ccomp" and c.i > v.i and c.tag_ != "VBG" and
                                                       any(g.dep_ in SUBJECT_DEPS for g in c.children)
                                                       for c in v.children):
            # “…” when he said that A: a cue heading an adverbial clause, with a finite complement of its own (a
            # clause with its subject), reports that complement, not the marks before it (they belong to the
            # clause the adverbial clause modifies: X said Y was “…” when he said A)
            return None
        return Attribution(cue_text(ctx, v), subj, None, v.i)
    return None


def _window_start(ctx: DocContext, s: Segment, prv: int) -> int:
    """Where the window before the marks opens: after the last sentence end; a whole paragraph quote announced
    by the previous paragraph ending in a colon reaches into that paragraph's last sentence."""
    text, abbr = ctx.text, ctx.cues.abbr
    ps, _ = ctx.paras[s.para]
    lo_c = prv
    for e in marks.sent_ends(text, prv, s.open, abbr):
        lo_c = e
    if text[ps:s.open].strip() == "" and s.para > 0:
        pps, ppe = ctx.paras[s.para - 1]
        if text[pps:ppe].rstrip().endswith(":"):
            lo_c = pps
            for e in marks.sent_ends(text, pps, ppe - 1, abbr):
                lo_c = e
    return lo_c


def before_cue(ctx: DocContext, s: Segment, prv: int, inside: list[bool]) -> Attribution | None:
    """X said: “…” / X said “…” / X told Y that “…”: the cue governing the marks, else the nearest one."""
    doc, text = ctx.doc, ctx.text
    lo_c = _window_start(ctx, s, prv)
    lo, hi = ctx.tok_range(lo_c, s.open)
    open_tok = s.toks[0]
    if hi <= lo or open_tok >= len(doc):
        return None
    cands = [doc[t] for t in range(hi - 1, lo - 1, -1) if not inside[t] and cue_ok(ctx, doc[t])]
    if not cands:
        return colon_cue(ctx, lo, hi, inside) if text[lo_c:s.open].rstrip().endswith(":") else None
    governing = [v for v in cands if governs(v, open_tok)]
    v = governing[0] if governing else cands[0]
    if cands[0] is not v and all(t.is_punct or t.is_space for t in doc[cands[0].i + 1:hi]):
        v = cands[0]  # a cue right before the marks ("footage of X saying, “…”") wins over a remote one
    subj = subject(ctx.cues, v)
    if v.lower_ in ctx.cues.according:  # cue_ok checked the second word
        if subj is None or marks.marks_in_name(subj, open_tok):
            return None  # 'according to the "X" network'
        return Attribution(cue_text(ctx, v), subj, None, v.i)
    if subj is not None and not (lo <= subj.i < hi):
        subj = None
    if subj is None:
        subj = adjacent_subject(ctx, v, lo, hi, False)
    if subj is None:
        return None
    between = doc[v.i + 1:hi]
    colon = text[v.idx + len(v.text):s.open].rstrip().endswith(":")
    weak = v.lower_ in ctx.cues.weak
    if not colon and marks.is_name(doc, s, ctx.cues.max_scare_words) or weak and not colon and not governing:
        return None
    subj = free_relative(ctx.cues, v, subj, inside)
    if colon or only_filler(v, between, open_tok) or not weak and governing and not has_clause(v, between):
        return Attribution(v.text, subj, None, v.i)
    return None


def colon_cue(ctx: DocContext, lo: int, hi: int, inside: list[bool]) -> Attribution | None:
    """"X made the following comment: “…”" / "X is rolling out a new message: “…”": a colon announces the
    quote; the speaker is the subject of the announcing sentence's main verb."""
    doc = ctx.doc
    root = doc[hi - 1].sent.root
    if not lo <= root.i < hi:
        return None
    v = root
    if v.pos_ in ("VERB", "AUX") and not inside[v.i] and (v.dep_ == "ROOT" or not lo <= v.head.i < hi):
        subj = subject(ctx.cues, v)
        if subj is not None and lo <= subj.i < hi and subj.tag_ not in BAD_SUBJ_TAGS:
            return Attribution(v.text, subj, None, v.i)
    return None


def dash_cue(ctx: DocContext, s: Segment, nxt: int) -> Attribution | None:
    """“…” ― Name: a dash and a name right after the marks."""
    doc, ent_at = ctx.doc, ctx.ent_at
    m = DASH_NAME.match(ctx.text, s.close + 1, nxt)
    if not m:
        return None
    lo, hi = ctx.tok_range(m.end(), nxt)
    if hi <= lo:
        return None
    if ent_at[lo] >= 0 or doc[lo].pos_ == "PROPN":
        k = lo
        while k + 1 < hi and (ent_at[lo] >= 0 and ent_at[k + 1] == ent_at[lo] or
                              ent_at[lo] < 0 and doc[k + 1].pos_ == "PROPN"):
            k += 1
        span = doc[lo:k + 1] if ent_at[lo] < 0 else None
        return Attribution(m.group(1), doc[k], span, None)
    return None


def label_cue(ctx: DocContext, s: Segment) -> Attribution | None:
    """Transcripts: “NAME: …” — the speaker label opens the marked text."""
    m = LABEL.match(ctx.text, s.start, s.end)
    if not m:
        return None
    span = ctx.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if span is None:
        return None
    return Attribution(":", None, span, None)


def governing_cue(ctx: DocContext, s: Segment, inside: list[bool]) -> Attribution | None:
    """X called Y “a disgrace” / X accused Y of being “duped”: a speech-act verb up the tree owns the
    fragment, unless the fragment sits inside that verb's own subject (a scare-quoted name)."""
    doc = ctx.doc
    a, b = s.toks
    if b <= a:
        return None
    root = next((doc[t] for t in range(a, b) if not (a <= doc[t].head.i < b) or doc[t].head.i == t), None)
    if root is None:
        return None
    h, hops = root, 0
    for _ in range(40):  # walk up the tree: at most a few verbs, never past the sentence root
        if h.head.i == h.i:
            break
        h = h.head
        if a <= h.i < b or h.pos_ not in ("VERB", "AUX"):
            continue
        hops += 1
        if h.lower_ in ctx.cues.acts and not h.text.lower().startswith("so-"):
            if marks.is_name(doc, s, ctx.cues.max_scare_words):
                return None
            subj = subject(ctx.cues, h)
            if subj is None or inside[subj.i] or subj.left_edge.i <= root.i <= subj.right_edge.i:
                return None
            return Attribution(h.text, free_relative(ctx.cues, h, subj, inside), None, h.i)
        if hops >= 4:
            break
    return None


def direct_quotes(ctx: DocContext, segs: list[Segment]) -> set[int]:
    """Step 1: a cue after or before each marked span, a dash and a name, a transcript label; the cue tokens
    used (reported speech does not take them again)."""
    text, used = ctx.text, set()
    for si, s in enumerate(segs):
        ps, pe = ctx.paras[s.para]
        nxt = segs[si + 1].open if si + 1 < len(segs) and segs[si + 1].para == s.para else pe
        prv = segs[si - 1].close + 1 if si > 0 and segs[si - 1].para == s.para else ps
        s.nxt = nxt
        first_after = text[s.close + 1:nxt].lstrip()[:1]
        found = None
        if s.closed and marks.handed(text, s, first_after) and first_after not in marks.DASHES:
            found = after_cue(ctx, s, nxt, ctx.inside)
        if found is None:
            found = before_cue(ctx, s, prv, ctx.inside)
        if found is None and s.closed and first_after in marks.DASHES:
            found = dash_cue(ctx, s, nxt)
        if found is None:
            found = label_cue(ctx, s)
        if found is not None:
            s.attr, s.kind = found, "direct"
            if found.subj is not None and found.cue_i is not None and not is_according(ctx, ctx.doc[found.cue_i]):
                used.add(found.cue_i)
    return used


def nested_quotes(ctx: DocContext, segs: list[Segment], nested: list[Segment]) -> None:
    """Quotes inside quotes: only a cue of their own inside the attributed outer quote makes them quotes."""
    text = ctx.text
    inner_inside = [False] * len(ctx.doc)
    for s in nested:
        s.toks = ctx.tok_range(s.start, s.end)
        for t in range(*s.toks):
            inner_inside[t] = True
    for s in nested:
        outer = next((o for o in segs if o.open < s.open and s.close <= o.close), None)
        if outer is None or not outer.attr:
            continue
        found = None
        if marks.handed(text, s, text[s.close + 1:outer.close].lstrip()[:1]):
            found = after_cue(ctx, s, outer.close, inner_inside)
        if found is None:
            found = before_cue(ctx, s, outer.start, inner_inside)
        if found is None:
            found = governing_cue(ctx, s, inner_inside)
        if found is not None:
            s.attr, s.kind = found, "direct"
