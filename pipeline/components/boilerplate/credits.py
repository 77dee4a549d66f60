"""Rules 3 to 8 of the package docstring: furniture told by its punctuation and its place in the line (credits in
brackets, datelines, sign-offs, agency bylines, embedded posts, line tails). Each rule takes the `Page` and a token
position and returns the furniture's [start, end) token range, or None."""
from __future__ import annotations

from .page import BRACKET_JOINERS, DASHES, FUNCTION_POS, Page, cap, clause

MAX_BRACKET = 6
MAX_DATELINE = 6
MAX_TAIL = 40
ACRONYM_GLUE = ("of", "for", "and", "the", "-")


def bracket(p: Page, i: int) -> tuple[int, int] | None:
    """Rule 3: a credit in brackets at token `i` ("(")."""
    doc = p.doc
    end = min(p.line_end(i), i + MAX_BRACKET + 2)
    k = i + 1
    while k < end and doc[k].text != ")":
        t = doc[k]
        if not (cap(t) or t.lower_ in BRACKET_JOINERS or t.text == "©"):
            return None
        k += 1
    if k >= end or k == i + 1:
        return None
    inner = doc[i + 1:k]
    credit = any(t.lower_ in p.fw.credit_words for t in inner)
    if not credit and not p.boundary_before(i):
        return None
    if len(inner) == 1 and inner[0].is_upper and spells_before(p, i, inner[0].text):
        return None
    return i, k + 1


def spells_before(p: Page, i: int, acronym: str) -> bool:
    """The capitalised words before token `i` have `acronym` as their initials."""
    doc = p.doc
    letters = ""
    j = i - 1
    while j >= 0 and len(letters) < len(acronym) and (doc[j].is_title or doc[j].is_upper or
                                                        doc[j].lower_ in ACRONYM_GLUE):
        if doc[j].text[:1].isupper():
            letters = doc[j].text[0] + letters
        j -= 1
    return letters.upper() == acronym.upper().replace(".", "")


def dateline(p: Page, d: int) -> tuple[int, int] | None:
    """Rule 4: the dash at `d` closes "CITY (AGENCY) -"."""
    doc = p.doc
    if d + 1 >= p.line_end(d) or doc[d + 1].is_space:
        return None
    if not doc[d - 1].whitespace_ and not doc[d].whitespace_ and not doc[d + 1].is_title:
        return None  # "US-led", "CJTF-OIR": a hyphen inside a word
    found = _place_words_before(p, d)
    if found is None:
        return None
    j, marked = found
    if j == d or not marked or not p.boundary_before(j):
        return None
    if j > p.line_start(d) and not p.sent_end_at(j - 1) and not p.is_date(doc[j - 1]):
        return None
    return j, d + 1


def _place_words_before(p: Page, d: int) -> tuple[int, bool] | None:
    """Walk back from the dash over at most MAX_DATELINE capitalised words, commas and one bracketed group: where
    the walk stopped, and whether it saw an all-caps word or a bracket; None when a bracket does not close."""
    doc = p.doc
    s = p.line_start(d)
    j, marked, count = d, False, 0
    while j > s and count < MAX_DATELINE:
        t = doc[j - 1]
        if t.text == ")":
            o = j - 1
            while o > s and doc[o].text != "(" and j - o <= MAX_BRACKET + 1:
                o -= 1
            if doc[o].text != "(":
                return None
            marked, j = True, o
            count += 1
            continue
        if t.text == ",":
            j -= 1
            continue
        if not (cap(t) and t.is_alpha or t.text[:1].isupper() and "-" in t.text) or \
                t.pos_ in FUNCTION_POS | {"ADV", "VERB"} and not t.is_upper or len(t) == 1:
            break
        if t.is_upper and len(t) >= 2:
            marked = True
        j -= 1
        count += 1
    return j, marked


def signoff(p: Page, d: int) -> tuple[int, int] | None:
    """Rule 5: "-AFP" at a line end; " - YouTube", a platform's site suffix after an embedded video's title,
    wherever it stands."""
    doc = p.doc
    end = p.line_end(d)
    k = d + 1
    while k < end and doc[k].text in DASHES:
        k += 1
    if k < end and doc[k].lower_ in p.fw.platforms and doc[k].text[:1].isupper() and doc[d].whitespace_:
        return d, k + 1
    if not 1 <= end - k <= 3 or not all(cap(doc[x]) and doc[x].is_alpha for x in range(k, end)):
        return None
    return d, end


MAX_CREDIT_NAME = 2  # a photographer's first and last name, or "Stringer", "Getty Images", "File"


def agency(p: Page, i: int) -> tuple[int, int] | None:
    """Rule 6: "Monitor AFP" between two sentences; a photo credit "REUTERS/Bassam Khabieh" (the agency, a slash
    and at most MAX_CREDIT_NAME capitalised words) wherever it stands."""
    doc = p.doc
    end = p.line_end(i)
    nxt = i + 1
    if nxt + 1 < end and doc[nxt].text == "/" and not doc[i].whitespace_ and cap(doc[nxt + 1]) \
            and doc[nxt + 1].lower_ not in p.fw.agencies:  # "Reuters/AFP" names two agencies
        k = nxt + 1
        while k < end and k - nxt <= MAX_CREDIT_NAME and cap(doc[k]) and doc[k].is_alpha and not doc[k].is_stop:
            k += 1
        if k > nxt + 1:
            return i, k
    if nxt < end and not (doc[nxt].text[:1].isupper() and (doc[nxt].is_sent_start or doc[nxt].is_title)):
        return None
    s = i
    while s > p.line_start(i) and doc[s - 1].lower_ in p.fw.credit_nouns and cap(doc[s - 1]):
        s -= 1
    if s == i and s > p.line_start(i):  # a lone agency name after a verb or preposition is text
        prev = doc[s - 1]
        if prev.pos_ in ("VERB", "ADP", "AUX", "DET", "PART") or prev.is_lower and not prev.is_punct:
            return None
    return s, i + 1


def post(p: Page, i: int) -> tuple[int, int]:
    """Rule 7: a link, the clause-less text before it and the credit after it."""
    doc = p.doc
    s, end = p.line_start(i), p.line_end(i)
    j = i
    while j > s and not p.sent_end_at(j - 1) and not clause(doc[j - 1]) and i - j < 30:
        j -= 1
    if j > s and clause(doc[j - 1]):
        j = i
    k = i + 1
    while k < end and (cap(doc[k]) and doc[k].is_alpha and k - i <= 4):
        k += 1
    if k < end and doc[k].text == "(":
        c = k + 1
        while c < end and doc[c].text != ")" and c - k <= 4:
            c += 1
        if c < end and doc[c].text == ")":
            k = c + 1
    while k < end and (p.is_date(doc[k]) or doc[k].text == ","):
        k += 1
    return j, k


def tail(p: Page, s: int, e: int) -> tuple[int, int] | None:
    """Rule 8: the clause-less words after the line's last sentence-final mark (line = tokens [s, e))."""
    doc = p.doc
    while e > s and doc[e - 1].is_space:
        e -= 1
    k = e
    while k > s and not p.sent_end_at(k - 1):
        k -= 1
        if e - k > MAX_TAIL or clause(doc[k]):
            return None
    if k <= s or k == e or not any(doc[x].is_alpha for x in range(k, e)):
        return None  # no tail, or only the closing quotes of the last sentence
    return k, e
