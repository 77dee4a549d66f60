"""Events across articles: exact groups on small synthetic incident rows, the killed rule, deterministic ids."""
from __future__ import annotations

import gc
import hashlib
import random

import pyarrow as pa

from pipeline import events
from pipeline.schema import SCHEMAS, table_from_rows


def inc(iid: str, date: str, *, loc: str | None = "Khan Shaykhun", admin1: str | None = "Idlib",
        country: str | None = "SY", etype: str = "Explosions/Remote violence", sub: str = "Chemical weapon",
        a1: str | None = None, a2: str | None = None, killed: int | None = None, injured: int | None = None) -> dict:
    prec = {10: "day", 7: "month", 4: "year"}[len(date)]
    return {"incident_id": iid, "doc_id": iid.split(":")[0], "event_type": etype, "sub_event_type": sub,
            "date": date, "date_precision": prec, "location": loc,
            "location_actor_id": f"place:{loc.lower().replace(' ', '-')}" if loc else None, "country": country,
            "admin1": admin1, "lat": None, "lon": None, "actor1": a1, "actor1_id": a1, "actor2": a2, "actor2_id": a2,
            "killed": killed, "injured": injured}


def groups(rows: list[dict]) -> list[list[str]]:
    return sorted(sorted(r["incident_id"] for r in g) for g in events.group(rows))


def test_same_event_across_three_documents_and_day_tolerance():
    rows = [inc("a:e0", "2017-04-04"), inc("b:e0", "2017-04-05"),  # the next day: within a day
            inc("c:e0", "2017-04-04", loc="Idlib province"),     # only the admin1 that holds Khan Shaykhun
            inc("d:e0", "2017-04-12"),                            # the same place a week later
            inc("e:e0", "2017-04-06", loc="Idlib")]               # two days after the 4th: not the same day +- 1
    assert groups(rows) == [["a:e0", "b:e0", "c:e0"], ["d:e0"], ["e:e0"]]


def test_day_tolerance_is_over_the_whole_event_not_a_chain():
    # 4th-5th-6th: the 6th is one day from the 5th but two from the 4th, so it does not join
    rows = [inc("a:e0", "2017-04-04"), inc("b:e0", "2017-04-05"), inc("c:e0", "2017-04-06")]
    assert groups(rows) == [["a:e0", "b:e0"], ["c:e0"]]


def test_event_day_is_the_day_most_reports_give_and_reports_lie_either_side():
    # the 15th is the day most reports give: the 14th and the 16th are each a day from it, so all four are one
    # event (span two days); the 17th is two days from the 15th
    rows = [inc("a:e0", "2017-04-14"), inc("b:e0", "2017-04-15"), inc("c:e0", "2017-04-15"),
            inc("d:e0", "2017-04-16"), inc("e:e0", "2017-04-17")]
    assert groups(rows) == [["a:e0", "b:e0", "c:e0", "d:e0"], ["e:e0"]]


def test_romanisation_variants_of_one_place_name_are_one_place():
    assert events.translit_key("Foua") == events.translit_key("Fuaa") == events.translit_key("Fua") == "fua"
    assert events.translit_key("Khan Shaykun") == events.translit_key("Khan Shaykhun") == "kan saykun"
    assert events.translit_key("Khan Sheikhoun") == "kan saykun"
    # actor linking left the spellings as three places; the names fold to one key. Two different names never join.
    rows = [inc("a:e0", "2017-04-15", loc="Foua", admin1=None), inc("b:e0", "2017-04-15", loc="Fuaa", admin1=None),
            inc("c:e0", "2017-04-16", loc="Fua", admin1=None), inc("d:e0", "2017-04-15", loc="Rashidin", admin1=None)]
    assert groups(rows) == [["a:e0", "b:e0", "c:e0"], ["d:e0"]]


def test_same_name_in_two_admin1s_stays_apart():
    rows = [inc("a:e0", "2016-07-02", loc="Jayrud", admin1="Rif Dimashq"),
            inc("b:e0", "2016-07-02", loc="Jayrud", admin1="Homs")]
    rows[1]["location_actor_id"] = "place:jayrud-2"
    assert groups(rows) == [["a:e0"], ["b:e0"]]


