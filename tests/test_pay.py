"""Tests for jobpack.pay: the seed's printed figures, the national spine, rounding and every error message."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobpack.compose.pay import (
    NJC_SPINE_ID,
    SEED_TERM_TIME_WEEKS_PAID,
    WEEKS_IN_YEAR,
    PayError,
    Pricing,
    builtin_spine_names,
    builtin_spines,
    format_hours,
    format_money,
    parse_hours,
    price,
    pro_rata,
    round_pounds,
)

NJC = builtin_spines()


def seed_001(**changes: object) -> Pricing:
    """Seed 001, Elm Tree Primary Academy: Band D SCP 9-17, 32.5 hours, term time only, SEN allowance."""
    args: dict[str, object] = {
        "spines": NJC,
        "spine_id": "njc",
        "year": "2024-25",
        "scp_from": 9,
        "scp_to": 17,
        "hours": 32.5,
        "full_time_hours": 37,
        "weeks_paid": SEED_TERM_TIME_WEEKS_PAID,
        "weeks_in_year": WEEKS_IN_YEAR,
        "allowances": [("SEN allowance", 1491, False)],
    }
    args.update(changes)
    return price(**args)  # type: ignore[arg-type]


# --- seed 001 ------------------------------------------------------------------------------------------


def test_seed_001_reproduces_the_printed_figures() -> None:
    pricing = seed_001()
    assert pricing.fte == (26409, 30060)
    assert pricing.actual == (20698, 23560)
    assert list(pricing.allowances) == [("SEN allowance", 1491, 1491)]
    assert pricing.lines() == [
        "£26,409 – £30,060 FTE",
        "Actual salary £20,698 – £23,560 (pro rata: 32.5 hours a week, 46.526 weeks a year)",
        "SEN allowance £1,491 per annum",
    ]


def test_seed_001_weeks_paid_is_the_only_three_decimal_figure_that_works() -> None:
    assert Decimal("46.526") == SEED_TERM_TIME_WEEKS_PAID
    works = []
    for thousandths in range(46000, 47001):
        weeks = Decimal(thousandths) / 1000
        if seed_001(weeks_paid=weeks).actual == (20698, 23560):
            works.append(weeks)
    assert works == [Decimal("46.526")]


def test_seed_001_accepts_the_values_as_yaml_gives_them() -> None:
    """trust.yaml gives floats and strings; the result must not depend on binary float artefacts."""
    assert seed_001(hours="32.5", weeks_paid=46.526, weeks_in_year=52.143).actual == (20698, 23560)
    assert seed_001(weeks_paid="46.526", weeks_in_year="52.143").actual == (20698, 23560)


# --- the built-in spine --------------------------------------------------------------------------------


def test_spine_known_facts() -> None:
    assert NJC["njc"]["2024-25"][9] == 26409
    assert NJC["njc"]["2024-25"][17] == 30060
    assert NJC["njc"]["2019-20"][2] == 17711
    assert NJC["njc"]["2019-20"][4] == 18426


def test_spine_years_and_name() -> None:
    assert NJC_SPINE_ID == "njc"
    assert builtin_spine_names() == {"njc": "NJC national pay spine"}
    assert {"2019-20", "2023-24", "2024-25", "2025-26"} <= set(NJC["njc"])


@pytest.mark.parametrize(
    ("year", "lowest"),
    [("2019-20", 1), ("2023-24", 2), ("2024-25", 2), ("2025-26", 2)],
)
def test_each_year_starts_at_its_real_lowest_point_and_runs_to_43(year: str, lowest: int) -> None:
    points = NJC["njc"][year]
    assert sorted(points) == list(range(lowest, 44))
    salaries = [points[scp] for scp in sorted(points)]
    assert salaries == sorted(salaries) and len(set(salaries)) == len(salaries)


def test_2024_25_is_2023_24_plus_1290_on_every_point() -> None:
    old, new = NJC["njc"]["2023-24"], NJC["njc"]["2024-25"]
    assert {scp: new[scp] - old[scp] for scp in old} == dict.fromkeys(old, 1290)


def test_2025_26_is_2024_25_plus_3_2_percent_to_the_nearest_pound() -> None:
    old, new = NJC["njc"]["2024-25"], NJC["njc"]["2025-26"]
    assert new == {scp: round_pounds(Decimal(pay) * Decimal("1.032")) for scp, pay in old.items()}


def test_2019_20_has_2_percent_steps_up_to_scp_22() -> None:
    points = NJC["njc"]["2019-20"]
    assert points[1] == 17364  # £9.00 an hour
    for scp in range(2, 23):
        assert abs(points[scp] - points[scp - 1] * Decimal("1.02")) < 1, scp


def test_2019_20_carried_forward_matches_a_published_april_2021_table() -> None:
    """Wychavon District Council's April 2021 grades, from 2019-20 by the 2020 (2.75%) and 2021 (1.75%;
    2.75% on SCP 1) awards. SCP 32 is left out: Wychavon prints £36,271, these figures give £36,371."""
    published = {
        1: 18333, 2: 18516, 3: 18887, 4: 19264, 5: 19650, 6: 20043, 7: 20444, 8: 20852, 9: 21269,
        11: 22129, 12: 22571, 14: 23484, 15: 23953, 17: 24920, 18: 25419, 20: 26446, 22: 27514,
        23: 28226, 24: 29174, 25: 30095, 26: 30984, 27: 31895, 28: 32798, 29: 33486, 30: 34373,
        31: 35336, 38: 42614, 39: 43570, 40: 44624, 41: 45648, 42: 46662, 43: 47665,
    }  # fmt: skip
    base = NJC["njc"]["2019-20"]
    for scp, april_2021 in published.items():
        april_2020 = round_pounds(base[scp] * Decimal("1.0275"))
        rise = Decimal("1.0275") if scp == 1 else Decimal("1.0175")
        assert round_pounds(april_2020 * rise) == april_2021, scp


def test_2023_24_matches_the_published_mid_point_rise() -> None:
    """NIPSA: pay point 22 rose £3,850 between April 2021 (£27,514) and April 2023."""
    assert NJC["njc"]["2023-24"][22] == 27514 + 3850


def test_builtin_spines_returns_a_fresh_copy() -> None:
    first = builtin_spines()
    first["njc"]["2024-25"][9] = 1
    del first["njc"]["2019-20"]
    assert builtin_spines()["njc"]["2024-25"][9] == 26409
    assert "2019-20" in builtin_spines()["njc"]


# --- rounding and arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "pounds"),
    [("20697.5", 20698), ("2.5", 3), ("0.5", 1), ("20697.4999", 20697), ("20697.50001", 20698), ("7", 7)],
)
def test_round_pounds_rounds_halves_up(amount: str, pounds: int) -> None:
    assert round_pounds(Decimal(amount)) == pounds


def test_round_pounds_is_not_bankers_rounding() -> None:
    assert round_pounds(Decimal("20698.5")) == 20699  # round() would give 20698
    assert round(Decimal("20698.5")) == 20698


def test_a_salary_landing_on_exactly_half_a_pound_rounds_up() -> None:
    spines = {"t": {"2024-25": {1: 30001}}}
    pricing = price(spines, "t", "2024-25", 1, 1, "18.5", 37, None, WEEKS_IN_YEAR, [])
    assert pro_rata(30001, Decimal("18.5"), 37, WEEKS_IN_YEAR, WEEKS_IN_YEAR) == Decimal("15000.5")
    assert pricing.actual == (15001, 15001)


def test_pro_rata_is_unrounded() -> None:
    value = pro_rata(26409, Decimal("32.5"), 37, Decimal("46.526"), WEEKS_IN_YEAR)
    assert Decimal("20698.23") < value < Decimal("20698.24")
    assert pro_rata(Decimal(1000), 37, 37, WEEKS_IN_YEAR, WEEKS_IN_YEAR) == 1000


@given(st.decimals(min_value=0, max_value=10**7, places=2))
def test_round_pounds_agrees_with_halves_up_by_hand(amount: Decimal) -> None:
    pounds, pence = divmod(int(amount * 100), 100)
    assert round_pounds(amount) == pounds + (1 if pence >= 50 else 0)


@given(
    st.integers(min_value=10000, max_value=100000),
    st.decimals(min_value=1, max_value=37, places=2),
    st.decimals(min_value=30, max_value=Decimal("52.143"), places=3),
)
def test_actual_never_exceeds_fte(fte: int, hours: Decimal, weeks: Decimal) -> None:
    pricing = price({"t": {"2024-25": {1: fte}}}, "t", "2024-25", 1, 1, hours, 37, weeks, WEEKS_IN_YEAR)
    actual = pricing.actual[0] if pricing.actual else fte
    expected = (Decimal(fte) * hours * weeks / (37 * WEEKS_IN_YEAR)).quantize(Decimal(1), ROUND_HALF_UP)
    assert actual == int(expected) <= fte


# --- hours ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "hours"),
    [
        (32.5, Decimal("32.5")),
        (37, Decimal(37)),
        ("32.5", Decimal("32.5")),
        ("37 hours", Decimal(37)),
        ("37 hours a week", Decimal(37)),
        ("1 hour", Decimal(1)),
        ("25h 25m", Decimal(25) + Decimal(25) / Decimal(60)),
        ("25 hours 25 minutes", Decimal(25) + Decimal(25) / Decimal(60)),
        ("25 hrs, 25 mins per week", Decimal(25) + Decimal(25) / Decimal(60)),
        ("45 minutes", Decimal("0.75")),
        (Decimal("22.2"), Decimal("22.2")),
    ],
)
def test_parse_hours_accepts(written: float | int | str | Decimal, hours: Decimal) -> None:
    assert parse_hours(written) == hours


def test_twenty_five_hours_twenty_five_minutes_is_exact() -> None:
    hours = parse_hours("25 hours 25 minutes")
    assert str(hours).startswith("25.41666666666")
    assert hours * 60 == Decimal(1525)  # not a rounded 25.42
    assert format_hours(hours) == "25 hours 25 minutes"


@pytest.mark.parametrize(
    "written",
    ["", "abc", "twenty", "25 hours 25", "32.5 hours 10 minutes", "2 hours 60 minutes", "1e3", "-5", "0",
     "200", True, None, [32.5], 0, -1, float("nan")],
)  # fmt: skip
def test_parse_hours_rejects_with_a_plain_english_hint(written: object) -> None:
    with pytest.raises(ValueError, match="write hours as a number such as 32.5 or as '25 hours 25 minutes'"):
        parse_hours(written)  # type: ignore[arg-type]


def test_format_hours() -> None:
    assert format_hours(Decimal("32.5")) == "32.5 hours"
    assert format_hours(Decimal("37.00")) == "37 hours"
    assert format_hours(Decimal(1)) == "1 hour"
    assert format_hours(parse_hours("25h 1m")) == "25 hours 1 minute"


# --- shapes of post ------------------------------------------------------------------------------------


def test_full_time_all_year_post_has_no_actual_range() -> None:
    pricing = seed_001(hours=37, weeks_paid=None, allowances=[])
    assert pricing.actual is None
    assert pricing.lines() == ["£26,409 – £30,060 FTE"]
    assert seed_001(hours="37", weeks_paid=WEEKS_IN_YEAR).actual is None


def test_term_time_against_all_year() -> None:
    term_time = seed_001()
    all_year = seed_001(weeks_paid=None)
    assert all_year.actual == (23197, 26404)  # 26,409 x 32.5 / 37 and 30,060 x 32.5 / 37
    assert term_time.actual is not None and term_time.actual < all_year.actual
    assert all_year.lines()[1] == "Actual salary £23,197 – £26,404 (pro rata: 32.5 hours a week, all year)"


def test_full_time_hours_term_time_only_is_still_pro_rata() -> None:
    pricing = seed_001(hours=37, allowances=[])
    assert pricing.actual == (23564, 26822)
    assert pricing.lines()[1].endswith("(pro rata: 37 hours a week, 46.526 weeks a year)")


def test_spot_salary_prints_one_figure() -> None:
    pricing = seed_001(scp_from=9, scp_to=9, allowances=[])
    assert pricing.lines() == [
        "£26,409 FTE",
        "Actual salary £20,698 (pro rata: 32.5 hours a week, 46.526 weeks a year)",
    ]


def test_allowances_pro_rata_and_not() -> None:
    pricing = seed_001(allowances=[("SEN allowance", 1491, False), ("Outreach allowance", 2000, True)])
    assert list(pricing.allowances) == [("SEN allowance", 1491, 1491), ("Outreach allowance", 2000, 1568)]
    assert pricing.lines()[2:] == [
        "SEN allowance £1,491 per annum",
        "Outreach allowance £2,000 per annum FTE (actual £1,568)",
    ]


def test_pro_rata_allowance_on_a_full_time_all_year_post_is_paid_in_full() -> None:
    pricing = seed_001(hours=37, weeks_paid=None, allowances=[("SEN allowance", 1491, True)])
    assert list(pricing.allowances) == [("SEN allowance", 1491, 1491)]
    assert pricing.lines()[-1] == "SEN allowance £1,491 per annum"


def test_a_trusts_own_spine_prices_like_the_national_one() -> None:
    spines = {**NJC, "leap-local": {"2024-25": {1: 24000, 2: 24500}}}
    pricing = price(spines, "leap-local", "2024-25", 1, 2, 37, 37, None, WEEKS_IN_YEAR, [])
    assert pricing.fte == (24000, 24500) and pricing.actual is None


def test_pricing_is_frozen() -> None:
    with pytest.raises(AttributeError):
        seed_001().fte = (1, 2)  # type: ignore[misc]


# --- errors --------------------------------------------------------------------------------------------


def error_of(**changes: object) -> str:
    with pytest.raises(PayError) as caught:
        seed_001(**changes)
    return str(caught.value)


def test_pay_error_is_a_value_error() -> None:
    assert issubclass(PayError, ValueError)


def test_unknown_spine() -> None:
    assert error_of(spine_id="nhs") == "pay spine 'nhs' is not known; spines available: njc"


def test_year_missing_from_spine() -> None:
    assert error_of(year="2026-27") == (
        "pay year 2026-27 is not in the NJC national pay spine; years available: 2019-20, 2023-24, 2024-25, 2025-26"
    )


def test_year_missing_from_a_trust_spine_uses_its_name() -> None:
    spines = {"leap-local": {"2024-25": {1: 24000, 2: 24500}}}
    with pytest.raises(PayError) as caught:
        price(spines, "leap-local", "2025-26", 1, 2, 37, 37, None, WEEKS_IN_YEAR, [],
              spine_names={"leap-local": "LEAP local scale"})  # fmt: skip
    assert str(caught.value) == "pay year 2025-26 is not in the LEAP local scale; years available: 2024-25"
    with pytest.raises(PayError, match="not in the 'leap-local' pay spine"):
        price(spines, "leap-local", "2025-26", 1, 2, 37, 37, None, WEEKS_IN_YEAR, [])


def test_scp_missing_from_year() -> None:
    assert error_of(scp_from=1) == ("SCP 1 is not in the NJC national pay spine for 2024-25; points available: 2 to 43")
    assert error_of(year="2019-20", scp_from=40, scp_to=45) == (
        "SCP 44 to 45 are not in the NJC national pay spine for 2019-20; points available: 1 to 43"
    )


def test_scp_from_above_to() -> None:
    assert error_of(scp_from=17, scp_to=9) == (
        "the grade runs from SCP 17 down to SCP 9; 'from' must be the lower point (did you mean from 9 to 17?)"
    )


def test_scp_not_a_whole_number() -> None:
    assert error_of(scp_from="9") == "spinal column points must be whole numbers such as 9, not '9'"


def test_hours_above_full_time_are_priced_as_written() -> None:
    """jobpack check warns about such posts; the arithmetic itself still follows the rule."""
    pricing = seed_001(hours=40, weeks_paid=None)
    assert pricing.actual == (round_pounds(Decimal(26409) * 40 / 37), round_pounds(Decimal(30060) * 40 / 37))


def test_weeks_paid_above_weeks_in_year() -> None:
    assert error_of(weeks_paid=53) == ("53 weeks paid is more than the 52.143 weeks in the year; check weeks_paid")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"full_time_hours": 0}, "full-time hours must be a number more than 0, not 0"),
        ({"weeks_in_year": "lots"}, "weeks in the year must be a number, not 'lots'"),
        ({"weeks_paid": -1}, "weeks paid must be a number more than 0, not -1"),
        ({"allowances": [("SEN allowance", "x", False)]},
         "the amount of allowance 'SEN allowance' must be a number, not 'x'"),
        ({"hours": "lots"}, "hours a week 'lots' cannot be read: write hours as a number such as 32.5"),
    ],
)  # fmt: skip
def test_bad_numbers(changes: dict[str, object], message: str) -> None:
    assert error_of(**changes).startswith(message)


# --- money ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pounds", "text"),
    [(26409, "£26,409"), (1491, "£1,491"), (999, "£999"), (0, "£0"), (1234567, "£1,234,567"), (-5, "-£5")],
)
def test_format_money(pounds: int, text: str) -> None:
    assert format_money(pounds) == text
