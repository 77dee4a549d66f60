"""pipeline.dates: date fields, the publication date in a header, and date expressions resolved against it."""

from __future__ import annotations

import datetime as dt
import re
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.datefields import find_published, parse_date_field
from pipeline.dates import DateMention, find_dates, resolve_weekday

# The first 400 characters of the seed article (gold/daraa-al-balad-2021-07-28.txt), copied so that the test
# does not depend on files outside the repository.
SEED_HEAD = (
    "Syrian regime forces storm Daraa al-Balad as negotiations fail\n\n"
    "Syrian regime forces storm Daraa al-Balad as negotiations fail\n"
    "Residents of Daraa al-Balad repelled attacks by Syrian regime forces on Wednesday, as negotiations between "
    "the two failed to stop the military escalation.\n"
    "4 min read\n"
    "28 July, 2021\n"
    "Residents of Daraa al-Balad resolved to fight regime forces as efforts to negotiate a truce f"
)
SEED_BODY = (
    "Renewed clashes broke out between regime forces and residents in Daraa al-Balad in Southern Syria on "
    "Wednesday, after the former attempted to storm the city for the second consecutive day in a row.\n\n"
    "Regime forces shelled Karak, a neighborhood in Daraa al-Balad, and exchanged intermittent rounds of gunfire "
    "with residents elsewhere in the city. The day prior there was also fighting on the outskirts of the city.\n\n"
    "Tuesday's fighting resulted in the death of one resident and the injury of at least four."
)

WED = dt.date(2021, 7, 28)  # the seed's publication date, a Wednesday


def resolved(text: str, published: dt.date | None = WED) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.value, m.precision) for m in find_dates(text, published)]


# --- parse_date_field -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2021-07-28", dt.date(2021, 7, 28)),
    ("2021-07-28T10:00:00Z", dt.date(2021, 7, 28)),
    ("2021-07-28T23:30:00+03:00", dt.date(2021, 7, 28)),
    ("2021-07-28 00:00:00", dt.date(2021, 7, 28)),
    ("  2021-7-8 ", dt.date(2021, 7, 8)),
    ("20210728", dt.date(2021, 7, 28)),
    ("7/28/2021", dt.date(2021, 7, 28)),  # FA-KES: month/day/year
    ("4/5/2017", dt.date(2017, 4, 5)),
    ("28/7/2021", dt.date(2021, 7, 28)),  # first number over 12: day/month
    ("18.05.2017", dt.date(2017, 5, 18)),
    ("13-12-2014", dt.date(2014, 12, 13)),
    ("28 July 2021", dt.date(2021, 7, 28)),
    ("28 July, 2021", dt.date(2021, 7, 28)),
    ("July 28, 2021", dt.date(2021, 7, 28)),
    ("July 28 2021", dt.date(2021, 7, 28)),
    ("Wed 05 Apr 2017", dt.date(2017, 4, 5)),
    ("Wednesday, July 28, 2021", dt.date(2021, 7, 28)),
    ("Published: July 28, 2021 10:00 AM", dt.date(2021, 7, 28)),
    ("Jul 28 2021 10:00", dt.date(2021, 7, 28)),
    ("the 28th of July 2021", dt.date(2021, 7, 28)),
    ("2021/07/28", dt.date(2021, 7, 28)),  # dateparser
    ("28 juillet 2021", dt.date(2021, 7, 28)),  # dateparser, French
])
def test_parse_date_field(value, expected):
    assert parse_date_field(value) == expected


@pytest.mark.parametrize("value", ["", "   ", "yesterday", "today", "July 2021", "2021", "not a date",
                                   "2021-13-45", "2021-02-30", "31/31/2021", "x" * 500])
def test_parse_date_field_rejects(value):
    with pytest.raises(ValueError):
        parse_date_field(value)


def test_parse_date_field_message_names_the_value():
    with pytest.raises(ValueError, match="not a date at all"):
        parse_date_field("not a date at all")