def test_month_precision_report_joins_the_day_report_in_that_month():
    rows = [inc("a:e0", "2017-04-04"), inc("b:e0", "2017-04"), inc("c:e0", "2017-05"), inc("d:e0", "2017")]
    # "2017" fits the April event and the May report's own event: two candidates, so it is not guessed
    assert groups(rows) == [["a:e0", "b:e0"], ["c:e0"], ["d:e0"]]


def test_different_type_family_different_place_and_contradicting_sides_stay_apart():
    rows = [inc("a:e0", "2017-04-04", a1="faction:regime", a2="faction:civilians"),
            inc("b:e0", "2017-04-04", etype="Protests", sub="Peaceful protest"),     # demonstrations
            inc("c:e0", "2017-04-04", etype="Battles", sub="Armed clash", a1="faction:regime"),  # political violence
            inc("d:e0", "2017-04-04", loc="Saraqib"),                                # another town of Idlib
            inc("e:e0", "2017-04-04", a1="faction:rebels", a2="faction:islamic-state"),  # no side in common
            inc("f:e0", "2017-04-04", loc=None, admin1=None, country=None)]          # no place: its own event
    assert groups(rows) == [["a:e0", "c:e0"], ["b:e0"], ["d:e0"], ["e:e0"], ["f:e0"]]


def test_vague_report_joins_only_the_one_event_a_detail_singles_out():
    rows = [inc("a:e0", "2017-04-04", killed=58), inc("b:e0", "2017-04-04", loc="Saraqib", sub="Air/drone strike"),
            inc("c:e0", "2017-04-04", loc="Syria", admin1=None),                      # the country: fits both; sub
            inc("d:e0", "2017-04-04", loc="Syria", admin1=None, sub="Suicide bomb"),  # neither sub nor toll
            inc("e:e0", "2017-04-04", loc="Syria", admin1=None, sub="Grenade", killed=58)]  # only the same toll
    assert groups(rows) == [["a:e0", "c:e0", "e:e0"], ["b:e0"], ["d:e0"]]


def test_a_country_variant_at_the_country_point_is_the_country_not_a_town():
    # "Syrias" (FA-KES drops apostrophes): actor linking puts it at Syria's own point, so it names no place in Syria
    syrias = dict(inc("c:e0", "2017-04-04", loc="Syrias", admin1=None), lat=35.0126, lon=38.5442, killed=58)
    assert events.place_level(syrias) == ("country", "SY", None)
    assert events.place_level(dict(syrias, lat=35.44, lon=36.65)) == ("specific", "SY", None)  # a town's point
    rows = [inc("a:e0", "2017-04-04", killed=58), inc("b:e0", "2017-04-04", loc="Saraqib", sub="Air/drone strike"),
            syrias, dict(syrias, incident_id="d:e0", doc_id="d", sub_event_type="Suicide bomb", killed=None)]
    # c: the toll singles out a; d: neither its sub-event type nor a toll: not placed, and not grouped with c as if
    # both named one town "Syrias"
    assert groups(rows) == [["a:e0", "c:e0"], ["b:e0"], ["d:e0"]]


def test_a_country_only_report_needs_a_matching_detail_even_when_one_event_fits():
    rows = [inc("a:e0", "2015-07-05", loc="Haditha", admin1="Anbar", country="IQ", etype="Battles",
                sub="Armed clash", killed=20),
            inc("b:e0", "2015-07-04", loc="Iraq", admin1=None, country="IQ", sub="Air/drone strike"),  # no detail
            inc("c:e0", "2015-07-05", loc="Iraq", admin1=None, country="IQ", etype="Battles", sub="Armed clash")]
    assert groups(rows) == [["a:e0", "c:e0"], ["b:e0"]]


