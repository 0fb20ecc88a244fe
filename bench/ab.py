"""A/B benchmark: a change against a git ref, page by page, in paired runs with the one-chart page.

Serves three apps on 127.0.0.1 at once: the working tree (B), a checkout of REF (A, default HEAD)
and the one-chart page of bench/browser.py. Each round loads, for every page asked for, the
one-chart page, then A and B in alternating order, so a slow moment hits all three alike. Prints
per page the median of A/one and B/one (time to the first chart, and main-thread busy time), and
the median of the per-round B/A ratios. Usage:
    python bench/ab.py [--ref REF] [--rounds N] [page_key ...]   (default: every chart page, 8 rounds)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import CHART, ONE_CHART, measure, serve  # noqa: E402
from load import CHROMIUM_ARGS, HOST, ROOT, free_port, wait_healthy  # noqa: E402

sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", default="HEAD")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("pages", nargs="*")
    args = ap.parse_args()
    pages = [p for p in registry.PAGES if p.charts and (not args.pages or p.key in args.pages)]
    tmp = Path(tempfile.mkdtemp())
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tmp / "a"), args.ref], check=True)
    (tmp / "one").mkdir()
    (tmp / "one" / "one_chart.py").write_text(ONE_CHART)
    shutil.copytree(ROOT / ".streamlit", tmp / "one" / ".streamlit")
    ports = {k: free_port() for k in ("a", "b", "one")}
    procs = {"a": serve(tmp / "a" / "dashboard.py", ports["a"]), "b": serve(ROOT / "dashboard.py", ports["b"]),
             "one": serve(tmp / "one" / "one_chart.py", ports["one"])}
    times: dict[tuple[str, str], list[float]] = {}
    busy: dict[tuple[str, str], list[float]] = {}
    try:
        for k, proc in procs.items():
            wait_healthy(proc, ports[k], 60, k)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
            for r in range(args.rounds + 1):  # round 0 warms caches and is not counted
                for pg in pages:
                    order = ("one", "a", "b") if r % 2 else ("one", "b", "a")
                    for k in order:
                        t, cpu = measure(browser, f"http://{HOST}:{ports[k]}/" + ("" if k == "one" else pg.url_path), CHART)
                        if r:
                            times.setdefault((pg.key, k), []).append(t)
                            busy.setdefault((pg.key, k), []).append(cpu)
            browser.close()
    finally:
        for proc in procs.values():
            proc.terminate()
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tmp / "a")], check=False)

    def ratio(d: dict, page: str, num: str, den: str) -> float:
        return statistics.median(x / y for x, y in zip(d[(page, num)], d[(page, den)], strict=True))

    print(f"A = {args.ref}, B = working tree; {args.rounds} rounds; medians of per-round ratios")
    print(f"{'page':18s} {'A x one':>8s} {'B x one':>8s} {'B x A':>7s} {'cpu A x one':>11s} {'cpu B x one':>11s} {'cpu B x A':>9s}")
    for pg in pages:
        k = pg.key
        print(f"{k:18s} {ratio(times, k, 'a', 'one'):8.2f} {ratio(times, k, 'b', 'one'):8.2f} {ratio(times, k, 'b', 'a'):7.2f}"
              f" {ratio(busy, k, 'a', 'one'):11.2f} {ratio(busy, k, 'b', 'one'):11.2f} {ratio(busy, k, 'b', 'a'):9.2f}")


if __name__ == "__main__":
    main()