def test_parse_date_field_non_string():
    with pytest.raises(ValueError):
        parse_date_field(20210728)  # type: ignore[arg-type]
    assert parse_date_field(dt.date(2021, 7, 28)) == dt.date(2021, 7, 28)  # type: ignore[arg-type]


def test_dateparser_never_reaches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert parse_date_field("28 juillet 2021") == dt.date(2021, 7, 28)
    assert parse_date_field("2021/07/28") == dt.date(2021, 7, 28)


# --- resolve_weekday --------------------------------------------------------------------------------------------

def test_resolve_weekday_on_a_wednesday():
    assert resolve_weekday(2, WED) == dt.date(2021, 7, 28)  # Wednesday -> the same day
    assert resolve_weekday(1, WED) == dt.date(2021, 7, 27)  # Tuesday -> the day before
    assert resolve_weekday(3, WED) == dt.date(2021, 7, 22)  # Thursday -> six days before
    assert resolve_weekday(0, WED) == dt.date(2021, 7, 26)
    assert resolve_weekday(6, WED) == dt.date(2021, 7, 25)


def test_resolve_weekday_crosses_month_and_year():
    assert resolve_weekday(4, dt.date(2021, 1, 2)) == dt.date(2021, 1, 1)  # Saturday -> Friday
    assert resolve_weekday(3, dt.date(2021, 1, 2)) == dt.date(2020, 12, 31)


@pytest.mark.parametrize("bad", [-1, 7, 10])
def test_resolve_weekday_rejects_bad_weekday(bad):
    with pytest.raises(ValueError):
        resolve_weekday(bad, WED)


@given(st.integers(0, 6), st.dates(dt.date(1900, 1, 8), dt.date(2100, 1, 1)))
def test_resolve_weekday_property(weekday, published):
    d = resolve_weekday(weekday, published)
    assert d.weekday() == weekday
    assert published - dt.timedelta(days=6) <= d <= published