def test_killed_is_the_lowest_figure_two_documents_give():
    rows = [inc("a:e0", "2017-04-15", loc="Rashidin", admin1="Aleppo", killed=112),
            inc("a:e1", "2017-04-15", loc="Rashidin", admin1="Aleppo", killed=1),   # a smaller incident folded in
            inc("b:e0", "2017-04-15", loc="Rashidin", admin1="Aleppo", killed=126),
            inc("c:e0", "2017-04-15", loc="Rashidin", admin1="Aleppo", killed=112, injured=55),
            inc("a:e2", "2017-04-15", loc="Rashidin", admin1="Aleppo", killed=1)]  # the same document again
    assert events.conservative(rows, "killed") == 112
    assert events.conservative(rows, "injured") == 55  # no figure two documents give: the lowest one
    assert events.conservative(rows[:1], "injured") is None
    (ev,) = events.build([table_from_rows("incidents", rows)], [])[0].to_pylist()
    assert (ev["killed"], ev["killed_min"], ev["killed_max"], ev["injured"]) == (112, 1, 126, 55)


def test_events_row_killed_rule_counts_and_reports():
    rows = [inc("a:e0", "2017-04-04", killed=72, injured=None, a1="faction:regime"),
            inc("a:e1", "2017-04-04", loc="Idlib province", killed=None, injured=300),
            inc("b:e0", "2017-04-05", killed=58, injured=200),
            inc("c:e0", "2017-04", killed=86, a1="faction:regime", a2="faction:civilians")]
    docs = pa.table({"doc_id": ["a", "b", "c"], "source": ["reuters", "afp", "reuters"],
                     "published": ["2017-04-04", "2017-04-05", "2017-04-06"]})
    table, id_map = events.build([table_from_rows("incidents", rows)], [docs])
    assert table.schema == SCHEMAS["events"]
    (ev,) = table.to_pylist()
    # ACLED's conservative rule: the lowest figure any report gives; the range beside it
    assert (ev["killed"], ev["killed_min"], ev["killed_max"], ev["injured"]) == (58, 58, 86, 200)
    assert (ev["n_reports"], ev["n_sources"], ev["first_report"], ev["last_report"]) == (3, 2, "2017-04-04",
                                                                                        "2017-04-06")
    assert (ev["date"], ev["date_precision"], ev["location"], ev["admin1"]) == ("2017-04-04", "day", "Khan Shaykhun",
                                                                                "Idlib")
    assert (ev["actor1_id"], ev["actor2_id"], ev["sub_event_type"]) == ("faction:regime", "faction:civilians",
                                                                        "Chemical weapon")
    assert set(id_map) == {"a:e0", "a:e1", "b:e0", "c:e0"} and set(id_map.values()) == {ev["event_id"]}


def test_event_id_is_a_hash_of_the_smallest_incident_id_whatever_the_order():
    rows = [inc("a:e0", "2017-04-04"), inc("b:e0", "2017-04-05"), inc("c:e0", "2017-04-20"),
            inc("d:e0", "2017-04-20", etype="Protests", sub="Peaceful protest")]
    first, ids = events.build([table_from_rows("incidents", rows)], [])
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        again, ids2 = events.build([table_from_rows("incidents", shuffled)], [])
        assert again.equals(first) and ids2 == ids
    assert ids["a:e0"] == ids["b:e0"] == "ev:" + hashlib.sha1(b"a:e0").hexdigest()[:16]
    assert len(set(ids.values())) == 3


def test_add_event_ids_fills_the_incidents_column():
    t = table_from_rows("incidents", [inc("a:e0", "2017-04-04")])
    out = events.add_event_ids(t, {"a:e0": "ev:1"})
    assert out.column("event_id").to_pylist() == ["ev:1"] and out.schema == SCHEMAS["incidents"]


