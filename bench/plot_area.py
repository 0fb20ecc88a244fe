"""Each chart's plot area (the figure less its title, notes, axes and legend), in px, on every page and tab,
at 1280 and 390 px wide, in each language. Plotly keeps a figure's height and gives the plot what the rest
leaves, so this is where a phone's wrapped legend or a long Russian note squeezes a chart.

Usage: python bench/plot_area.py [LANGS]   e.g. en,ru (default en,ko,ru). Prints one line per view and width:
figure height / plot height (top margin, bottom margin) for each language. Asserts nothing (tests/test_browser.py does).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import ROOT, dashboard_in_chromium  # noqa: E402

sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402

VIEWS = [v for p in registry.PAGES if p.charts for v in (p.path, *p.view_paths)]
SIZES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {
  const s = el._fullLayout._size, h = el._fullLayout.height; return [h, Math.round(h - s.t - s.b), Math.round(s.t), Math.round(s.b)]; })"""


def main(langs: list[str]) -> None:
    with dashboard_in_chromium() as (browser, base):
        for width in (1280, 390):
            ctx = browser.new_context(viewport={"width": width, "height": 900})
            page = ctx.new_page()
            for view in VIEWS:
                row = []
                for lang in langs:
                    page.goto(f"{base}{view}{'&' if '?' in view else '?'}lang={lang}")
                    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
                    page.wait_for_timeout(800)
                    row.append(f"{lang} " + " ".join(f"{h}/{p} (t{t} b{b})" for h, p, t, b in page.evaluate(SIZES)))
                print(f"{width:5d} {view:40s} " + "   ".join(row), flush=True)
            ctx.close()


if __name__ == "__main__":
    main(sys.argv[1].split(",") if len(sys.argv) > 1 else ["en", "ko", "ru"])
