"""Actor-linking guards (pipeline/linkrules.py) and the corpus-level evidence rules (actors.py, actor_evidence.py)."""
from __future__ import annotations

import pytest

import pipeline
from pipeline.actors import ActorIds, link
from pipeline.linkrules import GuardedUnionFind, Guards
from pipeline.schema import DOC_ACTORS, table_from_rows


@pytest.fixture(scope="module")
def guards():
    return Guards()


def conflict(guards, a, b, label_a="FACTION", label_b="FACTION"):
    return (guards.signature(label_a, a) | guards.signature(label_b, b)).conflict()


@pytest.mark.parametrize("a,b,la,lb,why", [
    ("US", "US-led coalition", "FACTION", "FACTION", "a country and a group"),
    ("US", "Islamic State", "FACTION", "FACTION", "a country and a group"),
    ("Islamic State", "the international coalition", "FACTION", "FACTION", "two registry actors"),
    ("Syria", "Iraq", "PLACE", "PLACE", "two countries"),
    ("Damascus", "Latakia", "PLACE", "PLACE", "two places"),
    ("Syrias", "Deir ez-Zor", "PLACE", "PLACE", "two places"),  # the possessive is the country, not the city
    ("Syrian regime", "Russian jets", "FACTION", "FACTION", "two nationalities"),
    ("rebels", "Free Syrian Army rebels", "FACTION", "FACTION", "a generic side and a named actor"),
    ("militants", "Islamic State", "FACTION", "FACTION", "a generic side and a named actor"),
    ("the army", "Jaish al-Islam", "FACTION", "FACTION", "a state's forces and another group"),
    ("Syrian army", "Free Syrian Army", "FACTION", "FACTION", "a state's forces and another group"),
    ("Reuters", "Syria", "ORG", "PLACE", "two kinds"),
    ("Free Syrian Army and Nusra Front", "Nusra Front", "FACTION", "FACTION", "two registry actors"),
    ("Russia", "Russian Aerospace Forces", "FACTION", "FACTION", "a country and a group"),  # the country, its forces
])
def test_guards_refuse(guards, a, b, la, lb, why):
    assert conflict(guards, a, b, la, lb) == why


@pytest.mark.parametrize("a,b,la,lb", [
    ("Russia", "Moscow", "FACTION", "FACTION"),          # a capital standing for its state
    ("U.S.", "United States", "FACTION", "FACTION"),
    ("Idlib", "Idlib province", "PLACE", "PLACE"),        # the admin noun is dropped
    ("Raqqa", "Raqqah", "PLACE", "PLACE"),                # spellings with shared gazetteer candidates
    ("Deir Ezzor", "Deir ez-Zor", "PLACE", "PLACE"),
    ("Syrian rebels", "rebels", "FACTION", "FACTION"),    # two generic sides
    ("Syrian Arab Army", "Syrian regime forces", "FACTION", "FACTION"),
    ("ISIL", "Islamic State", "FACTION", "FACTION"),
    ("Russias", "Russia", "FACTION", "FACTION"),          # a possessive without its apostrophe
    ("Saudi-backed rebels", "Syrian rebels", "FACTION", "FACTION"),  # a sponsor's nation is not the side's
    ("Raqa", "Raqqa", "PLACE", "PLACE"),                  # one gazetteer place once the ta marbuta is folded
])
def test_guards_allow(guards, a, b, la, lb):
    assert conflict(guards, a, b, la, lb) is None


def test_state_forces(guards):
    sf = guards.state_forces
    assert [sf("FACTION", t, "SY") for t in ("regime forces", "the regime", "Syrian army", "government forces",
                                               "Russian forces", "U.S. troops")] == ["SY", "SY", "SY", "SY", "RU", "US"]
    # the government and its forces are one side (ACLED, CORPUS.md), and so are arms of the forces
    assert [sf("FACTION", t, "SY") for t in ("the government", "Syrian government", "Syrian authorities",
                                               "Russian Aerospace Defense Forces")] == ["SY", "SY", "SY", "RU"]
    # a ruler's regime or forces are the state's only when the ruler is a person of the document
    assert [sf("FACTION", t, "SY", frozenset({"assad"})) for t in ("Assad regime", "Assad forces")] == ["SY", "SY"]
    # proxies and sponsors are not the state; the government's officials or media are not its forces
    assert [sf("FACTION", t, "SY") for t in ("Iranian-backed forces", "pro-regime militia", "Assad regime",
                                               "Syrian rebels", "government officials", "Syrian state TV",
                                               "Syrian Civil Defense")] == [None] * 7
    assert sf("PERSON", "regime forces", "SY") is None
    assert sf("FACTION", "the regime", None) is None