def test_pairwise_scores_and_load_gold_skips_the_events_gold(tmp_path):
    import json
    import shutil
    from pathlib import Path

    import pandas as pd

    from pipeline import events_eval
    from pipeline.evaluate import load_gold

    gold = {"kind": "events", "corpus": "c.jsonl", "events": [
        {"event": "A", "reports": [{"doc_id": "a", "start_char": 0, "end_char": 10},
                                   {"doc_id": "b", "start_char": 5, "end_char": 15},
                                   {"doc_id": "c", "start_char": 0, "end_char": 4}]},
        {"event": "B", "reports": [{"doc_id": "a", "start_char": 50, "end_char": 60},
                                   {"doc_id": "d", "start_char": 0, "end_char": 9}]}]}
    inc = pd.DataFrame({"incident_id": ["a:e0", "a:e1", "b:e0", "c:e0", "d:e0"], "doc_id": list("aabcd"),
                        "start_char": [0, 40, 0, 20, 0], "end_char": [12, 70, 30, 30, 9],
                        "event_id": ["ev:1", "ev:2", "ev:1", "ev:3", "ev:1"]})
    al = events_eval.align(gold, inc)
    assert [e for _, _, e in al] == ["ev:1", "ev:1", None, "ev:2", "ev:1"]  # c's only incident does not overlap
    s = events_eval.pair_scores(al)
    # aligned: A.a A.b (ev:1) B.a (ev:2) B.d (ev:1): predicted pairs A.a-A.b (right), A.a-B.d, A.b-B.d (wrong);
    # gold pairs A.a-A.b (found), B.a-B.d (missed)
    assert (s["events.pair_p"], s["events.pair_r"], s["events.aligned"]) == (round(1 / 3, 4), 0.5, 0.8)
    root = Path(__file__).resolve().parents[1] / "data" / "gold"
    shutil.copy(root / "daraa-al-balad-2021-07-28.json", tmp_path)
    (tmp_path / "events-x.json").write_text(json.dumps(gold))
    assert [p.name for p, _ in load_gold(tmp_path)] == ["daraa-al-balad-2021-07-28.json"]
    assert [p.name for p, _ in events_eval.load(tmp_path)] == ["events-x.json"]


def test_render_lists_the_other_reports_of_an_event():
    from pipeline.views import _other_reports_html

    incidents = [{"event_id": "ev:1"}, {"event_id": "ev:2"}, {"event_id": "ev:1"}]
    others = [{"event_id": "ev:1", "doc_id": "b", "title": "Gas <attack>", "published": "2017-04-05",
               "source": "afp"}]
    html = _other_reports_html(incidents, others)
    assert html.startswith("<h2>Other reports of these events</h2>")
    assert ('<td><a href="#row-e1">E1</a> <a href="#row-e3">E3</a></td><td>ev:1</td><td>b</td>'
            "<td>Gas &lt;attack&gt;</td><td>2017-04-05</td><td>afp</td>") in html
    assert _other_reports_html(incidents, []) == ""


def test_eval_misses_say_what_the_grouping_saw_of_each_split_report(tmp_path, monkeypatch):
    import json

    import pandas as pd

    from pipeline import events_eval, sql

    gold = {"kind": "events", "corpus": "c.jsonl", "events": [
        {"event": "A", "reports": [{"doc_id": "a", "start_char": 0, "end_char": 10},
                                   {"doc_id": "b", "start_char": 0, "end_char": 10},
                                   {"doc_id": "c", "start_char": 0, "end_char": 10}]}]}
    (tmp_path / "events-x.json").write_text(json.dumps(gold))
    inc = pd.DataFrame({"incident_id": ["a:e0", "b:e0"], "doc_id": ["a", "b"], "start_char": [0, 0],
                        "end_char": [12, 12], "event_id": ["ev:1", "ev:2"], "location": ["Idlib", "Damascus"],
                        "admin1": ["Idlib", None], "date": ["2017-04-04", "2017-04-05"]})
    monkeypatch.setattr(sql, "read_table", lambda out, name: inc)
    s = events_eval.evaluate(tmp_path, tmp_path, pred=tmp_path)
    assert s["misses"] == ["gold event A is split over 2 predicted events: a@0 Idlib/Idlib 2017-04-04 | "
                           "b@0 Damascus/- 2017-04-05",
                           "gold report c@0 (A) has no predicted incident"]
    assert (s["events.pair_p"], s["events.pair_r"], s["events.aligned"]) == (1.0, 0.0, round(2 / 3, 4))


