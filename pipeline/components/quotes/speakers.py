"""Speaker resolution: a mention's name, actor key and label. A name gives its actor (a bare surname the earlier
full name); a pronoun the last suitable speaker or mention ("he"/"she" a person of that gender, "they"/"it" a body,
"it" also the last subject headed by an organisation noun); a definite description the name it stands for."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...schema import LABEL_TYPE
from ...text import SUBJECT_DEPS
from .confidence import confidence
from .mentions import antecedent, mention
from .model import Candidate, DocContext, Speaker
from .subjects import PRONOUN_TAGS

NICKNAME = re.compile(r"\s+[\"\u201c][^\"\u201d]{1,15}[\"\u201d]\s+")  # John “J.D.” Dorrian
POSSESSIVE = re.compile(r"['\u2019]s?$")


class Mentions:
    """The names a pronoun can go back to (outside quotation marks), and the speakers met so far."""

    def __init__(self, ctx: DocContext):
        self.persons = [e for e in ctx.ents if e.label_ == "PERSON" and not ctx.inside[e.start]]
        self.bodies = [e for e in ctx.ents if e.label_ in ("ORG", "FACTION") and not ctx.inside[e.start]]
        self.speakers: list[Speaker] = []


def named(ctx: DocContext, e: Span) -> tuple[str, str | None, str]:
    """(name, actor key, label) of an entity: its actor's name, without a nickname or a possessive."""
    key = e._.actor_key
    a = ctx.actors.get(key) if key else None
    name = NICKNAME.sub(" ", POSSESSIVE.sub("", (a["name"] if a else e.text).strip()))
    if e.label_ == "PERSON" and len(name.split()) == 1:
        # a bare surname the alias layer left alone: the earlier full name ending with it
        o = ctx.full_names.get(name.lower().replace("\u2019s", "").replace("'s", ""))
        if o is not None and o.start < e.start:
            ok = o._.actor_key
            oa = ctx.actors.get(ok) if ok else None
            return POSSESSIVE.sub("", (oa["name"] if oa else o.text).strip()), ok, "PERSON"
    return name, key, e.label_


def title_gender(ctx: DocContext, e: Span) -> str | None:
    """"Mr. X" is male, "Mrs./Ms. X" female (titles from the lexicon); most names give no clue."""
    first = e.doc[e.start - 1] if e.start > 0 else None
    for t in (e[0], first):
        if t is not None:
            w = t.lower_.rstrip(".")
            if w in ctx.cues.male_titles:
                return "m"
            if w in ctx.cues.female_titles:
                return "f"
    return None


def is_person_noun(ctx: DocContext, name: str) -> bool:
    """An unnamed person ("a relative" -> "relative"); a definite one ("the president") usually stands for a
    name given elsewhere, so it is left to the named mentions."""
    words = name.split()
    return bool(words) and words[-1].lower() in ctx.cues.person_nouns and words[0].lower() not in ctx.cues.definite


def is_subject(e: Span) -> bool:
    """A name that is (or modifies) a clause subject: "The X newspaper reported"."""
    r = e.root
    if r.dep_ in ("compound", "nmod", "amod", "poss") and r.head.i >= e.end:
        r = r.head
    return r.dep_ in SUBJECT_DEPS


def looks_personal(m: Span) -> bool:
    """Two or three capitalised proper nouns with an apposition or a person-like title: a mislabelled name."""
    toks = [t for t in m if not t.is_space]
    if not 2 <= len(toks) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in toks):
        return False
    return any(c.dep_ == "appos" for c in m.root.children)