def test_chain_cannot_join_what_conflicts(guards):
    keys = {k: guards.signature(*k) for k in [("FACTION", "US"), ("FACTION", "Washington"),
                                              ("FACTION", "US-led coalition")]}
    sets = GuardedUnionFind(keys)
    assert sets.union(("FACTION", "US"), ("FACTION", "Washington")) is True
    assert sets.union(("FACTION", "Washington"), ("FACTION", "US-led coalition")) is False
    assert sets.find(("FACTION", "US-led coalition")) == ("FACTION", "US-led coalition")
    assert sets.refused[0][2] == "a country and a group"


def test_actor_ids_are_per_document():
    ids = ActorIds({("d1", "k"): "a", ("d2", "k"): "a", ("d3", "k"): "b"})
    assert (ids.get("d1", "k"), ids.get("d3", "k"), ids.get("d9", "k"), ids.get("d1", "x")) == ("a", "b", "a", "x")
    assert ids.special == {("d3", "k"): "b"}


def _row(doc, type_, name, n=1, aliases=(), **geo):
    return {"doc_id": doc, "key": f"{type_}:{name.lower()}", "name": name, "type": type_, "aliases": list(aliases),
            "n_mentions": n, "role": None, **geo}


def _link(rows):
    t, ids = link([table_from_rows("doc_actors", rows, DOC_ACTORS)])
    return t.to_pandas().set_index("actor_id"), ids


def test_possessive_acronym_and_skeleton_variants_share_one_id():
    rows = [_row("d1", "place", "Syria", 10), _row("d2", "org", "Syrias", 2),
            _row("d1", "place", "Hama", 10), _row("d3", "faction", "Hamas", 2),
            _row("d1", "org", "United Nations", 3, aliases=["UN"]), _row("d2", "org", "UN", 2),
            _row("d3", "org", "U.N.", 1),
            _row("d1", "place", "Deir ez-Zor", 4), _row("d2", "place", "Deir Ezzor", 3)]
    actors, ids = _link(rows)
    assert ids.get("d2", "org:syrias") == "place:syria" and "Syrias" in actors.loc["place:syria", "aliases"]
    assert "faction:hamas" in actors.index  # a name of its own, not Hama's possessive
    assert {ids.get("d2", "org:un"), ids.get("d3", "org:u.n.")} == {"org:united-nations"}
    assert actors.loc["org:united-nations", "name"] == "United Nations"  # the full form, not the acronym
    assert ids.get("d2", "place:deir ezzor") == ids.get("d1", "place:deir ez-zor")


def test_acronym_joins_the_one_name_it_spells_across_documents():
    # no document links them; "UN" and "U.N." are one acronym, and one corpus name spells it
    rows = [_row("d1", "org", "United Nations", 3), _row("d2", "org", "UN", 2), _row("d3", "org", "U.N.", 1),
            _row("d1", "org", "Syrian Observatory for Human Rights", 5), _row("d4", "org", "SOHR", 2),
            _row("d5", "org", "Syrian Civil Defence", 2), _row("d6", "org", "Syrian Coast Directorate", 1),
            _row("d7", "org", "SCD", 1)]
    actors, ids = _link(rows)
    assert {ids.get("d2", "org:un"), ids.get("d3", "org:u.n.")} == {"org:united-nations"}
    assert ids.get("d4", "org:sohr") == "org:syrian-observatory-for-human-rights"
    assert ids.get("d7", "org:scd") == "org:scd"  # two names spell SCD: no join


def test_short_form_with_two_longer_forms_that_are_one_actor():
    # the glued "... Rami Abdel" begins with the full name, so both are one owner of the short form
    rows = [_row("d1", "org", "Syrian Observatory for Human Rights", 9),
            _row("d2", "org", "Syrian Observatory for Human Rights Rami Abdel", 1),
            _row("d3", "org", "Syrian Observatory", 3)]
    _, ids = _link(rows)
    assert ids.get("d3", "org:syrian observatory") == ids.get("d1", "org:syrian observatory for human rights")


