"""Screenshots of every page (or the ones named) at 1280 and 390 px wide, for a person to look at.

Usage: python bench/screenshots.py [--lang ko,ru] [OUT_DIR] [PATH ...]   e.g. /tmp/shots /monthly "/trade?series=customs"
Serves the app on 127.0.0.1, opens each page in headless Chromium (in each language asked for: ?lang=),
waits for its charts, saves PNGs named after the page, the language and the width.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import ROOT, dashboard_in_chromium  # noqa: E402

sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402

WIDTHS = (1280, 390)


def with_lang(path: str, lang: str | None) -> str:
    if not lang:
        return path
    return path + ("&" if "?" in path else "?") + f"lang={lang}"


def main(out: Path, paths: list[str], langs: list[str | None] = (None,)) -> None:
    out.mkdir(parents=True, exist_ok=True)
    drawn = {p.path: p.charts for p in registry.PAGES} | {c: 0 for p in registry.PAGES for c in p.chartless_paths}
    with dashboard_in_chromium() as (browser, base):
        for path, lang in [(p, la) for la in langs for p in paths]:
            for width in WIDTHS:
                ctx = browser.new_context(viewport={"width": width, "height": 900}, locale={"ko": "ko-KR", "ru": "ru-RU"}.get(lang, "en-US"))
                page = ctx.new_page()
                page.goto(f"{base}{with_lang(path, lang)}")
                page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)  # the page's own content, not the frame alone
                charts = drawn.get(path.split("&")[0], drawn.get(path.split("?")[0], 0))
                if charts:
                    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000)
                page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
                page.wait_for_timeout(1500)
                # Streamlit scrolls inside its own container: make the viewport as tall as the content.
                height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
                page.set_viewport_size({"width": width, "height": min(int(height) + 50, 12000)})
                page.wait_for_timeout(800)
                name = re.sub(r"[^a-z0-9]+", "_", path.strip("/").lower()) or "overview"
                file = out / (f"{name}_{lang}_{width}.png" if lang else f"{name}_{width}.png")
                page.screenshot(path=str(file), full_page=True)
                print(file)
                ctx.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    languages: list[str | None] = [None]
    if args[:1] == ["--lang"]:
        languages, args = args[1].split(","), args[2:]
    folder = Path(args[0]) if args else Path("/tmp/nkties_screenshots")
    main(folder, args[1:] or [p.path for p in registry.PAGES], languages)
