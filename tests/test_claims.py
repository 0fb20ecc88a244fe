"""The claim checker: parsing odd input, and finding the series that reproduces a figure."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkties import claims
from nkties.data import load_all
from tests.conftest import DATA


@pytest.fixture(scope="module")
def trade():
    return load_all(DATA)["trade"]


@pytest.mark.parametrize("text,value,year,partner,flow", [
    ("China-North Korea trade was $2.3bn in 2023", 2.3e9, 2023, "China", "total"),
    ("2.3 billion dollars of China trade in 2023", 2.3e9, 2023, "China", "total"),
    ("Russia's trade reached US$34 million in 2024", 34e6, 2024, "Russia", "total"),
    ("34 mln", 34e6, None, None, None),
    ("товарооборот России и КНДР 34,4 млн долл в 2023", 34.4e6, 2023, "Russia", "total"),
    ("North Korea's exports to China were 291.9 million dollars in 2023", 291.9e6, 2023, "China", "from_dprk"),
    ("China's exports to North Korea: $2bn (2023)", 2e9, 2023, "China", "to_dprk"),
    ("Russian trade with the DPRK: $40,469 in 2021", 40469, 2021, "Russia", "total"),
])
def test_parse(text, value, year, partner, flow):
    c = claims.parse_claim(text)
    assert c.value_usd == pytest.approx(value)
    assert (c.year, c.partner, c.flow) == (year, partner, flow)


@pytest.mark.parametrize("text,why", [
    ("", "Type a claim"), ("trade was big in 2023", "No amount found"), ("China and Russia $5bn", "both China and Russia"),
    ("x" * 400, "longer than"),
])
def test_unreadable_claims_get_a_message_with_examples(text, why):
    with pytest.raises(claims.ClaimError) as e:
        claims.parse_claim(text)
    assert why in str(e.value) and "Try, for example" in str(e.value)


def test_a_year_is_not_taken_for_the_amount():
    c = claims.parse_claim("In 2019 Russia's trade was $48m")
    assert c.value_usd == 48e6 and c.year == 2019


def test_checker_finds_the_series_that_reproduces_a_figure(trade):
    c = claims.parse_claim("China-North Korea trade was $2.3bn in 2023")
    found = claims.candidates(c, trade)
    best = found.iloc[0]
    assert best["reproduces"] and best["year"] == 2023 and best["partner"] == "China"
    assert "Reproduced by" in claims.verdict(c, found)
    assert found["year"].between(2022, 2024).all()


def test_checker_says_how_far_the_closest_figure_is(trade):
    c = claims.parse_claim("Russia's trade with North Korea was $999m in 2019")
    found = claims.candidates(c, trade)
    assert not found["reproduces"].any()
    assert "Not reproduced" in claims.verdict(c, found) and "%" in claims.verdict(c, found)


def test_checker_names_a_different_year(trade):
    # KOTRA's 2022 China total ($1.53bn) quoted as if it were 2023's
    c = claims.parse_claim("China-North Korea trade was $1.53bn in 2023")
    found = claims.candidates(c, trade)
    assert found.iloc[0]["year"] == 2022
    assert "different year" in claims.verdict(c, found)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_is_read_or_refused_with_a_message(text):
    try:
        c = claims.parse_claim(text)
    except claims.ClaimError as e:
        assert "Try, for example:" in str(e) and claims.EXAMPLES[0] in str(e)
    else:
        assert c.value_usd >= 0 and c.tolerance_usd > 0


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999), st.integers(0, 2), st.sampled_from([("${} bn", 1e9), ("{} billion dollars", 1e9), ("US${} million", 1e6),
                                                                   ("{} mln", 1e6), ("${}m", 1e6), ("{} thousand USD", 1e3)]))
def test_amount_round_trips(mantissa, decimals, style):
    fmt, unit = style
    number = f"{mantissa / 10 ** decimals:.{decimals}f}"
    c = claims.parse_claim("Russia trade " + fmt.format(number) + " in 2015")
    assert c.value_usd == pytest.approx(float(number) * unit)
    assert c.year == 2015