def test_short_form_of_several_longer_names_joins_only_a_prominent_one():
    # FA-KES: "Syrian Observatory" stayed apart because glued "... and Reuters", "... Rami Abdel Rahman" were longer
    # names too
    rows = [_row(f"s{i}", "org", "Syrian Observatory for Human Rights", 3) for i in range(8)]
    rows += [_row("g1", "org", "Syrian Observatory for Human Rights and Reuters", 1),
             _row("g2", "org", "Syrian Observatory for Human Rights Rami Abdel Rahman", 1),
             _row("x1", "org", "Syrian Observatory", 2),
             # "U.N." is used about as much as its longer names: a name of its own
             *[_row(f"u{i}", "org", "U.N. Security Council", 2) for i in range(4)],
             _row("h1", "org", "U.N. Human Rights Council", 1), *[_row(f"n{i}", "org", "U.N.", 1) for i in range(3)]]
    _, ids = _link(rows)
    assert ids.get("x1", "org:syrian observatory") == "org:syrian-observatory-for-human-rights"
    assert ids.get("n0", "org:u.n.") != ids.get("u0", "org:u.n. security council")


def test_led_alliance_and_romanised_places_share_one_id():
    rows = [_row("d1", "faction", "US-led coalition", 4), _row("d2", "faction", "US-led international coalition", 2),
            _row("d3", "faction", "US-led anti-terror coalition", 1),
            _row("d1", "place", "Mayadeen", 1, country="SY"), _row("d2", "place", "al-Mayadin", 2, country="SY"),
            _row("d1", "place", "Tabqa", 3), _row("d2", "place", "Al-Tabqah", 1)]
    _, ids = _link(rows)
    coalition = "faction:global-coalition-against-daesh"
    assert {ids.get("d2", "faction:us-led international coalition"),
            ids.get("d3", "faction:us-led anti-terror coalition")} == {coalition}
    assert ids.get("d1", "place:mayadeen") == ids.get("d2", "place:al-mayadin")
    assert ids.get("d1", "place:tabqa") == ids.get("d2", "place:al-tabqah")


@pytest.mark.parametrize("hafez_docs,joined", [(1, True), (3, False)])
def test_bare_surname_joins_the_prominent_full_name(hafez_docs, joined):
    rows = [_row(f"b{i}", "person", "Bashar al-Assad") for i in range(8)]
    rows += [_row(f"h{i}", "person", "Hafez al-Assad") for i in range(hafez_docs)]
    rows.append(_row("x", "person", "Assad"))
    actors, ids = _link(rows)
    assert (ids.get("x", "person:assad") == "person:bashar-al-assad") is joined


def test_article_sides_stay_apart():
    t = pipeline.extract("The US-led coalition struck Raqqa on Monday. The US said the strikes hit Islamic State "
                         "fighters. Syrian regime forces and Russian jets shelled Idlib, and the regime said rebels "
                         "had attacked first.")
    m = t["mentions"].set_index("text")["actor_id"].to_dict()
    assert m["The US-led coalition"] == "faction:global-coalition-against-daesh"
    assert m["US"] == "faction:united-states"
    assert m["Syrian regime forces"] == m["the regime"] == "faction:military-forces-of-syria"
    assert m["Russian jets"] not in (m["Syrian regime forces"], m["US"])
    assert m["rebels"] == "faction:rebels"


def test_possessive_without_apostrophe(guards):
    pb = guards.possessive_base
    assert [pb(t) for t in ("Syrias", "Russias", "Aleppos countryside", "Syrian Arab Armys", "Syria's")] == \
        ["Syria", "Russia", "Aleppo countryside", "Syrian Arab Army", "Syria"]
    assert [pb(t) for t in ("Hamas", "Homs", "Damascus", "Gladys")] == ["Hamas", "Homs", "Damascus", "Gladys"]
    t = pipeline.extract("The attack marked a new phase in Syrias civil war. Hamas leaders met in Gaza.")
    m = t["mentions"].set_index("text")["actor_id"].to_dict()
    assert (m["Syrias"], m["Hamas"]) == ("place:syria", "faction:hamas")


def test_city_and_governorate_are_two_places(guards):
    assert conflict(guards, "Idlib province", "Idlib countryside", "PLACE", "PLACE") is None
    t = pipeline.extract("Regime forces shelled Idlib city on Monday. Later, jets struck villages in Idlib province "
                         "and the Idlib countryside.")
    m = t["mentions"].set_index("text")["actor_id"].to_dict()
    assert m["Idlib province"] == m["Idlib countryside"] != m["Idlib"] == "place:idlib"