def _gendered(ctx: DocContext, m: Span, g: str, known: Mentions) -> tuple[str, str | None, str] | None:
    """"he"/"she": the last person speaker or the last person subject of that (or unknown) gender, the later
    of the two; else the last person mention."""
    start = m.start_char

    def fits(name: str, ent: Span | None = None) -> bool:
        return (ctx.gender.get(name) or (title_gender(ctx, ent) if ent is not None else None)) in (None, g)

    cands = [s for s in known.speakers if s.start_char < start and fits(s.name) and
             (s.label == "PERSON" or s.label is None and is_person_noun(ctx, s.name))]
    ment = [e for e in known.persons if e.start_char < start]
    best = next((e for e in reversed(ment) if e.root.dep_ in SUBJECT_DEPS and fits(named(ctx, e)[0], e)), None)
    if cands and (best is None or cands[-1].start_char > best.start_char):
        ctx.gender.setdefault(cands[-1].name, g)
        return cands[-1].name, cands[-1].key, "PERSON"
    if best is None:
        best = next((e for e in reversed(ment) if fits(named(ctx, e)[0], e)), None)
    if best is not None:
        n, k, _ = named(ctx, best)
        ctx.gender.setdefault(n, g)
        return n, k, "PERSON"
    return None


def _it(ctx: DocContext, m: Span, cands: list[Speaker], ment: list[Span],
        known: Mentions) -> tuple[str, str | None, str | None] | None:
    """"The X newspaper, which is close to the Y, reported … “…” it said": the latest of the last speaker, the
    last subject name and the last subject headed by an organisation noun wins."""
    start, sent0 = m.start_char, m[0].sent.start
    subj = [e for e in ment if is_subject(e) and e.sent.start >= sent0 - 60]
    nps = [t for t in ctx.org_subjects if t.idx < start and t.i >= sent0 - 60]
    opts = ([(cands[-1].start_char, 0)] if cands else []) + ([(subj[-1].start_char, 1)] if subj else []) + \
        ([(nps[-1].idx, 2)] if nps else [])
    if not opts:
        return None
    what = max(opts)[1]
    if what == 0:
        return cands[-1].name, cands[-1].key, "ORG"
    if what == 1:
        n, k, _ = named(ctx, subj[-1])
        return n, k, subj[-1].label_
    return resolve(ctx, mention(ctx, nps[-1]), known)


def _collective(ctx: DocContext, m: Span, p: str, known: Mentions) -> tuple[str, str | None, str | None] | None:
    """"they"/"it": the last speaker that is a body (never a person for "it"), or the last body named."""
    start, plural = m.start_char, ctx.cues.plural
    cands = [s for s in known.speakers if s.label in ("ORG", "FACTION", None) and s.start_char < start and s.name
             and s.name.lower() not in plural and
             (p != "it" or s.label is not None or s.name.split()[-1].lower() in ctx.cues.kinds)]
    ment = [e for e in known.bodies if e.start_char < start]
    if p == "it":
        found = _it(ctx, m, cands, ment, known)
        if found is not None:
            return found
    if cands and (not ment or cands[-1].start_char > ment[-1].start_char):
        return cands[-1].name, cands[-1].key, "ORG"
    if ment:
        n, k, _ = named(ctx, ment[-1])
        return n, k, ment[-1].label_
    return None


def _pronoun(ctx: DocContext, m: Span, known: Mentions) -> tuple[str, str | None, str | None]:
    cues, p = ctx.cues, m[0].lower_
    found = None
    if p in cues.male or p in cues.female:
        found = _gendered(ctx, m, "m" if p in cues.male else "f", known)
    elif (p in cues.plural or p == "it") and p not in cues.first:
        found = _collective(ctx, m, p, known)
    return found if found is not None else (m.text.strip(), None, None)


