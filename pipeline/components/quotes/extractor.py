"""`sitrep_quotes`: direct and reported quotes with their speakers, on `doc._.quotes`.

Quotation marks are paired with a character scan (robust to the sentence splitter breaking inside quotes;
nested and multi-paragraph quotes included); the attribution is read from a short window before or after
the marks (the cue verb, a colon, a dash and a name, a transcript label) and the parse (the cue's subject),
or from a speech-act verb governing a short fragment ("called it “a disgrace”"). Reported speech comes from
the parse alone: a speech verb with a clausal complement, a parenthetical cue, or "according to X"; a marked
fragment inside it makes it "mixed". Marked text with no cue is kept only when it continues a quoted speaker
(same paragraph, same multi-paragraph quote, or a whole paragraph right after one); everything else in
marks (scare quotes, names, pull quotes) is dropped. Pronoun speakers resolve to the last suitable speaker or
mention; cues, titles and pronouns are data (models/quote_cues.json).
"""
from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ... import docindex, extensions
from ...schema import LABEL_TYPE
from ...text import SUBJECT_DEPS, VALUE_ENTS
from ..base import Component, read_model_json
from ..boilerplate import start_outside
from .indirect import IndirectSpeech, outermost, split_gaps

extensions.register()


OPENERS = "\u201c\u201e\u00ab"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
MARKS = re.compile(r'["\u201c\u201d\u201e\u00ab\u00bb]')
# punctuation that hands quoted speech to a trailing cue: “…,” he said / “…?” she asked / “…” — he said
HANDOFF = set(",?!\u2026\u2014\u2013-")
DASHES = set("\u2015\u2014\u2013")
ARG_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "dative", "iobj", "attr"}
# children of a cue that may stand between it and the opening mark of a direct quote
FILLER_DEPS = {"dobj", "dative", "iobj", "prep", "npadvmod", "advmod", "nsubj", "nsubjpass", "agent", "prt", "aux",
               "auxpass", "neg", "pobj", "punct", "mark", "cc", "advcl", "oprd", "attr"}
PRONOUN_TAGS = {"PRP"}
BAD_SUBJ_TAGS = {"WP", "WDT", "EX", "DT"}
DASH_NAME = re.compile(r"\s*([\u2015\u2014\u2013])\s*")
LABEL = re.compile(r"([A-Z][A-Z.'\- ]{1,40}[A-Z.]):\s")
NICKNAME = re.compile(r"\s+[\"\u201c][^\"\u201d]{1,15}[\"\u201d]\s+")  # John “J.D.” Dorrian
POSSESSIVE = re.compile(r"['\u2019]s?$")
SENT_END = re.compile(r'([.!?])["\u201d\u2019)]?(?=\s|$)')
WORD_BEFORE = re.compile(r"([\w.]+)$")


DEFAULT_LEXICON = "quote_cues.json"  # relative to models/


def _load_cues(data: dict) -> dict:
    out: dict = {k: {w.lower() for w in v} for k, v in data.items() if isinstance(v, list)}
    out.update({k: {a.lower(): b for a, b in v.items()} for k, v in data.items() if isinstance(v, dict)})
    return out