def test_state_forces_are_one_actor_across_documents():
    # "the Assad regime" in an article that names no Assad: Assad is a person of the corpus and the article is
    # about Syria (its places), so the regime is Syria's forces; the registry's "Government of Syria" joins too
    syria = [_row(d, "place", "Aleppo", 3, country="SY") for d in ("d1", "d2", "d3", "d4")]
    rows = syria + [_row("d1", "person", "Bashar al-Assad", 2), _row("d3", "person", "Assad", 1),
                    _row("d1", "person", "Ahmad al-Arab", 1), _row("d4", "faction", "Arab forces", 1),
                    _row("d1", "faction", "Military Forces of Syria", 4, aliases=["Syrian army"]),
                    _row("d2", "faction", "Assad regime", 2),
                    _row("d3", "faction", "Government of Syria", 1),
                    _row("d4", "faction", "Syrian rebels", 2),
                    _row("d5", "faction", "Assad regime", 1), _row("d5", "place", "Beirut", 2, country="LB")]
    actors, ids = _link(rows)
    state = ids.get("d1", "faction:military forces of syria")
    assert state == "faction:military-forces-of-syria"
    assert actors.loc[state, "name"] == "Military Forces of Syria"
    assert ids.get("d3", "faction:government of syria") == state
    assert ids.get("d4", "faction:syrian rebels") != state  # a generic side, never the state
    assert ids.get("d4", "faction:arab forces") != state  # no document names a person "Arab" alone
    # its documents are about two countries: which state's regime the words do not say
    assert ids.get("d2", "faction:assad regime") == ids.get("d5", "faction:assad regime") != state


def test_named_state_signatures(guards):
    # ACLED's own name of a state's forces is that state's; a ruler's regime is a state's, which one unsaid;
    # a ruler's or commander's "forces" stay a named group ("Haftar forces")
    sig = guards.signature
    assert [sig("FACTION", n).state for n in ("Military Forces of the United States", "Assad regime",
                                              "Assad regime forces", "Haftar forces")] == \
        [frozenset({"US"}), frozenset({"?"}), frozenset({"?"}), frozenset()]
    assert conflict(guards, "Assad regime", "Free Syrian Army") == "a state's forces and another group"
    assert conflict(guards, "Military Forces of the United States", "U.S. forces") is None


def test_place_skeleton_folds_articles_inside_the_name_and_vowel_spellings():
    from pipeline.linkrules import place_skeleton
    sk = [place_skeleton(n) for n in ("Deir el-Zour", "Deir ez-Zor", "Deir Ezzor", "Deir al Zor")]
    assert sk == ["dayrzur"] * 4
    assert [place_skeleton(n) for n in ("Salaheddin", "Salah al-Din", "Salah-Eddin")] == ["saladin"] * 3
    assert [place_skeleton(n) for n in ("Hasakeh", "Al-Hasakah")] == ["hasaka", "hasaka"]
    assert place_skeleton("al-Mayadin") == place_skeleton("Mayadeen") == "mayadin"  # "adin" is no "ad-Din"
    assert place_skeleton("Deir Az-Zour province") == "dayrzur/province"


def test_region_written_before_its_name_is_the_governorate(guards):
    assert [guards.place_base(t) for t in ("province of Deir ez-Zor", "the countryside of Hama", "rural Damascus",
                                           "Rural Aleppo", "rural areas")] == \
        ["Deir ez-Zor province", "Hama countryside", "Damascus countryside", "Aleppo countryside", "rural areas"]


def test_generic_classes_keep_foreign_sides_apart_and_fold_the_home_nation():
    rows = [_row("d1", "place", "Aleppo", 5, country="SY", lat=36.2, lon=37.16),
            _row("d2", "place", "Homs", 5, country="SY", lat=34.73, lon=36.71),
            _row("d1", "faction", "rebels", 6), _row("d2", "faction", "Syrian rebels", 3),
            _row("d2", "faction", "Saudi-backed rebels", 1),
            _row("d1", "faction", "militants", 4), _row("d2", "faction", "Iranian militants", 2),
            _row("d1", "faction", "Iranian militias", 2)]
    _, ids = _link(rows)
    rebels = ids.get("d1", "faction:rebels")
    assert ids.get("d2", "faction:syrian rebels") == ids.get("d2", "faction:saudi-backed rebels") == rebels
    militants = {ids.get("d1", "faction:militants"), ids.get("d2", "faction:iranian militants"),
                 ids.get("d1", "faction:iranian militias")}
    assert len(militants) == 3  # the home side, an Iranian side, and militias (another word, no spelling of it)