# --- find_dates: every form ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("on Wednesday", [("Wednesday", "2021-07-28", "day")]),
    ("Wednesday", [("Wednesday", "2021-07-28", "day")]),
    ("on Tuesday", [("Tuesday", "2021-07-27", "day")]),
    ("Tuesday's fighting", [("Tuesday", "2021-07-27", "day")]),
    ("Tuesday’s fighting", [("Tuesday", "2021-07-27", "day")]),
    ("on Thursday", [("Thursday", "2021-07-22", "day")]),
    ("last Wednesday", [("last Wednesday", "2021-07-21", "day")]),
    ("next Friday", [("next Friday", "2021-07-30", "day")]),
    ("this Friday", [("this Friday", "2021-07-30", "day")]),
    ("yesterday", [("yesterday", "2021-07-27", "day")]),
    ("Yesterday", [("Yesterday", "2021-07-27", "day")]),
    ("today", [("today", "2021-07-28", "day")]),
    ("last night", [("last night", "2021-07-27", "day")]),
    ("tomorrow", [("tomorrow", "2021-07-29", "day")]),
    ("the day before yesterday", [("the day before yesterday", "2021-07-26", "day")]),
    ("two days ago", [("two days ago", "2021-07-26", "day")]),
    ("3 days ago", [("3 days ago", "2021-07-25", "day")]),
    ("two hundred days ago", [("two hundred days ago", "2021-01-09", "day")]),  # the whole number, not "hundred"
    ("twenty-five days ago", [("twenty-five days ago", "2021-07-03", "day")]),
    ("seventy days ago", [("seventy days ago", "2021-05-19", "day")]),
    ("three months ago", [("three months ago", "2021-04", "month")]),
    ("two years ago", [("two years ago", "2019", "year")]),
    ("two weeks ago", [("two weeks ago", None, None)]),
    ("last week", [("last week", "2021-07", "month")]),
    ("this week", [("this week", "2021-07", "month")]),
    ("over the weekend", [("the weekend", "2021-07", "month")]),
    ("last month", [("last month", "2021-06", "month")]),
    ("this month", [("this month", "2021-07", "month")]),
    ("last year", [("last year", "2020", "year")]),
    ("this year", [("this year", "2021", "year")]),
    ("on 24 July", [("24 July", "2021-07-24", "day")]),
    ("24 July", [("24 July", "2021-07-24", "day")]),
    ("July 24", [("July 24", "2021-07-24", "day")]),
    ("the 24th of July", [("the 24th of July", "2021-07-24", "day")]),
    ("on July 24th", [("July 24th", "2021-07-24", "day")]),
    ("24 Jul", [("24 Jul", "2021-07-24", "day")]),
    ("in July 2018", [("July 2018", "2018-07", "month")]),
    ("since March 2011", [("March 2011", "2011-03", "month")]),
    ("in 2018", [("2018", "2018", "year")]),
    ("since 2011", [("2011", "2011", "year")]),
    ("before 2018", [("2018", "2018", "year")]),
    ("in mid-2018", [("2018", "2018", "year")]),
    ("in May", [("May", "2021-05", "month")]),
    ("in early May", [("May", "2021-05", "month")]),
    ("in July", [("July", "2021-07", "month")]),
    ("in December", [("December", "2020-12", "month")]),  # after the publication month: the previous year
    ("in June last year", [("June last year", "2020-06", "month")]),
    ("in March of this year", [("March of this year", "2021-03", "month")]),
    ("the day prior", [("the day prior", "2021-07-27", "day")]),
    ("the previous day", [("the previous day", "2021-07-27", "day")]),
    ("a day earlier", [("a day earlier", "2021-07-27", "day")]),
    ("the next day", [("the next day", "2021-07-29", "day")]),
    ("over a month", [("over a month", None, None)]),
    ("for over a month", [("for over a month", None, None)]),
    ("for three years", [("for three years", None, None)]),
    ("the three years since", [("the three years since", None, None)]),
    ("for months", [("for months", None, None)]),
    ("July 28, 2021", [("July 28, 2021", "2021-07-28", "day")]),
    ("28 July, 2021", [("28 July, 2021", "2021-07-28", "day")]),
    ("Wednesday, July 28, 2021", [("Wednesday, July 28, 2021", "2021-07-28", "day")]),
    ("Wed 05 Apr 2017", [("Wed 05 Apr 2017", "2017-04-05", "day")]),
    ("2021-07-28", [("2021-07-28", "2021-07-28", "day")]),
    ("7/28/2021", [("7/28/2021", "2021-07-28", "day")]),
    ("28.07.2021", [("28.07.2021", "2021-07-28", "day")]),
])
def test_find_dates_forms(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text", [
    "May God protect us.",  # "May" with no preposition before it is not a month
    "They may march again, and August crowds may gather.",  # lower-case "may"/"march" are verbs
    "Residents turned in about 60 pieces of weaponry.",
    "He said 2018 people were there.",  # a year-like number with no preposition
    "31 June",  # not a calendar date
    "Fighting continues on Fridays.",  # a habit, not a date
    "",
])
def test_find_dates_not_dates(text):
    assert find_dates(text, WED) == []


def test_sentence_with_several_dates_is_sorted_with_exact_offsets():
    text = "After the deal of 24 July, regime forces re-imposed the siege on Tuesday and stormed the city on Wednesday."
    ms = find_dates(text, WED)
    assert [(m.start, m.end, m.text, m.value) for m in ms] == [
        (18, 25, "24 July", "2021-07-24"),
        (65, 72, "Tuesday", "2021-07-27"),
        (97, 106, "Wednesday", "2021-07-28"),
    ]
    for m in ms:
        assert text[m.start:m.end] == m.text
        assert isinstance(m, DateMention)


