"""Property-based: any URL parameters on any page are ignored or clamped, never an exception."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_pages import PAGES, open_page

KNOWN = ["flow", "measure", "log", "events", "band", "base", "years", "partner", "sector", "status", "stale", "sort", "project",
         "country", "stage", "claim", "series", "ytd", "product", "year", "lang", "q"]
values = st.one_of(
    st.text(max_size=60),
    st.integers(-10**12, 10**12).map(str),
    st.sampled_from(["Russia", "China", "World", "total", "to_dprk", "from_dprk", "1", "0", "2000-2024", "2024-2000", "2019", "-", ",",
                     "customs", "KOTRA", "best", "coal", "ko", "ru", "en", "xx", "Расон", "라선", "refined_petroleum", "quantity", "<b>x</b>", "[x](javascript:alert(1))"]),
)
params = st.dictionaries(st.one_of(st.sampled_from(KNOWN), st.text(min_size=1, max_size=12)), values, max_size=5)


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(p=params)
def test_any_parameters_never_raise(page, p):
    at = open_page(page, p)
    assert not at.exception, (p, [e.value for e in at.exception])
    assert not at.error, p