def test_one_gazetteer_place_under_two_spellings_is_one_actor():
    rows = [_row("d1", "place", "Kefraya", 3, country="SY", admin1="Idlib", lat=35.9769, lon=36.695),
            _row("d2", "place", "Kafraya", 2, country="SY", admin1="Idlib", lat=35.9769, lon=36.695)]
    t, ids = _link(rows)
    assert ids.get("d1", "place:kefraya") == ids.get("d2", "place:kafraya") == "place:kafraya"
    assert list(t.loc["place:kafraya", "aliases"]) == ["Kefraya"]


def test_country_capital_and_possessive_are_one_acting_country():
    rows = [_row("d1", "faction", "Russia", 5), _row("d4", "faction", "Russia", 2), _row("d2", "faction", "Moscow", 2),
            _row("d3", "faction", "Russias", 1), _row("d1", "faction", "Russian Aerospace Forces", 3)]
    _, ids = _link(rows)
    assert {ids.get("d2", "faction:moscow"), ids.get("d3", "faction:russias")} == {"faction:russia"}
    assert ids.get("d1", "faction:russian aerospace forces") == "faction:russian-aerospace-forces"  # its forces


def test_registry_name_with_generic_head_and_canonical_without_possessive():
    rows = [_row("d1", "faction", "Islamic State", 5), _row("d2", "faction", "ISIS terrorists", 2),
            _row("d3", "faction", "Hezbollah fighters", 1), _row("d1", "faction", "Hezbollah", 3),
            _row("d1", "person", "Donald Trumps", 1), _row("d2", "person", "Donald Trumps", 1),
            _row("d3", "person", "Donald Trump", 1)]
    t, ids = _link(rows)
    assert ids.get("d2", "faction:isis terrorists") == "faction:islamic-state"
    assert ids.get("d3", "faction:hezbollah fighters") == "faction:hezbollah"
    assert ids.get("d1", "person:donald trumps") == "person:donald-trump"
    assert t.loc["person:donald-trump", "name"] == "Donald Trump"


def test_generic_class_spans_labels_and_creed_qualifiers():
    rows = [_row("d1", "faction", "militants", 6), _row("d4", "faction", "militants", 1),
            _row("d2", "faction", "Islamist militants", 2),
            _row("d3", "org", "Syria rebels", 1), _row("d1", "faction", "rebels", 4),
            _row("d2", "faction", "rebels", 1),
            _row("d3", "place", "Homs", 5, country="SY", lat=34.73, lon=36.71)]
    _, ids = _link(rows)
    assert ids.get("d2", "faction:islamist militants") == "faction:militants"
    assert ids.get("d3", "org:syria rebels") == "faction:rebels"  # the model's ORG label changes no side


def test_ruler_name_with_state_force_words_is_the_state(guards):
    assert [guards.state_forces("FACTION", t, "SY", frozenset({"assad"}))
            for t in ("Assad warplanes", "Assad regime jets", "Assad government", "Assad loyalists")] == \
        ["SY", "SY", "SY", None]
    rows = [_row("d1", "person", "Bashar al-Assad", 3), _row("d2", "person", "Assad", 2),
            _row("d3", "faction", "Assad warplanes", 2), _row("d1", "faction", "Syrian army", 4),
            *(_row(d, "place", "Homs", 2, country="SY", lat=34.73, lon=36.71) for d in ("d1", "d2", "d3"))]
    _, ids = _link(rows)
    assert ids.get("d3", "faction:assad warplanes") == ids.get("d1", "faction:syrian army")


def test_bare_name_and_governorate_at_one_point_stay_two_places():
    rows = [_row("d1", "place", "Deir Ezzor", 3, country="SY", admin1="Deir ez-Zor", lat=35.032, lon=40.3881),
            _row("d2", "place", "Deir ez-Zor province", 2, country="SY", admin1="Deir ez-Zor", lat=35.032,
                 lon=40.3881)]
    _, ids = _link(rows)
    assert ids.get("d1", "place:deir ezzor") != ids.get("d2", "place:deir ez-zor province")