def test_one_gazetteer_place_with_two_admin1_labels_is_one_place():
    # the same actor id (one point): a report's admin1 from its context ("near Damascus") is not another place
    rows = [inc("a:e0", "2013-08-21", loc="Ghouta", admin1="Rif Dimashq"),
            inc("b:e0", "2013-08-21", loc="Ghouta", admin1="Damascus"),
            inc("c:e0", "2013-08-21", loc="Jobar", admin1="Damascus")]  # another place of the other admin1
    assert groups(rows) == [["a:e0", "b:e0"], ["c:e0"]]


def test_month_report_at_a_named_place_joins_the_one_event_there():
    rows = [inc("a:e0", "2013-08-21", loc="Ghouta", admin1="Rif Dimashq"),
            inc("b:e0", "2013-08-10", loc="Douma", admin1="Rif Dimashq"),
            inc("c:e0", "2013-08", loc="Ghouta", admin1="Rif Dimashq"),   # the place singles out a
            inc("d:e0", "2013-08", loc="Rif Dimashq", admin1="Rif Dimashq")]  # only the admin1: a or b, not guessed
    assert groups(rows) == [["a:e0", "c:e0"], ["b:e0"], ["d:e0"]]


def published(row: dict, day: str, text: str | None = None) -> dict:
    return dict(row, published=day, date_text=text)


def test_report_dated_by_its_article_looks_back_a_week_for_the_event_its_details_single_out():
    rows = [inc("a:e0", "2017-04-04", killed=58), inc("g:e0", "2017-04-04", killed=72),  # two articles report it
            inc("b:e0", "2017-04-04", loc="Saraqib", sub="Air/drone strike"),
            # "a chemical attack on a village in Idlib", dated only by the header of 7 April: the chemical attack
            published(inc("c:e0", "2017-04-07", loc="Idlib"), "2017-04-07", "7 April 2017"),
        ]
    assert groups(rows) == [["a:e0", "c:e0", "g:e0"], ["b:e0"]]
    # each alone beside the attack: no detail singles it out (a shelling); a death toll no report of the attack
    # gives; more than a week after it: an event of its own
    for other in (published(inc("e:e0", "2017-04-07", loc="Idlib", sub="Shelling/artillery/missile attack"),
                            "2017-04-07"),
                  published(inc("e:e0", "2017-04-08", loc="Idlib", killed=3), "2017-04-08"),
                  published(inc("e:e0", "2017-04-12", loc="Idlib"), "2017-04-12")):
        assert groups(rows[:3] + [other]) == [["a:e0", "g:e0"], ["b:e0"], ["e:e0"]]
    # an event only one article reported is not one a later report refers back to undated
    assert groups([rows[0], rows[3]]) == [["a:e0"], ["c:e0"]]
    # a look-back report joins as one of its week: the event's day stays the 4th, so a report of the 5th still joins
    assert groups(rows[:4] + [inc("i:e0", "2017-04-05", loc="Syria", admin1=None, killed=58)]) == [
        ["a:e0", "c:e0", "g:e0", "i:e0"], ["b:e0"]]
    # "on Friday" in Friday's paper names that day: no look-back, so not the attack of the 4th
    friday = published(inc("d:e0", "2017-04-07", loc="Idlib"), "2017-04-07", "Friday")
    assert events.dated_by_publication(rows[3]) and not events.dated_by_publication(friday)
    assert groups(rows[:3] + [friday]) == [["a:e0", "g:e0"], ["b:e0"], ["d:e0"]]
    assert not events.dated_by_publication(dict(rows[3], published="2017-04-08"))  # a date the text gives


def test_build_pauses_the_cyclic_collector_and_restores_its_state(monkeypatch):
    seen = []
    real_group = events.group
    monkeypatch.setattr(events, "group", lambda rows: seen.append(gc.isenabled()) or real_group(rows))
    t = table_from_rows("incidents", [inc("a:e0", "2017-04-04")])
    for was_on in (True, False):
        (gc.enable if was_on else gc.disable)()
        try:
            events.build([t], [])
            assert gc.isenabled() is was_on
        finally:
            gc.enable()
    assert seen == [False, False]