def test_year_rollover():
    assert resolved("on 28 December", dt.date(2021, 1, 5)) == [("28 December", "2020-12-28", "day")]
    assert resolved("on 3 January", dt.date(2021, 12, 28)) == [("3 January", "2022-01-03", "day")]
    assert resolved("on 3 January", WED) == [("3 January", "2021-01-03", "day")]
    assert resolved("on 15 September", WED) == [("15 September", "2021-09-15", "day")]  # 49 days after: kept
    assert resolved("on 1 October", WED) == [("1 October", "2020-10-01", "day")]  # 65 days after: previous year
    assert resolved("in December", dt.date(2021, 1, 5)) == [("December", "2020-12", "month")]


def test_last_week_is_a_month_only_when_the_window_is_in_one_month():
    # published Tuesday 3 August 2021: last week runs from Monday 26 July to 2 August -> two months -> unknown
    assert resolved("last week", dt.date(2021, 8, 3)) == [("last week", None, None)]
    assert resolved("last week", dt.date(2021, 8, 20)) == [("last week", "2021-08", "month")]


def test_anchored_forms_count_from_the_previous_date_in_the_text():
    text = "A deal was struck on 24 July. The next day the siege was lifted, and two days later it was back."
    assert resolved(text) == [
        ("24 July", "2021-07-24", "day"),
        ("The next day", "2021-07-25", "day"),
        ("two days later", "2021-07-27", "day"),
    ]


def test_without_published_relative_forms_are_kept_unresolved():
    text = "Fighting on Wednesday, after the deal of 24 July; the regime retook Daraa in July 2018, yesterday."
    assert resolved(text, None) == [
        ("Wednesday", None, None),
        ("24 July", None, None),
        ("July 2018", "2018-07", "month"),
        ("yesterday", None, None),
    ]


def test_published_may_be_given_as_text_or_datetime():
    assert resolved("on Tuesday", "2021-07-28") == [("Tuesday", "2021-07-27", "day")]  # type: ignore[arg-type]
    assert resolved("on Tuesday", dt.datetime(2021, 7, 28, 23, 0)) == [("Tuesday", "2021-07-27", "day")]
    assert resolved("on Tuesday", "not a date") == [("Tuesday", None, None)]  # type: ignore[arg-type]


def test_seed_article_dates():
    text = SEED_HEAD[:SEED_HEAD.index("Residents of Daraa al-Balad resolved")] + SEED_BODY
    got = resolved(text)
    assert got == [
        ("Wednesday", "2021-07-28", "day"),
        ("28 July, 2021", "2021-07-28", "day"),
        ("Wednesday", "2021-07-28", "day"),
        ("The day prior", "2021-07-27", "day"),
        ("Tuesday", "2021-07-27", "day"),
    ]


# --- find_published ---------------------------------------------------------------------------------------------

def test_find_published_seed_header():
    assert find_published(SEED_HEAD) == dt.date(2021, 7, 28)


@pytest.mark.parametrize("text, expected", [
    ("Title of the story\nJuly 28, 2021\nBody text on Wednesday.", dt.date(2021, 7, 28)),
    ("Title\n2021-07-28\nBody.", dt.date(2021, 7, 28)),
    ("Title\nBy Jane Doe | July 28, 2021 | 10:00\nBody.", dt.date(2021, 7, 28)),
    ("Published 28 July 2021\nBody.", dt.date(2021, 7, 28)),
    # FA-KES texts are one line: a date near the start counts
    ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of a suspected attack",
     dt.date(2017, 4, 5)),
    ("Syria air strikes kill 10 children 5 women in Aleppo monitor AFP Friday 24 Oct 2014 Ten children and five",
     dt.date(2014, 10, 24)),
    ("Last updated at Apr 232017 An Israeli attack on a Syrian training camp", dt.date(2017, 4, 23)),
    ("24.08.2013 Syrian state media accused rebels", dt.date(2013, 8, 24)),
    ("13-12-2014 Kurdish Forces Kill 16 ISIL Terrorists in Syria.", dt.date(2014, 12, 13)),
    ("Date of publication 25 April 2017 Airstrikes on a rebel-held village", dt.date(2017, 4, 25)),
    # a dateline counts only when the header gives the year
    ("Syria live 2021\nDAMASCUS, July 28 (Reuters) - Regime forces shelled Daraa.", dt.date(2021, 7, 28)),
    ("DAMASCUS, July 28 (Reuters) - Regime forces shelled Daraa.", None),
    ("DAMASCUS, July 28, 2021 (Reuters) - Regime forces shelled Daraa.", dt.date(2021, 7, 28)),
    ("", None),
    ("No date here at all.\nJust a body.", None),
])
def test_find_published(text, expected):
    assert find_published(text) == expected


