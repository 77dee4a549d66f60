"""Quotation marks and the spans they enclose, found by a character scan per paragraph (robust to the sentence
splitter breaking inside quotes): curly and straight marks, nested quotes of the other style, a quote left open at
a paragraph end that the next paragraph continues (one multi-paragraph quote: a `group`). And the tests on one
marked span that need no cue: a nickname, a name in marks, marks around whole sentences.

Single marks (British style: 'We will not leave,' he said. / He said: 'We will not leave.') are also
apostrophes, so they pair only by their form, in the text outside double-marked spans:
- an opening single mark (‘ or ') stands at a word start: after the paragraph start, a space, a colon, a bracket
  or a dash, before a letter or an opening double mark; not an elided year ('90s, '03);
- a closing single mark (’ or ') stands at a word end: after a letter, digit or punctuation (not a space),
  before the paragraph end, a space or punctuation, with no letter or digit on its far side (don't, Qur'an,
  it’s never open or close); after an "s" and before a space and a lower-case word it is a plural possessive
  (the rebels' positions), not a closing mark, unless no other closing mark follows in its sentence ('Anonymous'
  has organized ...: a scare quote);
- the span is a quote's only when it is sentence-like: more than `min_words` words (the scare-quote limit), or
  at least three words handed to a cue by a comma, "?" or "!" just inside the closing mark ('We will win,' he
  said), or at least three words ending in a full stop that open a sentence or follow a colon (He said: 'We
  will win.'); one or a few words in single marks are scare quotes ('safe zone', 'Islamic terrorists,' the
  way...), and a full stop after a phrase proves nothing (US style puts it inside: an 'intentional act.');
- a single mark left open at a paragraph end is a quote to that end only when the next paragraph opens with a
  single mark too (news style opens every paragraph of a long quote, closes only the last);
- double-marked spans inside a single-marked quote are quotes nested in it; single marks inside double-marked
  spans are left alone (they nest, or they are apostrophes)."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .model import Cues, Segment

OPENERS = "\u201c\u201e\u00ab"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
MARKS = re.compile(r'["\u201c\u201d\u201e\u00ab\u00bb]')
# punctuation that hands quoted speech to a trailing cue: “…,” he said / “…?” she asked / “…” — he said
HANDOFF = set(",?!\u2026\u2014\u2013-")
DASHES = set("\u2015\u2014\u2013")
SENT_END = re.compile(r'([.!?])["\u201d\u2019)]?(?=\s|$)')
WORD_BEFORE = re.compile(r"([\w.]+)$")
SINGLE = re.compile("['\u2018\u2019]")
SINGLE_OPEN_AFTER = set(":([\u2014\u2013-")
ELIDED_YEAR = re.compile(r"\d\d(?:s\b|\b)")
SPEECH_END = set(",?!")
MIN_HANDED_WORDS = 3


def _can_open(text: str, ch: str, i: int, ps: int, pe: int) -> bool:
    """A mark that may open a quote: not a stray closing mark (one at a word start is a misused opening mark),
    not a straight mark that can only close."""
    if ch in CLOSERS and not (i + 1 < pe and not text[i + 1].isspace() and (i == ps or text[i - 1].isspace())):
        return False
    return not (ch == STRAIGHT and i + 1 < pe and text[i + 1].isspace() and i > ps and not text[i - 1].isspace())


def _looks_open(text: str, ch: str, i: int, ps: int, pe: int) -> bool:
    return ch in OPENERS or (ch == STRAIGHT and (i == ps or text[i - 1].isspace()) and i + 1 < pe and
                             not text[i + 1].isspace())


def _scan(text: str, ps: int, pe: int, pi: int, segs: list[Segment], inner: list[Segment]) -> None:
    """The marked spans of paragraph `pi` [ps, pe) onto `segs`, quotes nested in them onto `inner`."""
    opened = inner_open = None
    nested = 0
    for m in MARKS.finditer(text, ps, pe):
        ch, i = m.group(), m.start()
        if opened is None:
            if _can_open(text, ch, i, ps, pe):
                opened = i
            continue
        if (ch == STRAIGHT) != (text[opened] == STRAIGHT):
            # the other style inside a quote: a nested quote (“… "…" …”), or a mixed-up closing mark
            if _looks_open(text, ch, i, ps, pe):
                nested += 1
                inner_open = i
                continue
            if nested:
                nested -= 1
                if inner_open is not None:
                    inner.append(Segment(inner_open, i, pi, True, nested=True))
                    inner_open = None
                continue
        elif ch in OPENERS and nested:
            continue
        if ch in OPENERS:
            opened = i  # unbalanced: restart at the newer opening mark
            continue
        segs.append(Segment(opened, i, pi, True))
        opened = None
        nested = 0
    if opened is not None:
        segs.append(Segment(opened, pe, pi, False))


def single_opens(text: str, i: int, ps: int, pe: int) -> bool:
    """A single mark at a word start (see the module docstring)."""
    if text[i] == "\u2019" or i + 1 >= pe:
        return False
    if not (i == ps or text[i - 1].isspace() or text[i - 1] in SINGLE_OPEN_AFTER):
        return False
    nxt = text[i + 1]
    return nxt.isalpha() or nxt in "\u201c\"" or nxt.isdigit() and not ELIDED_YEAR.match(text, i + 1)


def single_closes(text: str, i: int, ps: int, pe: int) -> bool:
    """A single mark at a word end, not an apostrophe (see the module docstring)."""
    if text[i] == "\u2018" or i == ps or text[i - 1].isspace():
        return False
    return not (i + 1 < pe and text[i + 1].isalnum())


def possessive(text: str, i: int, pe: int) -> bool:
    """A closing-shaped mark after an "s" before a lower-case word (the rebels' positions) with another closing
    mark later in its sentence: a plural possessive inside the quote."""
    if not (text[i - 1] in "sS" and i + 2 < pe and text[i + 1] == " " and text[i + 2].islower()):
        return False
    end = SENT_END.search(text, i + 1, pe)
    stop = end.end() if end else pe
    return any(single_closes(text, m.start(), 0, pe) for m in SINGLE.finditer(text, i + 1, stop))


def _scan_single(text: str, ps: int, pe: int, pi: int, taken: list[Segment], min_words: int) -> list[Segment]:
    """The single-marked spans of paragraph `pi` outside the double-marked ones (`taken`)."""
    out: list[Segment] = []
    opened = None
    for m in SINGLE.finditer(text, ps, pe):
        i = m.start()
        if any(t.open <= i <= t.close for t in taken):
            continue
        if opened is not None and single_closes(text, i, ps, pe) and not possessive(text, i, pe):
            seg = Segment(opened, i, pi, True)
            words = len(text[opened + 1:i].split())
            lead = text[ps:opened].rstrip()
            whole = text[i - 1] in ".?!" and (not lead or lead[-1] in ".?!:")
            if words > min_words or (text[i - 1] in SPEECH_END or whole) and words >= MIN_HANDED_WORDS:
                out.append(seg)
            opened = None
        elif opened is None and single_opens(text, i, ps, pe):
            opened = i
    if opened is not None:
        out.append(Segment(opened, pe, pi, False))
    return out


def _add_single(text: str, paras: list[tuple[int, int]], pi: int, segs: list[Segment], found: list[Segment],
                inner: list[Segment]) -> None:
    """Single-marked quotes of paragraph `pi` into `segs` (in order); double-marked spans inside them nest."""
    if found and not found[-1].closed:
        nps = paras[pi + 1][0] if pi + 1 < len(paras) else None
        if nps is None or not (text[nps:nps + 1] in "'\u2018" and single_opens(text, nps, nps, paras[pi + 1][1])):
            found.pop()
    for f in found:
        within = [s for s in segs if s.para == pi and f.open < s.open and s.close < f.close]
        if any(s.para == pi and (s.open < f.open < s.close or s.open < f.close < s.close) for s in segs):
            continue
        for s in within:
            segs.remove(s)
            s.nested = True
            inner.append(s)
        segs.append(f)
    segs.sort(key=lambda s: s.open)


def segments(text: str, paras: list[tuple[int, int]], min_words: int = 4) -> list[Segment]:
    """Marked spans, per paragraph; an unclosed one continues when the next paragraph opens a mark. Single
    marks count when sentence-like (more than `min_words` words or speech punctuation; the module docstring)."""
    segs: list[Segment] = []
    inner: list[Segment] = []  # quotes nested in quotes, kept apart
    group = 0
    prev_unclosed = None
    for pi, (ps, pe) in enumerate(paras):
        _scan(text, ps, pe, pi, segs, inner)
        if "'" in text[ps:pe] or "\u2018" in text[ps:pe]:
            here = [s for s in segs if s.para == pi]
            _add_single(text, paras, pi, segs, _scan_single(text, ps, pe, pi, here, min_words), inner)
        # group paragraphs of one multi-paragraph quote
        first = next((s for s in segs if s.para == pi), None)
        if prev_unclosed is not None and first is not None and text[ps:first.open].strip() == "":
            first.group = prev_unclosed.group
        prev_unclosed = None
        if segs and segs[-1].para == pi and not segs[-1].closed:
            seg = segs[-1]
            if seg.group is None:
                group += 1
                seg.group = group
            prev_unclosed = seg
    segs.extend(inner)
    for s in segs:
        a, b = s.open + 1, s.close
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        s.start, s.end = a, b
    return [s for s in segs if s.end > s.start]


def sent_ends(text: str, a: int, b: int, abbr: set[str]) -> list[int]:
    """Offsets just after each sentence end in text[a:b]: . ! ? followed by space or a mark, not after an
    abbreviation ("Mr.", "U.S.") or an initial, nor inside a one-word parenthesis ("Cummings (D-Md.) said": a
    sentence does not end inside a bracket that opened after it began). (Not the shared sentence splitter: these
    windows are cut by the characters, across the parser's sentence breaks inside quotes.)"""
    out = []
    for m in SENT_END.finditer(text, a, b):
        if m.group().endswith(")"):
            opened = text.rfind("(", a, m.start())
            if opened >= 0 and not any(c.isspace() for c in text[opened:m.start()]):
                continue
        if m.group(1) == ".":
            w = WORD_BEFORE.search(text, max(a, m.start() - 12), m.start())
            if w and (w.group(1).lower() in abbr or len(w.group(1)) == 1 and w.group(1).isupper()):
                continue
        out.append(m.end())
    return out


def handed(text: str, s: Segment, first_after: str) -> bool:
    """Do the marks hand their speech to a cue after them (“…,” X said / “…?” she asked / “…” — he said)?
    With commas stripped upstream (“… X said”) a quote ending in a word hands over too."""
    last = text[s.end - 1]
    return last in HANDOFF or first_after in HANDOFF or (last.isalnum() and first_after.isalpha())


def marks_in_name(subj: Token, first: int) -> bool:
    """The quoted text (first token `first`) opens inside the speaker's own noun phrase, before its head
    ('the “X” network said'): the marks are part of the speaker's name, not a quote of it."""
    return subj.left_edge.i <= first < subj.i


def nickname(text: str, s: Segment) -> bool:
    """One capitalised word in marks between two capitalised words: John “J.D.” Doe."""
    if not s.closed or s.end - s.start > 15 or " " in text[s.start:s.end]:
        return False
    before = WORD_BEFORE.search(text, max(0, s.open - 30), s.open - 1) if s.open > 1 else None
    after = text[s.close + 1:s.close + 3]
    return (text[s.start].isupper() and before is not None and before.group(1)[:1].isupper() and
            text[s.open - 1] == " " and len(after) == 2 and after[0] == " " and after[1].isupper())


def standalone(cues: Cues, text: str, s: Segment, ps: int, pe: int) -> bool:
    """Marks around whole sentences, not a phrase inside narration: “…” after a sentence end (or a speech
    verb), ending one."""
    before = text[ps:s.open].rstrip()
    after = text[s.close + 1:pe].lstrip()
    word = WORD_BEFORE.search(before, max(0, len(before) - 20))  # as written: "Said" is a name
    starts = not before or before[-1] in ".!?:\u201d\"" or word is not None and word.group(1) in cues.speech
    ends = text[s.end - 1] in ".!?\u2026" or not after or after[0] in ".!?"
    return starts and ends


def is_name(doc: Doc, s: Segment, max_scare_words: int) -> bool:
    """A short marked phrase that names or modifies something rather than quoting it: "an Islamic
    “caliphate”", "the page “Information Office …”", the “X” TV network."""
    a, b = s.toks
    if b <= a or b - a > 2 * max_scare_words:
        return False
    prev = doc[a - 2] if a >= 2 and doc[a - 1].is_punct else (doc[a - 1] if a >= 1 else None)
    root = next((doc[t] for t in range(a, b) if not (a <= doc[t].head.i < b)), None)
    if prev is None or root is None:
        return False
    if (prev.pos_ == "ADJ" or prev.dep_ in ("amod", "compound")) and prev.is_title:
        return True  # an Islamic “caliphate”
    if prev.pos_ in ("NOUN", "PROPN") and root.head.i == prev.i and root.dep_ in ("appos", "compound", "nmod"):
        return True  # the page “Information Office …”
    nxt = doc[b + 1] if b + 1 < len(doc) and doc[b].is_punct else (doc[b] if b < len(doc) else None)
    # the “X” network (a bare proper name may be parsed as a noun modifier)
    named = root.dep_ == "compound" or root.dep_ == "nmod" and all(doc[t].pos_ == "PROPN" for t in range(a, b))
    return named and nxt is not None and nxt.pos_ in ("NOUN", "PROPN")
