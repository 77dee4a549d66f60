"""Small readings of a dependency parse shared by the components (incidents, and any other stage that needs them).

Every function is generic: the word lists it needs (clause labels, irrealis markers, words to trim) are arguments,
so each caller keeps its own lexicon in `models/`. All work on spaCy `Token`/`Span` objects of a parsed Doc.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

from spacy.tokens import Span, Token

from . import docindex
from .text import SUBJECT_DEPS

VERB_POS = ("VERB", "AUX")


def pobj(prep: Token) -> Token | None:
    """The object of a preposition ('in *Aleppo*'), if the parse gives one."""
    return next((x for x in prep.children if x.dep_ == "pobj"), None)


def subject_of(head: Token, deps: Collection[str] = SUBJECT_DEPS) -> Token | None:
    """The first subject (nsubj, nsubjpass, csubj by default) among the children of `head`."""
    return next((c for c in head.children if c.dep_ in deps), None)


def clause_heads(sent: Span, clause_deps: Collection[str]) -> dict[int, Token]:
    """The head of the clause each token of `sent` is in (`clause_head_ids`), as tokens."""
    doc = sent.doc
    return {i: doc[h] for i, h in clause_head_ids(sent, clause_deps).items()}


def clause_head_ids(sent: Span, clause_deps: Collection[str]) -> dict[int, int]:
    """The head of the clause each token of `sent` is in: the first token on the way up the tree that is a clausal
    dependent (`clause_deps`), a verb conjunct or the root. One memoised pass: the tokens a walk passes share its
    answer, so each is worked out once. Keys and values are token indices in the Doc; the walk reads the parse
    arrays (`docindex.ParseArrays`), no Token objects."""
    p = docindex.index(sent.doc).parse
    heads, deps, pos = p.heads, p.deps, p.pos
    memo: dict[int, int] = {}
    for t in range(sent.start, sent.end):
        path, x = [], t
        for _ in range(40):
            if x in memo:
                x = memo[x]
                break
            dep = deps[x]
            if dep in clause_deps or heads[x] == x or (dep == "conj" and pos[x] in VERB_POS):
                break
            path.append(x)
            x = heads[x]
        memo[x] = memo.get(x, x)
        for i in path:
            memo[i] = x
    return {i: memo.get(i, i) for i in range(sent.start, sent.end)}


def is_irrealis(tok: Token, marks: Collection[str], hypothetical: Collection[str] = (), depth: int = 12) -> bool:
    """Is `tok` negated, under a modal or conditional mark (`marks`: 'could', 'if' ...), or governed by a
    hypothetical head (`hypothetical`: 'threatened (to attack)')? Walks up at most `depth` heads (over the parse
    arrays, `docindex.ParseArrays`)."""
    p = docindex.index(tok.doc).parse
    heads, deps, lower, children = p.heads, p.deps, p.lower, p.children
    x = tok.i
    for k in range(depth):
        for c in children.get(x, ()):
            dep = deps[c]
            if dep == "neg" or (dep in ("aux", "mark") and lower[c] in marks):
                return True
        if k > 0 and lower[x] in hypothetical:
            return True
        if heads[x] == x:
            # as the Token walk did: `x.head is x` never held (a new Token on each access), so it stayed at the
            # root and read it once more as a governing word, `tok` itself too when `tok` is the root
            return k + 1 < depth and lower[x] in hypothetical
        x = heads[x]
    return False


def governs(head: Token, tok: Token) -> bool:
    """Is `head` `tok` itself or one of its ancestors?"""
    return head.i == tok.i or head.is_ancestor(tok)


def trim(tokens: Sequence[Token], drop: Callable[[Token], bool], *, start: bool = True,
         end: bool = True) -> list[Token]:
    """`tokens` without the ones `drop` accepts at its ends (never below one token): 'the town *of*' -> 'town'."""
    toks = list(tokens)
    while end and len(toks) > 1 and drop(toks[-1]):
        toks.pop()
    while start and len(toks) > 1 and drop(toks[0]):
        toks.pop(0)
    return toks


def negated(tok: Token) -> bool:
    """Has `tok` a negation child ('did *not* kill')?"""
    return any(c.dep_ == "neg" for c in tok.children)


def conj_heads(tok: Token, pos: Iterable[str] = ("NOUN", "PROPN")) -> list[Token]:
    """`tok` and its conjuncts of part of speech `pos` ('Nabi and an assailant')."""
    pos = set(pos)
    return [tok] + [x for x in tok.conjuncts if x.pos_ in pos]