def test_generic_qualifier_chains_no_two_classes():
    rows = [_row("d1", "faction", "Islamist militants", 3), _row("d2", "faction", "Islamist terrorists", 3),
            _row("d3", "faction", "Islamist", 1)]
    _, ids = _link(rows)
    assert ids.get("d1", "faction:islamist militants") != ids.get("d2", "faction:islamist terrorists")


def test_name_opening_with_an_acronym_joins_the_spelled_out_name():
    rows = [_row("d1", "org", "United Nations", 5, aliases=["UN"]), _row("d2", "org", "UN", 3),
            _row("d1", "org", "United Nations Security Council", 2), _row("d2", "org", "UN Security Council", 4),
            _row("d3", "org", "United Nation", 1)]
    t, ids = _link(rows)
    assert ids.get("d1", "org:united nations security council") == ids.get("d2", "org:un security council")
    assert t.loc[ids.get("d2", "org:un"), "name"] == "United Nations"  # an org's "-s" is no possessive


def test_pro_government_militias_are_one_generic_class():
    # "popular forces", "voluntary forces", "self-defense forces", "popular fighters": auxiliary forces raised on the
    # government's side (ACLED's pro-government political militias), one generic side, never the state's forces
    rows = [_row("d1", "place", "Aleppo", 5, country="SY", lat=36.2, lon=37.16),
            _row("d2", "place", "Homs", 5, country="SY", lat=34.73, lon=36.71),
            _row("d1", "faction", "popular forces", 2), _row("d2", "faction", "voluntary forces", 1),
            _row("d2", "faction", "self-defense forces", 1), _row("d1", "faction", "popular fighters", 1),
            _row("d1", "faction", "Syrian army", 3), _row("d2", "faction", "Free Syrian Army", 2)]
    actors, ids = _link(rows)
    militia = ids.get("d1", "faction:popular forces")
    assert {ids.get("d2", "faction:voluntary forces"), ids.get("d2", "faction:self-defense forces"),
            ids.get("d1", "faction:popular fighters")} == {militia}
    assert actors.loc[militia, "n_mentions"] == 5
    assert militia not in (ids.get("d1", "faction:syrian army"), ids.get("d2", "faction:free syrian army"))


def test_military_personnel_nouns_are_state_forces(guards):
    assert guards.state_forces("FACTION", "Russian sappers", None) == "RU"
    assert guards.state_forces("FACTION", "army forces", "SY") == "SY"


def test_place_designator_and_plural_admin_noun():
    from pipeline.linkrules import place_skeleton
    # "Salaheddin district" is the Salah al-Din of "Salah al-Din district" (a designator says what kind of place
    # the bare name is); "Deir Ezzor provinces" (after "Raqqa and") is the governorate of "Deir el-Zour province"
    assert place_skeleton("Salaheddin district") == place_skeleton("Salah al-Din") == "saladin"
    assert place_skeleton("Deir Ezzor provinces") == place_skeleton("Deir el-Zour province") == "dayrzur/province"
    assert place_skeleton("Deir Ezzor provinces") != place_skeleton("Deir Ezzor")


def test_generic_side_with_the_head_of_a_body_of_armed_men(guards):
    # "terrorist forces", "rebel forces": a generic side's word and a force head are that generic side (CORPUS.md:
    # "terrorist forces" are generic:terrorists); "government forces" stay the state's, "Tiger Forces" a name
    assert guards.signature("FACTION", "terrorist forces").generic
    assert guards.signature("FACTION", "rebel forces").generic
    assert not guards.signature("FACTION", "government forces").generic
    assert not guards.signature("FACTION", "Tiger Forces").generic
    rows = [_row("d1", "faction", "terrorists", 4), _row("d2", "faction", "terrorist forces", 1)]
    _, ids = _link(rows)
    assert ids.get("d2", "faction:terrorist forces") == ids.get("d1", "faction:terrorists")


def test_militia_needs_the_head_of_a_body_of_armed_men(guards):
    assert guards.militia(["popular", "fighters"]) and guards.militia(["self", "defense", "forces"])
    assert not guards.militia(["volunteer", "group"])  # "a volunteer group" may be a rescue service
    assert not guards.militia(["popular", "resistance", "committees"])  # a named group's words
