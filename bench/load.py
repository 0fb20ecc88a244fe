"""Load test: many readers at once, on 127.0.0.1 only, bounded in count and time.

Starts the app, then opens 1, 5, 10, 20 and 50 concurrent sessions that speak Streamlit's own
websocket protocol (/_stcore/stream, the BackMsg/ForwardMsg messages in streamlit.proto) the
way a browser tab does, spread over every page. Reports time to first chart (median, p95),
errors, the server's memory and its growth per session. With --browser it then opens 1 to 5
real tabs in headless Chromium for the same figures end to end.

Usage: python bench/load.py [--levels 1,5,10,20,50] [--browser]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402

HOST = "127.0.0.1"  # never anything else: load goes to this machine only
PAGES = [p.url_path for p in registry.PAGES if p.key != "check"]  # "" is the default page
CHART_PAGES = [p.url_path for p in registry.PAGES if p.charts]
LEVEL_TIMEOUT_S = 40
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_healthy(proc: subprocess.Popen, port: int, seconds: float, what: str) -> subprocess.Popen:
    """Return proc once http://HOST:port/_stcore/health answers; stop it and exit if it dies or takes too long."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=2).status == 200:
                return proc
        except OSError:
            if proc.poll() is not None:
                err = proc.stderr.read().decode()[:500] if proc.stderr else ""
                raise SystemExit(f"{what} stopped: {err}") from None
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"{what} did not answer within {seconds:.0f} s")


def start_server(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port), "--server.address", HOST,
         "--server.headless", "true"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return wait_healthy(proc, port, 60, "the app")


@contextlib.contextmanager
def dashboard_in_chromium():
    """The dashboard served on 127.0.0.1 and a headless Chromium: yields (browser, base URL); stops both after."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = wait_healthy(start_server(port), port, 60, "dashboard")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
            yield browser, f"http://{HOST}:{port}"
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def first_chart(port: int, page: str, hold: asyncio.Event | None = None, on_answer=None, headers: dict | None = None,
                      timeout: float = LEVEL_TIMEOUT_S) -> tuple[float | None, str | None, str | None]:
    """One reader: connect, ask for the page, wait for its first chart (or the end of the run for a
    page with none), call on_answer(replica), stay connected until hold. Returns (seconds to first
    chart, the X-Replica header a balancer sets or None, error or None)."""
    url = f"ws://{HOST}:{port}/_stcore/stream"
    t0 = time.perf_counter()
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], origin=f"http://{HOST}:{port}", additional_headers=headers,
                                      max_size=2**26, open_timeout=20, proxy=None) as ws:
            replica = ws.response.headers.get("X-Replica")
            msg = BackMsg()
            msg.rerun_script.query_string = ""
            msg.rerun_script.page_name = page
            await ws.send(msg.SerializeToString())
            first = None
            while True:
                fm = ForwardMsg()
                fm.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=timeout))
                kind = fm.WhichOneof("type")
                if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                    el = fm.delta.new_element.WhichOneof("type")
                    if el == "exception":
                        return None, replica, f"exception on page '{page}': {fm.delta.new_element.exception.message[:120]}"
                    if el == "plotly_chart" and first is None:
                        first = time.perf_counter() - t0
                elif kind == "page_not_found":
                    return None, replica, f"page not found: '{page}'"
                elif kind == "script_finished":
                    if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the page asked to run again (st.rerun): its answer is the next run
                    result = first if first is not None else time.perf_counter() - t0
                    if on_answer:
                        on_answer(replica)
                    if hold is not None:
                        await hold.wait()
                    return result, replica, None
    except Exception as exc:  # a reader that fails is counted, not fatal
        return None, None, f"{type(exc).__name__}: {exc}"[:160]


async def session(port: int, page: str, hold: asyncio.Event, answered: list) -> tuple[float | None, str | None]:
    """One reader on one server: (seconds to first chart, error)."""
    seconds, _, error = await first_chart(port, page, hold, lambda _replica: answered.append(page))
    return seconds, error


async def level(port: int, pid: int, n: int) -> dict:
    hold, answered = asyncio.Event(), []
    before = rss_mb(pid)
    tasks = [asyncio.create_task(session(port, PAGES[i % len(PAGES)], hold, answered)) for i in range(n)]
    # Wait until every session has its answer (or failed), then read memory with all still open.
    deadline = time.perf_counter() + LEVEL_TIMEOUT_S
    while time.perf_counter() < deadline and len(answered) + sum(t.done() for t in tasks) < n:
        await asyncio.sleep(0.05)
    during = rss_mb(pid)
    hold.set()
    results = await asyncio.gather(*tasks)
    times = sorted(t for t, e in results if t is not None)
    errors = [e for _, e in results if e]
    return {
        "sessions": n, "ok": len(times), "errors": len(errors), "first_error": errors[0] if errors else "",
        "median_s": statistics.median(times) if times else float("nan"),
        "p95_s": times[max(0, int(round(0.95 * len(times))) - 1)] if times else float("nan"),
        "rss_before_mb": before, "rss_during_mb": during,
    }


def browser_run(port: int, tabs: int) -> dict:
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    if not exe:
        return {"tabs": tabs, "error": "chromium not installed"}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        ctx = b.new_context(viewport={"width": 1200, "height": 900})
        pages = [ctx.new_page() for _ in range(tabs)]
        errors: list[str] = []
        for pg in pages:
            pg.on("pageerror", lambda e: errors.append(str(e)))
        t0 = time.perf_counter()
        for i, pg in enumerate(pages):
            path = CHART_PAGES[i % len(CHART_PAGES)]
            pg.goto(f"http://{HOST}:{port}/{path}", wait_until="commit")
        times = []
        for pg in pages:
            pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            times.append(time.perf_counter() - t0)
        b.close()
    return {"tabs": tabs, "median_s": statistics.median(times), "max_s": max(times), "errors": len(errors)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--levels", default="1,5,10,20,50")
    ap.add_argument("--browser", action="store_true", help="also open 1-5 real tabs in headless Chromium")
    args = ap.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    assert max(levels) <= 100, "bounded: at most 100 sessions"
    port = free_port()
    started = time.perf_counter()
    proc = start_server(port)
    try:
        # Warm-up: one reader per page, so the figures below are for a running app with data loaded.
        asyncio.run(level(port, proc.pid, len(PAGES)))
        base = rss_mb(proc.pid)
        print(f"server RSS with data loaded: {base:.0f} MB (pid {proc.pid}, {os.cpu_count()} cores)")
        print(f"{'sessions':>8} {'ok':>4} {'errors':>6} {'median s':>9} {'p95 s':>7} {'RSS MB':>7} {'MB/session':>10}")
        for n in levels:
            r = asyncio.run(level(port, proc.pid, n))
            per = (r["rss_during_mb"] - r["rss_before_mb"]) / n
            print(f"{n:>8} {r['ok']:>4} {r['errors']:>6} {r['median_s']:>9.3f} {r['p95_s']:>7.3f} {r['rss_during_mb']:>7.0f} {per:>10.2f}"
                  + (f"  first error: {r['first_error']}" if r["errors"] else ""))
        if args.browser:
            print(f"{'tabs':>8} {'median s':>9} {'max s':>7} {'errors':>6}   (real Chromium, time to first chart)")
            for tabs in (1, 3, 5):
                r = browser_run(port, tabs)
                if "error" in r:
                    print(f"{tabs:>8} {r['error']}")
                    continue
                print(f"{tabs:>8} {r['median_s']:>9.3f} {r['max_s']:>7.3f} {r['errors']:>6}")
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"total time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