def test_find_published_ignores_dates_deep_in_the_body():
    body = "\n".join(f"Paragraph {i} of a long article about the war, with enough words to be a body line." for i in
                     range(20))
    assert find_published("Title\n" + body + "\nOn 24 July 2021 a deal was struck.") is None
    long_para = ("The conflict that began on March 15, 2011 has killed hundreds of thousands of people and "
                 "displaced millions, according to the United Nations and monitoring groups.")
    assert find_published("Title line\n" + long_para + "\nMore text.") is None


# --- properties -------------------------------------------------------------------------------------------------

_VALUE_RX = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "month": re.compile(r"\d{4}-\d{2}"), "year": re.compile(r"\d{4}")}
_DATEY = st.sampled_from(["on Wednesday", "24 July", "July 28, 2021", "in May", "last week", "yesterday",
                          "the day prior", "in 2018", "for three years", "7/28/2021", "2021-07-28", " ", ", ", ".",
                          "Tuesday's", "1"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), _DATEY), max_size=12).map("".join),
       st.one_of(st.none(), st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31))))
def test_find_dates_never_raises_and_offsets_index_the_text(text, published):
    ms = find_dates(text, published)
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start  # no overlaps
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert (m.value is None) == (m.precision is None)
        if m.value is not None:
            assert _VALUE_RX[m.precision].fullmatch(m.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_find_published_never_raises(text):
    d = find_published(text)
    assert d is None or isinstance(d, dt.date)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_parse_date_field_returns_a_date_or_raises_value_error(value):
    try:
        d = parse_date_field(value)
    except ValueError:
        return
    assert isinstance(d, dt.date)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
def test_parse_date_field_round_trips(d):
    assert parse_date_field(d.isoformat()) == d
    assert parse_date_field(f"{d.month}/{d.day}/{d.year}") == d
    assert parse_date_field(f"{d.day} {d.strftime('%B')} {d.year}") == d
    assert parse_date_field(f"{d.strftime('%B')} {d.day}, {d.year}") == d


@pytest.mark.parametrize("text, expected", [
    ("a day ago", ("a day ago", "2021-07-27", "day")),
    ("Five days later", ("Five days later", "2021-08-02", "day")),
    ("12 days earlier", ("12 days earlier", "2021-07-16", "day")),
    ("a few days ago", ("a few days ago", None, None)),  # vague: no number
    ("a hundred years ago", ("hundred years ago", "1921", "year")),  # the pattern starts at the scale word
])
def test_counts_in_relative_dates(text, expected):
    """The counts are read by numbers.parse_number."""
    assert [(m.text, m.value, m.precision) for m in find_dates(text, WED)] == [expected]


def test_a_date_where_the_header_gives_publication_is_a_header_date():
    from pipeline.datefields import is_header_date
    text = "Date of publication 7 April 2017 Syrian jets struck Idlib on 5 April 2017."
    assert [is_header_date(text, text.index(d), text.index(d) + 12) for d in ("7 April", "5 April")] == [True, False]
    text = "Title line\nPublished: 7 April 2017\nBody"
    assert is_header_date(text, text.index("7 April"), text.index("7 April") + 12) is True
    assert [is_header_date("On 7 April 2017 jets struck.", 3, 15), is_header_date("Saturday jets struck.", 0, 8)] \
        == [False, False]