class QuoteExtractor(Component):
    data_files = {"lexicon": read_model_json}

    def __init__(self, nlp: Language, name: str, lexicon: str, max_scare_words: int, min_indirect_tokens: int):
        self.strings = nlp.vocab.strings
        self.max_scare_words = max_scare_words
        self.min_indirect_tokens = min_indirect_tokens
        super().__init__(nlp, name, lexicon=lexicon)

    def setup(self, data: dict) -> None:
        cues = _load_cues(data["lexicon"])
        self.speech = cues["speech_verbs"]
        self.weak = cues["weak_verbs"]
        self.acts = cues["speech_act_verbs"]
        self.male = cues["male_pronouns"]
        self.female = cues["female_pronouns"]
        self.plural = cues["plural_pronouns"]
        self.first = cues["first_person"]
        self.male_titles = cues["male_titles"]
        self.female_titles = cues["female_titles"]
        self.abbr = cues["abbreviations"]
        # "according to X": two-word phrases whose second word's object is the speaker, keyed by the first word
        self.according: dict[str, str] = dict(p.split() for p in cues["according"])
        self.person_nouns = cues.get("person_nouns", set())
        self.naming = cues.get("naming_verbs", set())
        self.statements = cues.get("statement_nouns", set())
        self.indefinite = cues.get("indefinite_determiners", set())
        self.kinds = cues.get("description_kinds", {})
        self.kind_labels = cues.get("description_fallback_labels", {})
        self.kind_ids = {self.strings.add(w) for w in self.kinds}
        # hashes of the words that can open reported speech, to find them without touching every token
        self.indirect = IndirectSpeech(cues, self.according)
        self.reporting_ids = {self.strings.add(w) for w in self.indirect.words}
        # per-document state, reset by _extract: the text (Doc.text is rebuilt on every access), the speaker
        # genders learned from pronouns ("m"/"f" by name), the subjects headed by an organisation noun, and the
        # full person names by their last word
        self._text = ""
        self._gender: dict[str, str] = {}
        self._org_subjects: list[Token] = []
        self._full_names: dict[str, Span] = {}

    # ------------------------------------------------------------------ marks
    @staticmethod
    def _paragraphs(text: str) -> list[tuple[int, int]]:
        """Paragraph spans: one per non-empty line (the shared rule of pipeline.docindex)."""
        return docindex.paragraphs(text)

    def _segments(self, text: str, paras: list[tuple[int, int]]) -> list[dict]:
        """Marked spans, per paragraph; an unclosed one continues when the next paragraph opens a mark."""
        segs: list[dict] = []
        inner: list[dict] = []  # quotes nested in quotes, kept apart
        group = 0
        prev_unclosed = None
        for pi, (ps, pe) in enumerate(paras):
            opened = inner_open = None
            nested = 0
            for m in MARKS.finditer(text, ps, pe):
                ch, i = m.group(), m.start()
                if opened is None:
                    if ch in CLOSERS and not (i + 1 < pe and not text[i + 1].isspace() and
                                              (i == ps or text[i - 1].isspace())):
                        continue  # stray closing mark (one at a word start is a misused opening mark)
                    if ch == STRAIGHT and i + 1 < pe and text[i + 1].isspace() and i > ps and not text[i - 1].isspace():
                        continue  # a straight mark that can only close
                    opened = i
                else:
                    if (ch == STRAIGHT) != (text[opened] == STRAIGHT):
                        # the other style inside a quote: a nested quote (“… "…" …”), or a mixed-up closing mark
                        looks_open = ch in OPENERS or (ch == STRAIGHT and (i == ps or text[i - 1].isspace()) and
                                                       i + 1 < pe and not text[i + 1].isspace())
                        if looks_open:
                            nested += 1
                            inner_open = i
                            continue
                        if nested:
                            nested -= 1
                            if inner_open is not None:
                                inner.append({"open": inner_open, "close": i, "para": pi, "closed": True,
                                              "nested": True, "group": None})
                                inner_open = None
                            continue
                    elif ch in OPENERS and nested:
                        continue
                    if ch in OPENERS:
                        opened = i  # unbalanced: restart at the newer opening mark
                        continue
                    segs.append({"open": opened, "close": i, "para": pi, "closed": True})
                    opened = None
                    nested = 0
            if opened is not None:
                segs.append({"open": opened, "close": pe, "para": pi, "closed": False})
            # group paragraphs of one multi-paragraph quote
            first = next((s for s in segs if s["para"] == pi), None)
            if prev_unclosed is not None and first is not None and text[ps:first["open"]].strip() == "":
                first["group"] = prev_unclosed["group"]
            prev_unclosed = None
            if segs and segs[-1]["para"] == pi and not segs[-1]["closed"]:
                seg = segs[-1]
                seg.setdefault("group", None)
                if seg["group"] is None:
                    group += 1
                    seg["group"] = group
                prev_unclosed = seg
        for s in segs:
            s.setdefault("group", None)
            s["nested"] = False
        segs.extend(inner)
        for s in segs:
            a, b = s["open"] + 1, s["close"]
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            s["start"], s["end"] = a, b
        return [s for s in segs if s["end"] > s["start"]]

    # ------------------------------------------------------------------ speakers
    def _mention(self, tok: Token, ent_at: list[int], ents: list[Span]) -> Span:
        """The span a speaker rests on: its entity, the pronoun, or the noun phrase up to its head."""
        doc = tok.doc
        if ent_at[tok.i] >= 0:
            return ents[ent_at[tok.i]]
        if tok.tag_ in PRONOUN_TAGS:
            return doc[tok.i:tok.i + 1]
        left = tok.i
        for c in tok.lefts:
            if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod") and c.left_edge.i < left:
                left = c.left_edge.i
        while left < tok.i and (doc[left].is_punct or doc[left].is_space):
            left += 1
        span = doc[left:tok.i + 1]
        seen = -1
        for t in range(left, tok.i):  # a title with a name: "Foreign Minister X" parsed with the title as head
            k = ent_at[t]
            if k < 0 or k == seen:
                continue
            seen, e = k, ents[k]
            if e.label_ == "PERSON" and e.start >= left and e.end <= span.end and \
                    not (e.root.dep_ == "poss" or e.end < len(doc) and doc[e.end].tag_ == "POS"):  # not "X's niece"
                return e
        for c in tok.rights:  # "The task force commander, Lt. Gen. X, said"
            if c.dep_ == "appos" and ent_at[c.i] >= 0 and ents[ent_at[c.i]].label_ == "PERSON":
                return ents[ent_at[c.i]]
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and tok.lower_ in self.statements:
                # "a statement by the army said": the statement speaks for its author
                for g in c.children:
                    if g.dep_ == "pobj" and ent_at[g.i] >= 0:
                        return ents[ent_at[g.i]]
            if c.dep_ == "relcl" and tok.lower_ in self.statements:
                # "according to a speech X delivered": the creator of the artifact is the source (PolNeAR)
                for g in c.children:
                    if g.dep_ == "nsubj" and ent_at[g.i] >= 0 and ents[ent_at[g.i]].label_ in LABEL_TYPE:
                        return ents[ent_at[g.i]]
            if c.dep_ == "acl" and c.lower_ in self.naming:  # "a witness named X said"
                for g in c.children:
                    if ent_at[g.i] >= 0 and ents[ent_at[g.i]].label_ == "PERSON":
                        return ents[ent_at[g.i]]
        j = span.start - 1
        if span[0].lower_ in self.indefinite and j >= 0:
            # "X, a spokesman, said" with the commas lost: the parser makes the role the subject
            if doc[j].text == "," and j > 0:
                j -= 1
            e = ents[ent_at[j]] if ent_at[j] >= 0 else None
            if e is not None and e.label_ == "PERSON" and e.end == j + 1 and \
                    (e.root.dep_ not in ARG_DEPS or e.root.head.i == tok.i or tok.head.head.i == e.root.i or
                     e.root.head.i < e.start and any(MARKS.match(doc[k].text) for k in range(e.root.head.i, e.start))):
                return e  # the name's own attachment is a parse across the quotation marks
        return span

    def _subject(self, v: Token) -> Token | None:
        second = self.according.get(v.lower_)
        if second is not None:
            to = next((c for c in v.children if c.lower_ == second), None)
            if to is None and v.i + 1 < len(v.doc) and v.doc[v.i + 1].lower_ == second:
                to = v.doc[v.i + 1]
            if to is not None:
                return next((c for c in to.children if c.dep_ == "pobj"), None)
            return None
        for c in v.children:
            if c.dep_ in SUBJECT_DEPS:
                if c.tag_ in ("WP", "WDT") and v.dep_ == "relcl":
                    # "X, who said ...": the relative pronoun is the mention, X the speaker (see _resolve)
                    return c if c.lower_ == "who" else v.head
                if c.ent_type_ in VALUE_ENTS:
                    return None
                return c
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return v.head  # "footage of X asking, ..."
        if v.tag_ == "VBG" and v.i > 0 and v.doc[v.i - 1].ent_type_ in LABEL_TYPE:
            return v.doc[v.i - 1]  # the same, parsed as a participle clause
        for c in v.children:  # "said by X" (passive agent)
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if v.dep_ == "xcomp":  # "forced X to admit that …" / "urged X to say …": the controlling object speaks
            obj = next((c for c in v.head.children if c.dep_ in ("dobj", "dative") and c.i < v.i), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return obj
        h = v
        for _ in range(3):  # "X said, going on to say that …": the subject of the verb it hangs on
            if h.dep_ not in ("conj", "advcl", "xcomp") or h.head is h:
                break
            h = h.head
            for c in h.children:
                if c.dep_ in SUBJECT_DEPS:
                    return c
        return None

    def _adjacent_subject(self, v: Token, lo: int, hi: int, ent_at: list[int], from_left: bool) -> Token | None:
        """Parse fallback: the first name or pronoun of a window that opens right after the marks ("…,” X, a
        Y, said"), else the one just before the cue (skipping an apposition), else just after it ("said X")."""
        doc = v.doc

        def ok(j: int) -> bool:
            return ent_at[j] >= 0 or doc[j].tag_ in PRONOUN_TAGS

        if from_left:
            # a person named in the window; else the noun phrase right before the cue; else the first name
            people = [j for j in range(lo, v.i) if ent_at[j] >= 0 and doc[j].ent_type_ == "PERSON"]
            if not people and v.i - 1 >= lo and doc[v.i - 1].pos_ in ("NOUN", "PROPN"):
                return doc[v.i - 1]
            for j in (people or [j for j in range(lo, v.i) if ok(j)])[:1]:
                while j + 1 < v.i and ent_at[j] >= 0 and ent_at[j + 1] == ent_at[j]:
                    j += 1
                return doc[j]
        else:
            j = v.i - 1
            while j >= lo and doc[j].dep_ in ("advmod", "aux", "neg") and doc[j].tag_ not in PRONOUN_TAGS:
                j -= 1
            if j >= lo and doc[j].text == ",":
                k = j - 1
                while k >= lo and doc[k].text != ",":
                    k -= 1
                j = k - 1
            if j >= lo and ok(j):
                return doc[j]
        k = v.i + 1
        if k < hi and (ent_at[k] >= 0 or doc[k].tag_ in PRONOUN_TAGS or doc[k].pos_ in ("PROPN", "NOUN")):
            while k + 1 < hi and (ent_at[k + 1] >= 0 and ent_at[k + 1] == ent_at[k] or
                                  (ent_at[k] < 0 and doc[k + 1].pos_ in ("PROPN", "NOUN"))):
                k += 1
            return doc[k]
        return None

    # ------------------------------------------------------------------ main
    def process(self, doc: Doc) -> None:
        doc._.quotes = []  # a failure below leaves no quotes and an errors row (Component.__call__)
        doc._.quotes = self._outside_furniture(doc, self._extract(doc))

    @staticmethod
    def _outside_furniture(doc: Doc, quotes: list[dict]) -> list[dict]:
        """No quote starts in page furniture (sitrep_boilerplate): one that runs on past it starts after it (a
        sentence the scraper glued to a tag list), one inside it is dropped."""
        furniture = doc._.boilerplate or []
        if not furniture:
            return quotes
        text = doc.text
        out = []
        for q in quotes:
            start = start_outside(furniture, text, q["start_char"], q["end_char"])
            if start is None:
                continue
            if start != q["start_char"]:
                q = {**q, "start_char": start, "text": text[start:q["end_char"]]}
            out.append(q)
        return out

    def _extract(self, doc: Doc) -> list[dict]:
        text = self._text = doc.text  # the helpers read it: Doc.text is rebuilt on every access
        self._gender = {}
        if not text.strip() or len(doc) == 0:
            return []
        paras = self._paragraphs(text)
        pstarts = [p[0] for p in paras]
        segs = self._segments(text, paras)
        nested = [s for s in segs if s["nested"]]
        # a nickname inside a name (Marcia “Cia” Price) is neither a quote nor a boundary of a cue window
        segs = [s for s in segs if not s["nested"] and not self._nickname(text, s)]
        ents = [e for e in doc.ents if e.label_ in LABEL_TYPE]
        ent_at = [-1] * len(doc)
        self._full_names = {}  # the first name of two words or more by its last word, for a bare surname
        for i, e in enumerate(ents):
            for t in range(e.start, e.end):
                ent_at[t] = i
            if e.label_ == "PERSON" and len(e) > 1:
                self._full_names.setdefault(e[-1].lower_, e)
        tok_starts = doc.to_array(IDX).tolist()
        actors = {a["key"]: a for a in (doc._.actors or [])}
        inside = [False] * len(doc)  # tokens inside marked spans
        for s in segs:
            s["toks"] = self._tok_range(tok_starts, s["start"], s["end"])
            for t in range(*s["toks"]):
                inside[t] = True

        def para_of(i: int) -> int:
            return max(0, bisect.bisect_right(pstarts, i) - 1)

        quotes: list[dict] = []
        used_cues: set[int] = set()
        # --- 1. direct quotes: a cue in the window after or before the marks, a dash and a name, a transcript label
        for si, s in enumerate(segs):
            ps, pe = paras[s["para"]]
            nxt = segs[si + 1]["open"] if si + 1 < len(segs) and segs[si + 1]["para"] == s["para"] else pe
            prv = segs[si - 1]["close"] + 1 if si > 0 and segs[si - 1]["para"] == s["para"] else ps
            s["nxt"] = nxt
            first_after = text[s["close"] + 1:nxt].lstrip()[:1]
            found = None
            if s["closed"] and self._handed(text, s, first_after) and first_after not in DASHES:
                found = self._after_cue(doc, s, nxt, tok_starts, ent_at, inside)
            if found is None:
                found = self._before_cue(doc, s, prv, paras, tok_starts, ent_at, inside)
            if found is None and s["closed"] and first_after in DASHES:
                found = self._dash_cue(doc, s, nxt, tok_starts, ent_at)
            if found is None:
                found = self._label_cue(doc, s)
            if found is not None:
                s["attr"], s["kind"] = found, "direct"
                if found[1] is not None and found[3] is not None and not self._according(doc[found[3]]):
                    used_cues.add(found[3])

        # nested quotes: only a cue of their own inside the outer quote makes them quotes
        inner_inside = [False] * len(doc)
        for s in nested:
            s["toks"] = self._tok_range(tok_starts, s["start"], s["end"])
            for t in range(*s["toks"]):
                inner_inside[t] = True
        for s in nested:
            outer = next((o for o in segs if o["open"] < s["open"] and s["close"] <= o["close"]), None)
            if outer is None or not outer.get("attr"):
                continue
            found = None
            if self._handed(text, s, text[s["close"] + 1:outer["close"]].lstrip()[:1]):
                found = self._after_cue(doc, s, outer["close"], tok_starts, ent_at, inner_inside)
            if found is None:
                found = self._before_cue(doc, s, outer["start"], paras, tok_starts, ent_at, inner_inside)
            if found is None:
                found = self._governing_cue(doc, s, inner_inside)
            if found is not None:
                s["attr"], s["kind"] = found, "direct"

        # --- 2. reported speech from the parse; marked fragments inside become "mixed"
        spans_taken: list[tuple[int, int]] = [(s["start"], s["end"]) for s in segs if s.get("kind") == "direct"]
        lowers = doc.to_array(LOWER).tolist()
        reported = []
        for i in (i for i, h in enumerate(lowers) if h in self.reporting_ids):
            if i in used_cues or inside[i]:
                continue
            r = self.indirect.report(doc[i], self._subject)
            if r is None or r.end - r.start < self.min_indirect_tokens:
                continue
            cs, ce = doc[r.start].idx, doc[r.end - 1].idx + len(doc[r.end - 1])
            if not any(x < ce and cs < y for x, y in spans_taken):
                reported.append(r)
        parts = [(r.cue, r.start, r.end, r.subj) for r in split_gaps(outermost(reported, inside))]
        for v, a, b, subj in sorted(parts, key=lambda r: r[1]):
            cs, ce = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
            attr = (self._cue_text(v), subj, None, v.i)
            direct_like = [s for s in segs if s.get("kind") is None and s["start"] <= cs + 2 and s["end"] >= ce - 2]
            if direct_like:  # X said “…” parsed as a complement: the marked text is the quote
                direct_like[0]["attr"], direct_like[0]["kind"] = attr, "direct"
                continue
            frags = [s for s in segs if s.get("kind") is None and cs <= s["open"] and s["close"] <= ce + 1]
            for s in frags:
                s["kind"] = "fragment"
            ce2 = max([ce] + [s["close"] + 1 for s in frags if s["closed"] and s["close"] + 1 <= len(text)])
            if frags and text[ce2 - 1] in "\"\u201d":
                ce2 -= 1  # content ends with the fragment: leave its closing mark out
            quotes.append({"_attr": attr, "start_char": cs, "end_char": ce2, "kind": "mixed" if frags else "indirect",
                           "_para": para_of(cs)})

        # --- 3. marked spans still without a cue: a fragment governed by a speech act, a continuation of a
        # quoted speaker (same paragraph, same multi-paragraph quote, or a whole paragraph right after one),
        # a trailing cue after a full stop; everything else (scare quotes, pull quotes) is dropped
        for s in segs:
            if s.get("kind") is None:
                found = self._governing_cue(doc, s, inside)
                if found is not None:
                    s["attr"], s["kind"], s["frag"] = found, "direct", True
        # within a multi-paragraph quote: the nearest attribution before, else the first one after
        for order in (reversed(segs), segs):  # the forward pass overwrites: nearest before wins over first after
            group_attr: dict[int, tuple] = {}
            for s in order:
                if s["group"] is None:
                    continue
                if s.get("attr") and not s.get("frag"):
                    group_attr[s["group"]] = s["attr"]
                elif s.get("kind") is None and s["group"] in group_attr:
                    s["group_attr"] = group_attr[s["group"]]
        last_by_para: dict[int, tuple] = {}
        for q in quotes:
            last_by_para[q["_para"]] = q["_attr"]
        for s in segs:
            if s.get("attr") and not s.get("frag"):
                last_by_para[s["para"]] = s["attr"]
        prev_attr = cur_attr = None
        prev_para = -1
        for s in segs:
            if s["para"] != prev_para:
                prev_attr = last_by_para.get(s["para"] - 1)
                if prev_attr is None and s["para"] >= 2 and (s["para"] - 1) not in last_by_para:
                    # one paragraph of narration in between that still talks about the speaker
                    older = last_by_para.get(s["para"] - 2)
                    if older is not None and self._in_focus(doc, older, paras[s["para"] - 1], tok_starts, ents,
                                                            ent_at):
                        prev_attr = older
                cur_attr = None
                prev_para = s["para"]
            if s.get("kind"):
                if s.get("attr") and not s.get("frag"):
                    cur_attr = s["attr"]
                continue
            ps, pe = paras[s["para"]]
            words = len(text[s["start"]:s["end"]].split())
            whole = text[ps:s["open"]].strip() == "" and text[s["close"] + 1:pe].strip(" .,;\u2026") == ""
            if s.get("group_attr"):
                s["attr"], s["kind"], s["cont"] = s["group_attr"], "direct", True
            elif cur_attr is not None and words > self.max_scare_words and self._standalone(text, s, ps, pe):
                s["attr"], s["kind"], s["cont"] = cur_attr, "direct", True
            elif prev_attr is not None and whole and words > self.max_scare_words:
                s["attr"], s["kind"], s["cont"] = prev_attr, "direct", True
            elif s["closed"] and words > self.max_scare_words:
                found = self._after_cue(doc, s, s["nxt"], tok_starts, ent_at, inside, strict=True)
                if found is not None:
                    s["attr"], s["kind"] = found, "direct"
            if s.get("attr"):
                cur_attr = s["attr"]
        # pull quotes: a cue-less continuation whose text is repeated inside another quote
        bodies = [(s, re.sub(r"\W+", " ", text[s["start"]:s["end"]].lower()).strip()) for s in segs if s.get("kind")]
        for s, body in bodies:
            if s.get("cont") and any(o is not s and len(body) < len(b2) and body in b2 for o, b2 in bodies):
                s["kind"] = None
        for s in segs + nested:
            if s.get("kind") == "direct" and s.get("attr"):
                quotes.append({"_attr": s["attr"], "start_char": s["start"], "end_char": s["end"], "kind": "direct",
                               "_cont": s.get("cont", False), "_frag": s.get("frag", False)})

        # --- 4. speakers
        speakers_so_far: list[tuple[int, str, str | None, str]] = []  # (start_char, name, key, label)
        person_mentions = [e for e in ents if e.label_ == "PERSON" and not inside[e.start]]
        # subjects headed by an organisation noun ("The X newspaper reported"), for "it said"
        self._org_subjects = [doc[i] for i, h in enumerate(lowers) if h in self.kind_ids and not inside[i] and
                              doc[i].dep_ in SUBJECT_DEPS and ent_at[i] < 0]
        coll_mentions = [e for e in ents if e.label_ in ("ORG", "FACTION") and not inside[e.start]]
        out = []
        for q in sorted(quotes, key=lambda q: q["start_char"]):
            cue, subj, mention, _ = q.pop("_attr")
            cont, frag = q.pop("_cont", False), q.pop("_frag", False)
            q.pop("_para", None)
            name = key = None
            s0 = s1 = None
            conf = {"direct": 0.9, "mixed": 0.75, "indirect": 0.7}[q["kind"]]
            m = mention if mention is not None else (self._mention(subj, ent_at, ents) if subj is not None else None)
            if m is not None:
                s0, s1 = m.start_char, m.end_char
                while s1 > s0 and text[s1 - 1].isspace():
                    s1 -= 1
                while s0 < s1 and text[s0].isspace():
                    s0 += 1
                name, key, label = self._resolve(m, doc, ents, ent_at, actors, person_mentions, coll_mentions,
                                                 speakers_so_far)
                if subj is not None and m.label_ in LABEL_TYPE:
                    self._set_role(subj, key, actors)
                if len(m) == 1 and m[0].tag_ in PRONOUN_TAGS:
                    conf -= 0.1
                if label == "ORG" and m.label_ == "ORG" and self._looks_personal(m):
                    label = "PERSON"  # "said Jane Doe, a teacher" with the name tagged as an organisation
                speakers_so_far.append((m.start_char, name, key, label))
            else:
                conf -= 0.3
            if cont or frag:
                conf -= 0.2
            q.update({"text": text[q["start_char"]:q["end_char"]], "cue": cue, "speaker": name,
                      "speaker_actor_id": key, "speaker_start_char": s0, "speaker_end_char": s1,
                      "confidence": round(max(0.05, conf), 2)})
            out.append(q)
        return out

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _tok_range(tok_starts: list[int], a: int, b: int) -> tuple[int, int]:
        """Indices of the tokens starting in [a, b)."""
        return bisect.bisect_left(tok_starts, a), bisect.bisect_left(tok_starts, b)

    def _sent_ends(self, text: str, a: int, b: int) -> list[int]:
        """Offsets just after each sentence end in text[a:b]: . ! ? followed by space or a mark, not after an
        abbreviation ("Mr.", "U.S.") or an initial."""
        out = []
        for m in SENT_END.finditer(text, a, b):
            if m.group(1) == ".":
                w = WORD_BEFORE.search(text, max(a, m.start() - 12), m.start())
                if w and (w.group(1).lower() in self.abbr or len(w.group(1)) == 1 and w.group(1).isupper()):
                    continue
            out.append(m.end())
        return out

    def _according(self, v: Token) -> bool:
        """`v` opens an "according to" phrase: its first word, the second right after it."""
        second = self.according.get(v.lower_)
        return second is not None and v.i + 1 < len(v.doc) and v.doc[v.i + 1].lower_ == second

    def _cue_text(self, v: Token) -> str:
        """The cue as reported: the verb as written, or the whole "according to" phrase."""
        second = self.according.get(v.lower_)
        return f"{v.lower_} {second}" if second is not None else v.text

    def _cue_ok(self, v: Token, strong_only: bool = False) -> bool:
        lw = v.lower_
        if lw in self.according:
            return self._according(v)
        if lw not in self.speech or v.pos_ not in ("VERB", "AUX"):
            return False
        if strong_only and lw in self.weak:
            return False
        if v.i > 0 and v.doc[v.i - 1].text in ("-", "so-") or v.text.lower().startswith("so-"):
            return False
        return True

    def _after_cue(self, doc, s, nxt, tok_starts, ent_at, inside, strict=False):
        """“…,” X said / “…,” said X / “…,” X, a Y, told Z: the first cue in the short window after the marks."""
        text = self._text  # Doc.text is rebuilt on every access
        lo_c = s["close"] + 1
        ends = self._sent_ends(text, lo_c, nxt)
        hi_c = ends[0] if ends else nxt
        lo, hi = self._tok_range(tok_starts, lo_c, hi_c)
        if hi <= lo:
            return None
        for t in range(lo, min(hi, lo + 30)):
            v = doc[t]
            if inside[t] or not self._cue_ok(v, strong_only=t - lo > 1):
                continue
            according = v.lower_ in self.according  # _cue_ok checked the second word
            subj = self._subject(v)
            if subj is not None and not (lo <= subj.i < hi) and not according:
                subj = None
            if subj is None and not according:
                subj = self._adjacent_subject(v, lo, hi, ent_at, True)
            if subj is None or subj.tag_ in BAD_SUBJ_TAGS:
                continue
            if self._marks_in_name(subj, s["toks"][0]):
                return None  # 'the “X” network reported'
            if according and t - lo > 1:
                return None  # "…,” A did B, according to C": C vouches for the sentence, not the marks
            if not according:
                own = set(range(subj.left_edge.i, subj.right_edge.i + 1)) if lo <= subj.i < v.i else set()
                if ent_at[subj.i] >= 0:  # a name the parser split ("the X of Y and Z Societies (XYZ) said")
                    own.update(j for j in range(lo, v.i) if ent_at[j] == ent_at[subj.i])
                for c in v.lefts:  # "… in the village on Tuesday the ministry said"
                    if c.dep_ in ("prep", "npadvmod", "advmod", "advcl") and c.left_edge.i >= lo:
                        own.update(range(c.left_edge.i, c.right_edge.i + 1))
                rest = [doc[j] for j in range(lo, v.i) if not (doc[j].is_punct or doc[j].is_space or j in own or
                                                                doc[j].dep_ in ("advmod", "aux", "neg", "npadvmod"))]
                # a misparsed noun phrase ("X head of the Y said") may stand there; a clause may not
                if rest and (subj.i >= v.i or any(t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON") for t in rest)):
                    return None
            if strict:
                # “….” He said. after a full stop: only a bare cue that reports nothing else
                if any(c.dep_ in ("ccomp", "xcomp") and c.i > v.i for c in v.children) or t - lo > 8:
                    return None
            return self._cue_text(v), subj, None, v.i
        return None

    def _before_cue(self, doc, s, prv, paras, tok_starts, ent_at, inside):
        """X said: “…” / X said “…” / X told Y that “…”: the cue governing the marks, else the nearest one."""
        text = self._text
        ps, _ = paras[s["para"]]
        lo_c = prv
        for e in self._sent_ends(text, prv, s["open"]):
            lo_c = e
        if text[ps:s["open"]].strip() == "" and s["para"] > 0:
            # a whole paragraph quote announced by the previous paragraph ending in a colon
            pps, ppe = paras[s["para"] - 1]
            if text[pps:ppe].rstrip().endswith(":"):
                lo_c = pps
                for e in self._sent_ends(text, pps, ppe - 1):
                    lo_c = e
        lo, hi = self._tok_range(tok_starts, lo_c, s["open"])
        if hi <= lo:
            return None
        open_tok = s["toks"][0]
        if open_tok >= len(doc):
            return None
        cands = [doc[t] for t in range(hi - 1, lo - 1, -1) if not inside[t] and self._cue_ok(doc[t])]
        if not cands:
            if text[lo_c:s["open"]].rstrip().endswith(":"):
                return self._colon_cue(doc, lo, hi, inside)
            return None
        governing = [v for v in cands if self._governs(v, open_tok)]
        v = governing[0] if governing else cands[0]
        if cands[0] is not v and all(t.is_punct or t.is_space for t in doc[cands[0].i + 1:hi]):
            v = cands[0]  # a cue right before the marks ("footage of X saying, “…”") wins over a remote one
        btxt = text[v.idx + len(v.text):s["open"]].rstrip()
        subj = self._subject(v)
        if v.lower_ in self.according:  # _cue_ok checked the second word
            if subj is None or self._marks_in_name(subj, open_tok):
                return None  # 'according to the "X" network'
            return self._cue_text(v), subj, None, v.i
        if subj is not None and not (lo <= subj.i < hi):
            subj = None
        if subj is None:
            subj = self._adjacent_subject(v, lo, hi, ent_at, False)
        if subj is None:
            return None
        between = doc[v.i + 1:hi]
        colon = btxt.endswith(":")
        if not colon and self._is_name(doc, s):
            return None
        if v.lower_ in self.weak and not colon and not governing:
            return None
        subj = self._free_relative(v, subj, inside)
        if colon or self._only_filler(v, between, open_tok):
            return v.text, subj, None, v.i
        if v.lower_ not in self.weak and governing and not self._has_clause(v, between):
            return v.text, subj, None, v.i
        return None

    def _colon_cue(self, doc: Doc, lo: int, hi: int, inside: list[bool]):
        """"X made the following comment: “…”" / "X is rolling out a new message: “…”": a colon announces the
        quote; the speaker is the subject of the announcing sentence's main verb."""
        root = doc[hi - 1].sent.root
        order = [root.i] if lo <= root.i < hi else []
        for t in order:
            v = doc[t]
            if v.pos_ in ("VERB", "AUX") and not inside[t] and (v.dep_ == "ROOT" or not lo <= v.head.i < hi):
                subj = self._subject(v)
                if subj is not None and lo <= subj.i < hi and subj.tag_ not in BAD_SUBJ_TAGS:
                    return v.text, subj, None, v.i
                return None
        return None

    def _dash_cue(self, doc, s, nxt, tok_starts, ent_at):
        """“…” ― Name: a dash and a name right after the marks."""
        text = self._text
        m = DASH_NAME.match(text, s["close"] + 1, nxt)
        if not m:
            return None
        lo, hi = self._tok_range(tok_starts, m.end(), nxt)
        if hi <= lo:
            return None
        t = doc[lo]
        if ent_at[lo] >= 0 or t.pos_ == "PROPN":
            k = lo
            while k + 1 < hi and (ent_at[lo] >= 0 and ent_at[k + 1] == ent_at[lo] or
                                  ent_at[lo] < 0 and doc[k + 1].pos_ == "PROPN"):
                k += 1
            span = doc[lo:k + 1] if ent_at[lo] < 0 else None
            return m.group(1), doc[k], span, None
        return None

    def _label_cue(self, doc, s):
        """Transcripts: “NAME: …” — the speaker label opens the marked text."""
        m = LABEL.match(self._text, s["start"], s["end"])
        if not m:
            return None
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            return None
        return ":", None, span, None

    def _governing_cue(self, doc, s, inside):
        """X called Y “a disgrace” / X accused Y of being “duped”: a speech-act verb up the tree owns the
        fragment, unless the fragment sits inside that verb's own subject (a scare-quoted name)."""
        a, b = s["toks"]
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
            if a <= h.i < b:
                continue
            if h.pos_ in ("VERB", "AUX"):
                hops += 1
                if h.lower_ in self.acts and not h.text.lower().startswith("so-"):
                    if self._is_name(doc, s):
                        return None
                    subj = self._subject(h)
                    if subj is None or inside[subj.i] or subj.left_edge.i <= root.i <= subj.right_edge.i:
                        return None
                    return h.text, self._free_relative(h, subj, inside), None, h.i
                if hops >= 4:
                    break
        return None

    @staticmethod
    def _handed(text: str, s: dict, first_after: str) -> bool:
        """Do the marks hand their speech to a cue after them (“…,” X said / “…?” she asked / “…” — he said)?
        With commas stripped upstream (“… X said”) a quote ending in a word hands over too."""
        last = text[s["end"] - 1]
        return last in HANDOFF or first_after in HANDOFF or (last.isalnum() and first_after.isalpha())

    @staticmethod
    def _marks_in_name(subj: Token, first: int) -> bool:
        """The quoted text (first token `first`) opens inside the speaker's own noun phrase, before its head
        ('the “X” network said'): the marks are part of the speaker's name, not a quote of it."""
        return subj.left_edge.i <= first < subj.i

    @staticmethod
    def _nickname(text: str, s: dict) -> bool:
        """One capitalised word in marks between two capitalised words: John “J.D.” Doe."""
        if not s["closed"] or s["end"] - s["start"] > 15 or " " in text[s["start"]:s["end"]]:
            return False
        before = WORD_BEFORE.search(text, max(0, s["open"] - 30), s["open"] - 1) if s["open"] > 1 else None
        after = text[s["close"] + 1:s["close"] + 3]
        return (text[s["start"]].isupper() and before is not None and before.group(1)[:1].isupper() and
                text[s["open"] - 1] == " " and len(after) == 2 and after[0] == " " and after[1].isupper())

    def _standalone(self, text: str, s: dict, ps: int, pe: int) -> bool:
        """Marks around whole sentences, not a phrase inside narration: “…” after a sentence end (or a speech
        verb), ending one."""
        before = text[ps:s["open"]].rstrip()
        after = text[s["close"] + 1:pe].lstrip()
        word = WORD_BEFORE.search(before, max(0, len(before) - 20))  # as written: "Said" is a name
        starts = not before or before[-1] in ".!?:\u201d\"" or word is not None and word.group(1) in self.speech
        ends = text[s["end"] - 1] in ".!?\u2026" or not after or after[0] in ".!?"
        return starts and ends

    def _is_name(self, doc: Doc, s: dict) -> bool:
        """A short marked phrase that names or modifies something rather than quoting it: "an Islamic
        “caliphate”", "the page “Information Office …”", the “X” TV network."""
        a, b = s["toks"]
        if b <= a or b - a > 2 * self.max_scare_words:
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

    def _free_relative(self, v: Token, subj: Token, inside: list[bool]) -> Token:
        """"X condemned what he called “…”": the pronoun stands for the sentence's own subject."""
        if subj.tag_ in PRONOUN_TAGS and any(c.tag_ in ("WP", "WDT") for c in v.children):
            outer = self._outer_subject(v)
            if outer is not None and not inside[outer.i]:
                return outer
        return subj

    def _outer_subject(self, v: Token) -> Token | None:
        """The nearest non-pronoun subject of a verb above `v` in the same sentence."""
        h = v
        for _ in range(6):
            if h.head.i == h.i:
                return None
            h = h.head
            if h.pos_ in ("VERB", "AUX"):
                subj = self._subject(h)
                if subj is not None and subj.tag_ not in PRONOUN_TAGS and subj.tag_ not in BAD_SUBJ_TAGS:
                    return subj
        return None

    def _in_focus(self, doc: Doc, attr: tuple, para: tuple[int, int], tok_starts, ents, ent_at) -> bool:
        """Does a paragraph name the speaker of `attr` again (its name, a word of it, or a matching pronoun)?"""
        _, subj, mention, _ = attr
        if mention is not None:
            words = {t.lower_ for t in mention if t.is_alpha and len(t) > 2}
        elif subj is None:
            return False
        elif subj.tag_ in PRONOUN_TAGS:
            p = subj.lower_
            words = self.male | self.female if p in self.male | self.female else {p}
        else:
            span = ents[ent_at[subj.i]] if ent_at[subj.i] >= 0 else doc[subj.i:subj.i + 1]
            words = {t.lower_ for t in span if t.is_alpha and len(t) > 2 and t.is_title}
        lo, hi = self._tok_range(tok_starts, *para)
        return any(doc[t].lower_ in words for t in range(lo, hi))

    @staticmethod
    def _governs(v: Token, t: int) -> bool:
        tok = v.doc[min(t, len(v.doc) - 1)]
        return tok.is_ancestor(v) is False and v.is_ancestor(tok)

    @staticmethod
    def _has_clause(v: Token, between: Span) -> bool:
        """A verb of its own between the cue and the marks: the marks hold a fragment of a reported clause."""
        return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "aux", "auxpass") or
                   t.dep_ in SUBJECT_DEPS | {"expl"} and t.head.i != v.i for t in between)

    @staticmethod
    def _only_filler(v: Token, between: Span, open_tok: int) -> bool:
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

    def _resolve(self, m: Span, doc, ents, ent_at, actors, person_mentions, coll_mentions, speakers_so_far):
        """(name, actor key, label) of a speaker mention; pronouns go to the last suitable speaker or mention."""
        if len(m) == 1 and m[0].tag_ in ("WP", "WDT") and m[0].head.dep_ == "relcl":
            head = m[0].head.head  # the noun the relative clause hangs on
            return self._resolve(self._mention(head, ent_at, ents), doc, ents, ent_at, actors, person_mentions,
                                 coll_mentions, speakers_so_far)
        if len(m) == 1 and m[0].tag_ in PRONOUN_TAGS:
            p = m[0].lower_
            start = m.start_char
            if p in self.male or p in self.female:
                g = "m" if p in self.male else "f"

                def fits(name: str, ent: Span | None = None) -> bool:
                    known = self._gender.get(name) or (self._title_gender(ent) if ent is not None else None)
                    return known in (None, g)

                cands = [(s0, n, k) for s0, n, k, lab in speakers_so_far if s0 < start and fits(n) and
                         (lab == "PERSON" or lab is None and self._is_person_noun(n))]
                ment = [e for e in person_mentions if e.start_char < start]
                best = next((e for e in reversed(ment) if e.root.dep_ in SUBJECT_DEPS and
                             fits(self._named(e, actors)[0], e)), None)
                if cands and (best is None or cands[-1][0] > best.start_char):
                    self._gender.setdefault(cands[-1][1], g)
                    return cands[-1][1], cands[-1][2], "PERSON"
                if best is None:
                    best = next((e for e in reversed(ment) if fits(self._named(e, actors)[0], e)), None)
                if best is not None:
                    n, k, _ = self._named(best, actors)
                    self._gender.setdefault(n, g)
                    return n, k, "PERSON"
            elif (p in self.plural or p == "it") and p not in self.first:
                cands = [(s0, n, k) for s0, n, k, lab in speakers_so_far if lab in ("ORG", "FACTION", None)
                         and s0 < start and n and n.lower() not in self.plural and
                         (p != "it" or lab is not None or n.split()[-1].lower() in self.kinds)]  # "it": no person
                ment = [e for e in coll_mentions if e.start_char < start]
                if p == "it":
                    # "The X newspaper, which is close to the Y, reported … “…” it said": the latest of the last
                    # speaker, the last subject name and the last subject headed by an organisation noun wins
                    sent0 = m[0].sent.start
                    subj = [e for e in ment if self._is_subject(e) and e.sent.start >= sent0 - 60]
                    nps = [t for t in self._org_subjects if t.idx < start and t.i >= sent0 - 60]
                    opts = ([(cands[-1][0], 0)] if cands else []) + ([(subj[-1].start_char, 1)] if subj else []) + \
                        ([(nps[-1].idx, 2)] if nps else [])
                    if opts:
                        what = max(opts)[1]
                        if what == 0:
                            return cands[-1][1], cands[-1][2], "ORG"
                        if what == 1:
                            n, k, _ = self._named(subj[-1], actors)
                            return n, k, subj[-1].label_
                        return self._resolve(self._mention(nps[-1], ent_at, ents), doc, ents, ent_at, actors,
                                             person_mentions, coll_mentions, speakers_so_far)
                if cands and (not ment or cands[-1][0] > ment[-1].start_char):
                    return cands[-1][1], cands[-1][2], "ORG"
                if ment:
                    n, k, _ = self._named(ment[-1], actors)
                    return n, k, ment[-1].label_
            return m.text.strip(), None, None
        if m.label_ in LABEL_TYPE:
            return self._named(m, actors)
        ante = self._antecedent(m, ents)
        if ante is not None:
            return self._named(ante, actors)
        toks = [t for t in m if not t.is_space]
        if len(toks) > 1 and toks[0].lower_ in self.indefinite:  # "one activist" is "activist"
            return m.doc[toks[1].i:m.end].text.strip(), None, None
        return m.text.strip(), None, None

    def _is_person_noun(self, name: str) -> bool:
        """An unnamed person ("a relative" -> "relative"); a definite one ("the president") usually stands for a
        name given elsewhere, so it is left to the named mentions."""
        words = name.split()
        return bool(words) and words[-1].lower() in self.person_nouns and \
            words[0].lower() not in ("the", "my", "his", "her", "their", "our", "its")

    @staticmethod
    def _is_subject(e: Span) -> bool:
        """A name that is (or modifies) a clause subject: "The X newspaper reported"."""
        r = e.root
        if r.dep_ in ("compound", "nmod", "amod", "poss") and r.head.i >= e.end:
            r = r.head
        return r.dep_ in SUBJECT_DEPS

    def _head_noun(self, e: Span) -> Token:
        """The noun a name stands in: "Cham" in 'the opposition "Cham" TV network' -> network."""
        r = e.root
        if r.dep_ == "appos" and r.head.i < e.start:  # "the broadcaster X"
            return r.head
        for _ in range(3):
            if r.dep_ in ("compound", "nmod", "amod", "poss") and r.head.i > r.i and r.head.i - e.end < 4:
                r = r.head
            else:
                break
        return r

    def _antecedent(self, m: Span, ents: list[Span], window: int = 1500) -> Span | None:
        """"the network said" / "the group said": a definite description names no one; it stands for the last
        earlier name whose noun phrase has a head of the same kind ("the opposition “Cham” TV network"), else the
        last name with a label that kind allows (an organisation, a faction)."""
        head = m.root
        kind = self.kinds.get(head.lower_)
        doc = m.doc
        # a proper noun in it may be a name the tagger missed ("the Al-Watan newspaper"); "Britain-based" is not
        if kind is None or m[0].lower_ != "the" or \
                any(t.pos_ == "PROPN" and (t.i + 1 >= len(doc) or doc[t.i + 1].text != "-") for t in m):
            return None
        start = m.start_char
        fallback = None
        for e in reversed(ents):
            if e.start_char >= start:
                continue
            if e.start_char < start - window:
                break
            words = {t.lower_ for t in e} | {self._head_noun(e).lower_}
            if head.lower_ in words or any(self.kinds.get(w) == kind for w in words):
                return e
            if fallback is None and e.label_ in self.kind_labels.get(kind, ()):
                fallback = e
        return fallback

    def _title_gender(self, e: Span) -> str | None:
        """"Mr. X" is male, "Mrs./Ms. X" female (titles from the lexicon); most names give no clue."""
        first = e.doc[e.start - 1] if e.start > 0 else None
        for t in (e[0], first):
            if t is not None:
                w = t.lower_.rstrip(".")
                if w in self.male_titles:
                    return "m"
                if w in self.female_titles:
                    return "f"
        return None

    @staticmethod
    def _looks_personal(m: Span) -> bool:
        """Two or three capitalised proper nouns with an apposition or a person-like title: a mislabelled name."""
        toks = [t for t in m if not t.is_space]
        if not 2 <= len(toks) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in toks):
            return False
        return any(c.dep_ == "appos" for c in m.root.children)

    def _named(self, e: Span, actors: dict) -> tuple[str, str | None, str]:
        key = e._.actor_key
        a = actors.get(key) if key else None
        name = NICKNAME.sub(" ", POSSESSIVE.sub("", (a["name"] if a else e.text).strip()))
        if e.label_ == "PERSON" and len(name.split()) == 1:
            # a bare surname the alias layer left alone: the earlier full name ending with it
            o = self._full_names.get(name.lower().replace("\u2019s", "").replace("'s", ""))
            if o is not None and o.start < e.start:
                ok = o._.actor_key
                oa = actors.get(ok) if ok else None
                return POSSESSIVE.sub("", (oa["name"] if oa else o.text).strip()), ok, "PERSON"
        return name, key, e.label_

    @staticmethod
    def _set_role(subj: Token, key: str | None, actors: dict) -> None:
        if not key or key not in actors or actors[key].get("role"):
            return
        head = subj
        ap = next((c for c in head.children if c.dep_ == "appos"), None)
        if ap is None:
            return
        toks = [t for t in ap.subtree if not (t.is_punct and t.i in (ap.left_edge.i, ap.right_edge.i))]
        if toks and toks[0].lower_ in ("a", "an", "the"):
            toks = toks[1:]
        if toks:
            role = ap.doc[toks[0].i:toks[-1].i + 1].text
            if 0 < len(role) <= 120:
                actors[key]["role"] = role


@Language.factory("sitrep_quotes", default_config={"lexicon": DEFAULT_LEXICON, "max_scare_words": 4,
                                                   "min_indirect_tokens": 2},
                  assigns=["doc._.quotes"], requires=["token.dep", "token.tag", "doc.ents", "doc._.actors"])
def make_quotes(nlp: Language, name: str, lexicon: str, max_scare_words: int,
                min_indirect_tokens: int) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, lexicon, max_scare_words, min_indirect_tokens)
