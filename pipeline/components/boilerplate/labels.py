"""Rules 1 and 2 of the package docstring: a furniture label and the run of words it heads ("Tags Syria Idlib",
"Last updated 16:06 GMT by Jane Doe"), and a byline ("by NAMES") at a line start. Each rule takes the `Page` and
a token position and returns the furniture's [start, end) token range, or None."""
from __future__ import annotations

from .page import DATE_JOINERS, FUNCTION_POS, NAME_JOINERS, Page, clause

MAX_LIST_RUN = 40
READER = frozenset({"you", "your", "yours", "yourself"})
QUOTE_MARKS = frozenset({'"', "“", "”"})


def label_run(p: Page, i: int) -> tuple[int, int] | None:
    """Rule 1 (and rule 2 after a date label)."""
    doc = p.doc
    hit = p.match_label(i)
    if hit is None:
        return None
    j, kind = hit
    if kind != "list" and i > p.line_start(i) and doc[i - 1].is_title and not p.boundary_before(i) \
            and not doc[i - 1].is_sent_start:
        return None  # "Open Source Center": the label word continues a name (a tag list may follow a title)
    end = p.line_end(i)
    if j < end and doc[j].text == ":":
        j += 1
    if kind == "date":
        return _date_run(p, i, j, end)
    k = j
    while k < end and not p.sent_end_at(k):
        t = doc[k]
        if kind == "list":
            if k - i >= MAX_LIST_RUN or t.is_title and t.pos_ in FUNCTION_POS:
                break
            if clause(t):
                cut = clause_start(p, j, k)
                if cut > j:  # the sentence after the list; a verb without its own subject is a tag word
                    k = cut
                    break
        elif clause(t):
            if kind == "action" and (e := _to_reader(p, k, end)):
                return i, e
            # a sentence: only a label that stands before a capitalised caption is furniture ("Photo Smoke
            # is seen ..."), the label word of "Photos and video emerging ... show" is text
            return (i, j) if j < end and doc[j].is_title and kind == "credit" and j > i else None
        k += 1
    if k < end and p.sent_end_at(k):
        k += 1
    return (i, k) if k > j or kind != "list" else None


def _to_reader(p: Page, k: int, end: int) -> int | None:
    """Rule 1 for a call to action whose run is a sentence: furniture when the sentence speaks to the reader
    in the second person ("FOLLOW TRTWORLD Dont miss out on the Latest News We wont spam you"); news copy does
    not, outside quotes. The end of that sentence, else None."""
    doc, e = p.doc, k
    while e < end and not p.sent_end_at(e):
        e += 1
    words = {t.lower_ for t in doc[k:e]}
    if words & READER and not words & QUOTE_MARKS:
        return min(e + 1, end)
    return None


def _date_run(p: Page, i: int, j: int, end: int) -> tuple[int, int] | None:
    """A date label (tokens i..j) with the date and time words after it and an optional byline."""
    doc, k = p.doc, j
    while k < end and (p.is_date(doc[k]) or doc[k].lower_ in DATE_JOINERS or p.zone(k)):
        k += 1
    if k == j:
        return None  # "Updated figures show ...": no date after the label
    by = names_after_by(p, k)
    return i, by or k


def clause_start(p: Page, j: int, v: int) -> int:
    """Where the sentence of the finite verb at `v` begins, when it began after token `j`: the model's last
    sentence start in (j, v], else the first word of the verb's subject ("Tags Aleppo | At least 29 rebels
    were killed"); `j` when the verb has no subject after `j` (then it is no clause)."""
    doc = p.doc
    for x in range(v, j, -1):
        if doc[x].is_sent_start and doc[x].text[:1].isupper():
            return x
    verb = doc[v].head if doc[v].dep_ in ("aux", "auxpass") else doc[v]
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and j <= c.i < v]
    if not subj:
        return j
    if subj[0].left_edge.i > j:
        return subj[0].left_edge.i
    start = subj[0].i  # the subtree reaches into the list: the subject word and its own modifiers
    for c in reversed(list(subj[0].lefts)):
        if c.i == start - 1 and c.dep_ in ("amod", "compound", "det", "nummod", "quantmod"):
            start = c.i
    return start


def names_after_by(p: Page, k: int) -> int | None:
    """End of "by NAME ... and NAME" starting at token `k`, if it is there."""
    doc = p.doc
    end = p.line_end(k) if k < len(doc) else k
    if k >= end or doc[k].lower_ != "by":
        return None
    j = k + 1
    last = None
    while j < end:
        t = doc[j]
        if t.is_title and t.is_alpha or t.text[:1].isupper() and "-" in t.text or t.is_upper and t.is_alpha:
            if t.pos_ == "NUM" or t.like_num:
                break
            last = j + 1
        elif t.lower_ in NAME_JOINERS or t.text == "-" and last == j:
            pass
        else:
            break
        j += 1
    return last


def byline(p: Page, i: int) -> tuple[int, int] | None:
    """Rule 2: "by NAMES" at a line start, or after a date that starts the line."""
    doc = p.doc
    s = p.line_start(i)
    j = i
    while j > s and (p.is_date(doc[j - 1]) or doc[j - 1].lower_ in DATE_JOINERS):
        j -= 1
    if j != s:
        return None
    e = names_after_by(p, i)
    return (i, e) if e else None