def resolve(ctx: DocContext, m: Span, known: Mentions) -> tuple[str, str | None, str | None]:
    """(name, actor key, label) of a speaker mention; pronouns go to the last suitable speaker or mention."""
    if len(m) == 1 and m[0].tag_ in ("WP", "WDT") and m[0].head.dep_ == "relcl":
        return resolve(ctx, mention(ctx, m[0].head.head), known)  # the noun the relative clause hangs on
    if len(m) == 1 and m[0].tag_ in PRONOUN_TAGS:
        return _pronoun(ctx, m, known)
    if m.label_ in LABEL_TYPE:
        return named(ctx, m)
    ante = antecedent(ctx, m)
    if ante is None:  # 'a monitoring group' that sitrep_nominals linked to the Observatory named later
        ante = ctx.described.get(m.root.i)
    if ante is not None:
        return named(ctx, ante)
    toks = [t for t in m if not t.is_space]
    if len(toks) > 1 and toks[0].lower_ in ctx.cues.indefinite:  # "one activist" is "activist"
        return m.doc[toks[1].i:m.end].text.strip(), None, None
    return m.text.strip(), None, None


def set_role(subj: Token, key: str | None, actors: dict, roles: dict[str, str]) -> None:
    """The speaker's apposition ("X, a spokesman for Y") is its actor's role, when it has none yet: noted in
    `roles` (`doc._.speaker_roles`), which sitrep_actors merges into the actor."""
    if not key or key not in actors or actors[key].get("role") or key in roles:
        return
    ap = next((c for c in subj.children if c.dep_ == "appos"), None)
    if ap is None:
        return
    toks = [t for t in ap.subtree if not (t.is_punct and t.i in (ap.left_edge.i, ap.right_edge.i))]
    if toks and toks[0].lower_ in ("a", "an", "the"):
        toks = toks[1:]
    if toks:
        role = ap.doc[toks[0].i:toks[-1].i + 1].text
        if 0 < len(role) <= 120:
            roles[key] = role


def _span_chars(ctx: DocContext, m: Span) -> tuple[int, int]:
    """The mention's character span without edge spaces."""
    s0, s1, text = m.start_char, m.end_char, ctx.text
    while s1 > s0 and text[s1 - 1].isspace():
        s1 -= 1
    while s0 < s1 and text[s0].isspace():
        s0 += 1
    return s0, s1


def attribute(ctx: DocContext, quotes: list[Candidate]) -> list[dict]:
    """Step 4: the quote records in text order, each with its speaker resolved (earlier speakers first, so a
    pronoun can go back to them) and its confidence."""
    known = Mentions(ctx)
    roles: dict[str, str] = {}
    ctx.doc._.speaker_roles = roles  # filled as the speakers are resolved
    # subjects headed by an organisation noun ("The X newspaper reported"), for "it said"
    ctx.org_subjects = [ctx.doc[i] for i, h in enumerate(ctx.lowers) if h in ctx.cues.kind_ids and
                        not ctx.inside[i] and ctx.doc[i].dep_ in SUBJECT_DEPS and ctx.ent_at[i] < 0]
    out = []
    for q in sorted(quotes, key=lambda q: q.start_char):
        subj = q.attr.subj
        m = q.attr.mention if q.attr.mention is not None else (mention(ctx, subj) if subj is not None else None)
        name = key = s0 = s1 = None
        if m is not None:
            s0, s1 = _span_chars(ctx, m)
            name, key, label = resolve(ctx, m, known)
            if subj is not None and m.label_ in LABEL_TYPE:
                set_role(subj, key, ctx.actors, roles)
            if label == "ORG" and m.label_ == "ORG" and looks_personal(m):
                label = "PERSON"  # "said Jane Doe, a teacher" with the name tagged as an organisation
            known.speakers.append(Speaker(m.start_char, name, key, label))
        pronoun = m is not None and len(m) == 1 and m[0].tag_ in PRONOUN_TAGS
        conf = confidence(ctx.cues.weights, q.kind, m is not None, pronoun, q.cont or q.frag)
        out.append({"start_char": q.start_char, "end_char": q.end_char, "kind": q.kind,
                    "text": ctx.text[q.start_char:q.end_char], "cue": q.attr.cue, "speaker": name,
                    "speaker_actor_id": key, "speaker_start_char": s0, "speaker_end_char": s1, "confidence": conf})
    return out
