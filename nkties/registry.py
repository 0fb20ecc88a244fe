"""The app's pages as plain data: dashboard.py, the tests and the benchmarks all read this one list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str  # short name: widget keys, URL state and tests use it
    script: str  # path relative to the project root
    title: str
    icon: str
    url_path: str  # "" for the default page, which Streamlit serves at /
    needs: tuple[str, ...]  # datasets without which the page cannot be shown
    charts: int  # Plotly charts drawn on first load with the default view (a closed tab draws nothing)
    core: tuple[str, ...] | None = None  # datasets without a row of which the page has nothing to show; None: needs[:1]
    views: tuple[str, ...] = ()  # its tabs' codes (?view=), the first open by default; each tab draws one chart
    chartless: tuple[str, ...] = ()  # those of its tabs that draw no chart (Projects' detail of one project)

    @property
    def view_paths(self) -> list[str]:
        """The address of each tab that draws a chart but the first (which is the page's own): '/trade?view=multiple'."""
        return [f"{self.path}?view={v}" for v in self.views[1:] if v not in self.chartless]

    @property
    def chartless_paths(self) -> list[str]:
        """The address of each tab that draws no chart: '/projects?view=detail'."""
        return [f"{self.path}?view={v}" for v in self.chartless]

    @property
    def needs_rows(self) -> tuple[str, ...]:
        return self.needs[:1] if self.core is None else self.core

    @property
    def path(self) -> str:
        """The address of the page relative to the app's root: '/', '/trade'."""
        return "/" + self.url_path

PAGES: tuple[Page, ...] = (
    Page("overview", "pages/overview.py", "Overview", ":material/dashboard:", "",
         ("trade", "sources", "events", "debt", "projects", "project_status", "investments"), 1),
    Page("trade", "pages/trade.py", "Trade", ":material/swap_horiz:", "trade", ("trade", "sources", "events"), 1,
         views=("partners", "multiple")),
    Page("monthly", "pages/monthly.py", "Monthly trade", ":material/calendar_month:", "monthly",
         ("trade_monthly", "trade", "sources", "events"), 1, views=("month", "ytd", "rolling")),
    Page("products", "pages/products.py", "What is traded", ":material/inventory_2:", "products",
         ("trade_products", "product_groups", "sanction_measures", "trade", "sources", "events"), 1,
         views=("shares", "product", "side", "oil")),
    Page("debt", "pages/debt-and-investment.py", "Debt and investment", ":material/account_balance:", "debt-and-investment",
         ("debt", "investments", "projects", "sources"), 1,
         views=("debt", "schedule", "investments")),
    Page("projects", "pages/projects.py", "Projects", ":material/train:", "projects",
         ("projects", "project_status", "investments", "sources"), 1, core=("projects", "project_status"),
         views=("map", "timeline", "detail"), chartless=("detail",)),
    Page("check", "pages/check-a-figure.py", "Check a figure", ":material/fact_check:", "check-a-figure",
         ("trade", "sources", "debt", "investments", "projects", "project_status", "events"), 0),
    Page("sources", "pages/data-and-sources.py", "Data and sources", ":material/menu_book:", "data-and-sources", (), 0, core=()),
)
DEFAULT = PAGES[0]


def page(key: str) -> Page:
    for p in PAGES:
        if p.key == key:
            return p
    raise KeyError(f"no page {key!r} in nkties.registry.PAGES")
