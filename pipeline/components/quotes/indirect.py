"""Reported speech from the dependency parse: "X said (that) ...", "..., X said", "according to X, ...",
"X promised to ...", "X denied the allegations", "X called for ...", "X's claim that ...".

Definition (PolNeAR annotation guidelines, Newell et al. 2018): an *attribution* is the ascription of a
propositional attitude to a source. It has a **source** (who or what the content is ascribed to: a person, an
organisation, an artifact such as a report), one **cue** (the words that signal the ascription: a verb group, a
noun of expression such as "statement" or "view", a phrase such as "according to") and **content** (what is
ascribed). Attitudes are statements (quoted, paraphrased or mixed; denials too), beliefs and knowledge,
intentions and desires, support or opposition, decrees that rest on a statement ("the court ruled that ..."),
perceived facts and evidence a source provides ("the report shows that ..."). Descriptions of the source ("X was
happy") and actions ("X chased the bus") are not attributions; an attribution nested in the content of another is
not annotated (the outer one is).

Here, following that definition: the content is the cue's propositional complement only (never the cue, the
source or the addressee): a clausal complement (ccomp), a to-infinitive (xcomp), a direct object or the object of
a linking preposition, for the verb classes of `models/quote_cues.json` that take such a complement (and
the noun object of a verb of saying when a person says it: "he claimed vast wealth"); the rest of
the sentence around a parenthetical cue ("A, X said, B") or "according to X"; the that-clause of a reporting
noun. The source is the cue's subject (speaker resolution is the extractor's).

Negation and modals: the guidelines annotate a negated attribution ("Negated attribution still counts! ...
there still must be attributed content": "Lowell did not say that other people had been present") and keep
modals and negation inside the cue's verb group ("She could not say whether ..."). So a negated or modal verb
cue gives a row, and its cue is the whole verb group ("did not say", "would argue") so the row reads as what it
is. A negated cue needs propositional content of its own: a declarative that-clause or a to-infinitive ("did
not say that A", "refused to A"); a negated cue with an object or an indirect question ("did not mention a
wedding", "didn't know what it was") names what was not said, no proposition ascribed to the source. This
project's contract narrows the definition where nothing is reported at all: a report under a condition ("if X
says") or inside a question, and a cue with no propositional content ("said on Tuesday"), give nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ...lexicon import inflect, plurals
from .attitudes import Attitudes
from .contents import Report, trim

# the complement relations that carry a clause hanging on a verb or a noun
CLAUSE_DEPS = frozenset({"ccomp"})
# the tags of a wh-word that opens an indirect question ("what it was", "who fired")
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "appos", "relcl"})
# entity types of a name that can be a source (spaCy's labels and this project's)
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FACTION", "PLACE"})
# a phrase naming these is the circumstance of the report, not its content ("endorsed X on Monday in Ohio")
TIME_PLACE_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "PLACE", "EVENT"})


class IndirectSpeech:
    """Cue classes (as data) and the content each one takes; see the module docstring."""

    def __init__(self, cues: dict, according: dict[str, str]):
        self.clause = inflect(cues["indirect_clause_verbs"]) | frozenset(cues.get("reporting_verbs", ()))
        self.trailing = frozenset(cues.get("reporting_verbs", ()))  # "A, X said": verbs of saying only
        self.noun_preps: dict[str, frozenset[str]] = {}
        for base, preps in cues["reporting_noun_preps"].items():
            for form in plurals({base}):
                self.noun_preps[form] = frozenset(preps)
        self.about = frozenset(cues["topic_preps"])
        self.agent_suffixes = tuple(cues.get("agent_suffixes", ()))
        self.thing_suffixes = tuple(cues.get("thing_suffixes", ()))
        self.infinitive = inflect(cues["indirect_infinitive_verbs"])
        self.object = inflect(cues["indirect_object_verbs"])
        self.predicative = inflect(cues["indirect_predicative_verbs"])
        self.prep: dict[str, frozenset[str]] = {}
        for base, preps in cues["indirect_prep_verbs"].items():
            for form in inflect({base}):
                self.prep[form] = self.prep.get(form, frozenset()) | frozenset(preps)
        self.nouns = plurals(cues["reporting_nouns"]) | frozenset(self.noun_preps)
        self.modals = frozenset(cues["hypothetical_modals"])
        self.negators = frozenset(cues["negators"])
        self.conditions = frozenset(cues["condition_marks"])
        self.concessive = frozenset(cues["concessive_marks"])
        self.questions = frozenset(cues["question_verbs"])
        self.according = according
        self.label_sources = frozenset(cues.get("label_sources", ()))
        self.first = frozenset(cues.get("first_person", ()))
        self.persons = plurals(cues.get("person_nouns", ()))
        self.personal_pronouns = frozenset(cues.get("male_pronouns", ())) | frozenset(cues.get("female_pronouns", ())) \
            | self.first
        self.bodies = plurals(cues.get("description_kinds", ()))  # "network", "newspaper": no agent nouns
        self.acts = frozenset(cues.get("speech_act_verbs", ()))
        self.attitudes = Attitudes(cues.get("attitude_adjectives", {}), inflect(cues.get("linking_verbs", ())))
        self.sources = plurals(cues["source_nouns"]) | plurals(cues.get("person_nouns", ())) | \
            frozenset(cues.get("statement_nouns", ())) | frozenset(cues.get("description_kinds", ()))

    @property
    def verbs(self) -> frozenset[str]:
        return self.clause | self.infinitive | self.object | self.predicative | frozenset(self.prep)

    @property
    def words(self) -> frozenset[str]:
        """Every word that can open reported speech: the verbs, the nouns, the first word of "according to"."""
        return self.verbs | self.nouns | frozenset(self.according) | self.attitudes.words

    def trim(self, doc: Doc, a: int, b: int) -> tuple[int, int] | None:
        return trim(doc, a, b, self.concessive)

    # ------------------------------------------------------------------ filters
    def negated(self, v: Token) -> bool:
        """The cue's verb group is negated ("did not say", "never claimed")."""
        return any(c.dep_ == "neg" or c.dep_ in ("advmod", "det") and c.lower_ in self.negators and c.i < v.i
                   for c in v.children)

    def asserts(self, v: Token, negation: bool = False) -> bool:
        """The cue reports something: not negated ("did not say", "never claimed") unless `negation`, not
        under a condition ("if X says"), not inside a question ("Did X say that ...?"). A modal ("would
        argue") is part of the verb group and blocks nothing (module docstring)."""
        if not negation and self.negated(v):
            return False
        h = v
        for _ in range(4):  # the clause the cue stands in, and the clauses it hangs on
            if any(c.dep_ == "mark" and c.lower_ in self.conditions for c in h.children):
                return False
            if h.dep_ not in ("xcomp", "conj", "ccomp") or h.head is h:
                break
            h = h.head
        sent = v.sent
        last = next((t for t in reversed(sent) if not t.is_space and t.text not in "\"\u201d'\u2019)"), None)
        return not (last is not None and last.text == "?" and v.lower_ not in self.questions)

    def can_speak(self, subj: Token | None) -> bool:
        """A source that can hold or publish an attitude: a pronoun, a name (or a noun with a name in apposition),
        a noun of `source_nouns` (a person, a body, a report); "the liberation" or "new emissions rules" cannot."""
        if subj is None:
            return False
        if subj.tag_ == "WDT" and subj.head.dep_ == "relcl" and subj.head.head is not subj.head:
            return self.can_speak(subj.head.head)  # "X, which denied A": X must be able to hold it
        if subj.pos_ in ("PRON", "PROPN") or subj.tag_ in ("PRP", "WP") or subj.ent_type_ in SPEAKER_ENTS:
            return True
        if any(c.dep_ == "appos" and c.ent_type_ in SPEAKER_ENTS for c in subj.children):
            return True  # "another host, Abby Martin, denounced A": the apposition names the source
        return subj.lower_ in self.sources or self.agent_noun(subj)

    def agent_noun(self, t: Token) -> bool:
        """A common noun formed as a noun of agent or of membership ("speechwriters", "supporters", "voters",
        "residents", "Republicans", "advocates"): English makes the nouns for a person who does or belongs with
        a suffix (`agent_suffixes`); a noun of result or thing ("agreement", "statement") is not one of them."""
        if t.pos_ != "NOUN":
            return False
        w = t.lower_[:-1] if t.tag_ == "NNS" and t.lower_.endswith("s") else t.lower_
        return len(w) > 4 and w.endswith(self.agent_suffixes) and not w.endswith(self.thing_suffixes)

    @staticmethod
    def propositional(doc: Doc, a: int, b: int) -> bool:
        """Clausal content states something: it has a verb ("In Syria" alone is no proposition)."""
        return any(doc[t].pos_ in ("VERB", "AUX") for t in range(a, b))

    # ------------------------------------------------------------------ content, by cue class
    def clause_content(self, v: Token, subj: Token | None) -> tuple[int, int] | None:
        """The clausal complement ("said (that) A"); a complement before the cue ("A, but B, X said") runs from
        the sentence start to the cue's subject. "said in a statement that A": the clause on the statement."""
        comps = [c for c in v.children if c.dep_ in CLAUSE_DEPS]
        # the cue takes one complement: a finite clause after it is that complement, and a "clause" before it
        # is then a misparse (a header run into the sentence: "- Troops kill 10 children - Meanwhile X said A")
        comp = next((c for c in comps if c.i > v.i and c.tag_ != "VBG"), comps[0] if comps else None)
        if comp is None:
            comp = self._statement_clause(v)
        if comp is None:
            return None
        a, b = comp.left_edge.i, comp.right_edge.i + 1
        if a < v.i < comp.i:
            # "donations, which he said were accompanied by ...": the relative pronoun moved out of the
            # complement stands for the antecedent; the content is the clause after the cue, never the cue
            a = v.i + 1
        obj = next((c for c in v.rights if c.dep_ == "dobj" and c.i < comp.i), None)
        if obj is not None and comp.i > v.i and not any(c.dep_ in SUBJ_DEPS for c in comp.children):
            # a complement clause includes its subject: "denied the country's air force was active" is parsed
            # with "air force" as the cue's object and a subjectless clause after it
            a = min(a, obj.left_edge.i)
        if b <= v.i:
            if v.lower_ not in self.trailing:
                return None
            a = min(a, v.sent.start)
            if subj is not None and subj.i < v.i:
                b = max(b, min(subj.left_edge.i, v.i))
        return self.trim(v.doc, a, b)

    @staticmethod
    def _statement_clause(v: Token) -> Token | None:
        """"said in a statement that A" and "told a meeting of X that A": the that-clause the parser hangs on
        the cue's object or on the object of its preposition (a clause with "that" as its complementiser, not
        as a relative pronoun, is a complement whatever the parse)."""
        for c in v.rights:
            if c.dep_ == "dobj":
                acl = next((g for g in c.subtree if g.dep_ in ("acl", "relcl") and g.head.i >= c.i and
                            any(m.lower_ == "that" and m.dep_ == "mark" for m in g.children)), None)
                if acl is not None:
                    return acl
            if c.dep_ != "prep":
                continue
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            acl = pobj is not None and next((g for g in pobj.rights if g.dep_ in ("acl", "relcl") and
                                             any(m.lower_ == "that" and m.dep_ == "mark" for m in g.children)), None)
            if acl:
                return acl
        return None

    def infinitive_content(self, v: Token) -> tuple[int, int] | None:
        """The to-infinitive ("promised to A"), with an object before it ("urged Congress to A")."""
        comp = next((c for c in v.rights if c.dep_ == "xcomp" and
                     any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        if comp is None:
            return None
        a = comp.left_edge.i
        obj = next((c for c in v.rights if c.dep_ in ("dobj", "nsubj") and c.i < comp.i), None)
        if obj is not None:
            a = min(a, obj.left_edge.i)
        return self.trim(v.doc, a, comp.right_edge.i + 1)

    def gerund_content(self, v: Token) -> tuple[int, int] | None:
        """A gerund complement of a verb of saying or thinking reports the act as a proposition ("suggested
        looking at A", "denied taking A", "recalled seeing A"): the gerund clause after the cue."""
        comp = next((c for c in v.rights if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and
                     not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        if comp is None:
            return None
        return self.trim(v.doc, comp.left_edge.i, comp.right_edge.i + 1)

    def object_content(self, v: Token) -> tuple[int, int] | None:
        """The direct object with what the cue says of it ("denied the allegations", "called the charges
        unsubstantiated", "attacked X for A", "endorsed X for president"); a time or place phrase, or a comma,
        ends it. A bare pronoun object names nothing; with what the cue says of it, it is content ("compared him
        to X"). Passive with an agent: the subject ("X was endorsed by Y")."""
        doc = v.doc
        if any(c.dep_ == "dative" for c in v.children):
            return None  # "deny ISIL a safe haven": giving or withholding a thing to someone is no attitude
        obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
        if obj is None:
            return self.passive_content(v)
        end = obj.right_edge.i + 1
        for c in v.rights:
            if c.i <= obj.i:
                continue
            if c.dep_ not in ("oprd", "ccomp", "xcomp", "prep") or doc[c.left_edge.i - 1].text == "," or \
                    c.dep_ == "prep" and any(g.ent_type_ in TIME_PLACE_ENTS for g in c.subtree):
                break
            end = c.right_edge.i + 1
        if obj.pos_ == "PRON" and obj.left_edge.i == obj.right_edge.i and end == obj.i + 1:
            return None  # a bare pronoun ("denied it") names nothing a reader can use; "compared him to X" does
        return self.trim(doc, obj.left_edge.i, end)

    def passive_content(self, v: Token) -> tuple[int, int] | None:
        """"X was endorsed / first reported by Y": a passive cue with an agent ascribes its subject to the
        agent (a pronoun subject names no content)."""
        subj = next((c for c in v.lefts if c.dep_ == "nsubjpass"), None)
        if subj is None or not any(c.dep_ == "agent" for c in v.rights) or subj.pos_ == "PRON":
            return None
        return self.trim(v.doc, subj.left_edge.i, subj.right_edge.i + 1)

    def personal(self, subj: Token | None) -> bool:
        """A person speaks: a person's name, "he", "she", "I", "we" ("it" and "they" are as often bodies), a person
        noun or a noun of agent that is not a body's ("newspaper"); "X, who ..." through its antecedent."""
        if subj is None:
            return False
        if subj.tag_ in ("WDT", "WP") and subj.head.dep_ == "relcl" and subj.head.head is not subj.head:
            subj = subj.head.head
        if subj.ent_type_:
            return subj.ent_type_ == "PERSON"
        if subj.tag_ == "PRP":
            return subj.lower_ in self.personal_pronouns
        return subj.lower_ in self.persons or self.agent_noun(subj) and subj.lower_ not in self.bodies

    def topic_object(self, v: Token) -> bool:
        """A verb of saying with a noun object and no clause says that object ("claimed vast wealth", "stressed
        her support of the raid", "has said his piece"), when a person says it: the guidelines' sentient source
        voicing a thing; the object is not the addressee (a person, a pronoun, a name: "told reporters"). A body
        or an outlet that "reported the blast" or "claimed the attacks" reports an event, which is an incident
        with its source (sitrep_incidents), not a proposition."""
        obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
        return obj is not None and obj.pos_ == "NOUN" and not obj.ent_type_ and \
            obj.lower_ not in self.sources and not self.agent_noun(obj)

    @staticmethod
    def by_means(v: Token) -> bool:
        """"supporting X by providing Y": a verb whose means is an action ("by" + gerund) names that action,
        not an attitude held or voiced."""
        return any(c.dep_ == "prep" and c.lower_ == "by" and
                   any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children) for c in v.children)

    def prep_content(self, v: Token) -> tuple[int, int] | None:
        """The object of a linking preposition ("called for A", "accused Y of A", "warned of A")."""
        preps = self.prep.get(v.lower_, frozenset()) | self.about
        for c in v.rights:
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is None:
                    continue
                end = obj.right_edge.i + 1
                inf = next((x for x in v.rights if x.dep_ == "xcomp" and x.i > obj.i), None)
                if inf is not None:  # "called on X to A": the object and the infinitive
                    end = inf.right_edge.i + 1
                return self.trim(v.doc, obj.left_edge.i, end)
        return None

    @staticmethod
    def parenthetical_content(v: Token, subj: Token | None) -> tuple[int, int, tuple[int, int]] | None:
        """"A, X said, B." / "A, X said.": a cue set off by commas (no complement of its own) reports the rest of
        its sentence; returns the sentence span and the gap the cue occupies."""
        if subj is None or subj.i > v.i or any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in v.children):
            return None
        doc = v.doc
        g0, g1 = subj.left_edge.i, v.i + 1
        if g0 > 0 and doc[g0 - 1].lower_ == "as":
            g0 -= 1  # "A, as X pointed out, B"
        while g1 < len(doc) and doc[g1].dep_ in ("advmod", "npadvmod", "prep", "pobj", "det", "compound", "prt") and \
                doc[g1].head.i in (v.i, g1 - 1) and doc[g1].text not in ",.":
            g1 = doc[g1].right_edge.i + 1
        if g0 == 0 or doc[g0 - 1].text != "," or g1 >= len(doc) or doc[g1].text not in (",", "."):
            return None
        sent = v.sent
        if g0 - sent.start < 2:
            return None
        return sent.start, sent.end, (g0 - 1, g1 + 1)

    def according_content(self, v: Token) -> tuple[int, int] | None:
        """The rest of the sentence around "according to X" (the longer side)."""
        doc, sent = v.doc, v.sent
        pobj = next((c for c in doc[v.i + 1].children if c.dep_ == "pobj"), None)
        phrase_end = (pobj.right_edge.i + 1) if pobj is not None else v.i + 2
        before, after = (sent.start, v.i), (phrase_end, sent.end)
        a, b = after if after[1] - after[0] > before[1] - before[0] else before
        return self.trim(doc, a, b)

    def noun_report(self, n: Token) -> Report | None:
        """"X's claim that A" / "a statement by X that A" / "his view is that A": a reporting noun with a
        that-clause; the source is its possessor, its "by" object, or the subject of the verb it is the object of
        ("X made the claim that A")."""
        comp = next((c for c in n.rights if c.dep_ in NOUN_CLAUSE_DEPS and
                     any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if comp is None and n.dep_ in ("nsubj", "attr") and n.head.lower_ in ("is", "was", "'s", "\u2019s"):
            comp = next((c for c in n.head.rights if c.dep_ in CLAUSE_DEPS), None)  # "his view is that A"
        span = self.trim(n.doc, comp.left_edge.i, comp.right_edge.i + 1) if comp is not None else self._noun_topic(n)
        if span is None:
            return None
        src = next((c for c in n.children if c.dep_ == "poss"), None)
        if src is None:
            by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            src = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if (src is None or src.tag_ == "PRP$") and n.dep_ == "dobj" and n.head.pos_ == "VERB" and \
                self.asserts(n.head):
            # "X raised concerns about A" / "X laid out her plans for A": the subject of the verb speaks
            src = next((c for c in n.head.children if c.dep_ == "nsubj"), None) or src
        return Report(n, span[0], span[1], src) if src is not None else None

    def _noun_topic(self, n: Token) -> tuple[int, int] | None:
        """"concerns about A", "criticism of A", "calls for A": the object of the noun's linking preposition;
        "a plan to A", "his promise to A": the noun's to-infinitive."""
        preps = self.noun_preps.get(n.lower_, frozenset())
        for c in n.rights:
            if c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" and g.i < c.i
                                                  for g in c.children):
                return self.trim(n.doc, c.left_edge.i, c.right_edge.i + 1)
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return self.trim(n.doc, obj.left_edge.i, obj.right_edge.i + 1)
        return None

    # ------------------------------------------------------------------ one cue
    def report(self, v: Token, subject: Callable[[Token], Token | None]) -> Report | None:
        """The attribution `v` opens, if any: its content by cue class, its source from `subject`."""
        lw = v.lower_
        if lw in self.according:
            nxt = v.doc[v.i + 1] if v.i + 1 < len(v.doc) else None
            if nxt is None or nxt.lower_ != self.according[lw]:
                return None
            span = self.according_content(v)
            return Report(v, *span, subject(v)) if span and self.propositional(v.doc, *span) else None
        if lw in self.attitudes.table:
            found = self.attitudes.content(v)
            if found is not None:
                pred, a, b = found
                span = self.trim(v.doc, a, b)
                if span is None or not (self.asserts(pred) and self.asserts(v)):
                    return None
                subj = subject(pred)
                return Report(v, span[0], span[1], subj) if self.can_speak(subj) else None
        if v.pos_ in ("NOUN", "PROPN"):
            return self.noun_report(v) if lw in self.nouns and self.asserts(v) else None
        if v.pos_ not in ("VERB", "AUX") or not self.asserts(v, negation=True):
            return None
        if self.negated(v):
            return self.negated_report(v, subject(v))
        subj = subject(v)
        if subj is not None and subj.lower_ in self.first and v.tag_ == "VBP" and lw in self.acts:
            # the author's own performative, a speech act in the first person present ("We condemn A", "We call
            # for A", outside any quotation): the text performs the act; it ascribes no attitude to a source
            # ("I think A" is the author's stated belief and stays)
            return None
        span = None
        if lw in self.clause:
            span = self.clause_content(v, subj)
            if span is not None and not self.propositional(v.doc, *span):
                return None
        if span is None and lw in self.predicative and any(c.dep_ == "oprd" for c in v.children):
            span = self.object_content(v)  # "called the charges unsubstantiated"
        if span is None and lw not in self.trailing and not self.can_speak(subj):
            return None  # an action verb ("will deny X a safe haven") unless a source holds the attitude
        if span is None and lw in self.infinitive:
            span = self.infinitive_content(v)
        if span is None and lw in self.clause:
            span = self.gerund_content(v)
        if span is None:
            span = self.prep_content(v)  # its own linking prepositions, and "about" for every cue
        if span is None and lw in self.object and not self.by_means(v):
            span = self.object_content(v)
        if span is None and lw in self.trailing and self.personal(subj) and self.topic_object(v):
            span = self.object_content(v)  # "claimed vast wealth", "stressed her support of the raid"
        if span is None and lw in self.clause:
            span = self.passive_content(v)  # "the issue was first reported by The Post"
        if span is not None:
            return Report(v, span[0], span[1], subj)
        if lw in self.clause:
            par = self.parenthetical_content(v, subj)
            if par is not None and self.propositional(v.doc, par[0], par[1]):
                return Report(v, par[0], par[1], subj, par[2])
        return None

    def negated_report(self, v: Token, subj: Token | None) -> Report | None:
        """A negated cue with content of its own (module docstring): a declarative clausal complement ("did not
        say that A") or a to-infinitive ("refused to A"); an indirect question ("didn't know what it was",
        "isn't saying whether A") or an object names no proposition."""
        span = None
        if v.lower_ in self.clause:
            comp = next((c for c in v.rights if c.dep_ in CLAUSE_DEPS), None)
            if comp is not None and not any(t.tag_ in WH_TAGS or t.lower_ in self.conditions
                                            for t in v.doc[comp.left_edge.i:comp.i]):
                span = self.clause_content(v, subj)
        if span is None and v.lower_ in self.infinitive and self.can_speak(subj):
            span = self.infinitive_content(v)
        if span is None or not self.propositional(v.doc, *span):
            return None
        return Report(v, span[0], span[1], subj)
