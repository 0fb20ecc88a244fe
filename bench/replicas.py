"""N replicas of the dashboard behind nginx on 127.0.0.1: load through the balancer, then failover.

Usage: python bench/replicas.py [--replicas 2] [--sessions 100] [--failover-sessions 20]
Starts the replicas (streamlit run dashboard.py) and nginx with deploy/nginx.conf.template, all on
127.0.0.1; opens the sessions through nginx over Streamlit's websocket protocol, each reader with its
own sticky cookie; counts which replica served each, errors and time to first chart; then holds
--failover-sessions readers open, stops one replica, and has the readers it served reconnect as the
Streamlit client does (same cookie, new websocket): each must get its page again from another replica.
It installs nothing: without nginx it says so and exits 2. Bounded: at most 200 sessions, 120 s a phase.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import HOST, ROOT, first_chart, free_port, start_server, wait_healthy  # noqa: E402

sys.path.insert(0, str(ROOT))
from nkties import registry  # noqa: E402

PHASE_TIMEOUT_S = 120
PAGES = [p.url_path for p in registry.PAGES if p.charts]


def start_nginx(ports: list[int], listen: int, workdir: Path) -> subprocess.Popen:
    exe = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not exe:
        raise SystemExit("nginx is not installed: apt-get install -y nginx (bash .ci/run does this)")
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    conf = (ROOT / "deploy" / "nginx.conf.template").read_text()
    servers = "\n".join(f"        server {HOST}:{p} max_fails=1 fail_timeout=5s;" for p in ports)
    for k, v in {"${PREFIX}": str(workdir), "${WORKERS}": "1", "${LISTEN}": f"{HOST}:{listen}", "${SERVERS}": servers}.items():
        conf = conf.replace(k, v)
    (workdir / "nginx.conf").write_text(conf)
    proc = subprocess.Popen([exe, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return wait_healthy(proc, listen, 20, "nginx")


async def reader(port: int, page: str, cookie: str, hold: asyncio.Event | None = None,
                 on_connect=None) -> tuple[float | None, str | None, str | None]:
    """One reader through the balancer with its own sticky cookie: (seconds to first chart, replica, error)."""
    return await first_chart(port, page, hold, on_connect, headers={"Cookie": f"nkties_replica={cookie}"}, timeout=PHASE_TIMEOUT_S)


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[max(0, int(round(0.95 * len(xs))) - 1)] if xs else float("nan")


async def load_phase(port: int, n: int) -> dict:
    results = await asyncio.gather(*(reader(port, PAGES[i % len(PAGES)], uuid.uuid4().hex) for i in range(n)))
    times = [t for t, _, e in results if e is None]
    per_replica: dict[str, int] = {}
    for _, r, e in results:
        if e is None and r:
            per_replica[r] = per_replica.get(r, 0) + 1
    errors = [e for _, _, e in results if e]
    return {"sessions": n, "errors": len(errors), "first_error": errors[0] if errors else "", "per_replica": per_replica,
            "p95_s": p95(times), "median_s": statistics.median(times) if times else float("nan")}


async def failover_phase(port: int, n: int, replicas: list[subprocess.Popen], ports: list[int]) -> dict:
    """Readers connect and stay; one replica is stopped; the readers it served reconnect."""
    hold = asyncio.Event()
    cookies = [uuid.uuid4().hex for _ in range(n)]
    served: dict[str, str] = {}
    tasks = [asyncio.create_task(reader(port, PAGES[i % len(PAGES)], c, hold, lambda r, c=c: served.__setitem__(c, r)))
             for i, c in enumerate(cookies)]
    deadline = time.perf_counter() + PHASE_TIMEOUT_S
    while len(served) + sum(t.done() for t in tasks) < n and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    victim_addr = f"{HOST}:{ports[0]}"
    on_victim = [c for c, r in served.items() if r == victim_addr]
    replicas[0].terminate()  # mid-run: its readers lose their websocket
    await asyncio.sleep(0.5)
    # Streamlit's client reconnects with the same cookie; the balancer must send it elsewhere.
    again = await asyncio.gather(*(reader(port, PAGES[0], c) for c in on_victim))
    hold.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    errors = [e for _, r, e in again if e or r == victim_addr]
    moved_to = {r for _, r, e in again if not e}
    return {"readers": n, "on_stopped_replica": len(on_victim), "reconnected": len(on_victim) - len(errors),
            "failover_errors": len(errors), "moved_to": sorted(moved_to), "p95_reconnect_s": p95([t for t, _, e in again if not e])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--failover-sessions", type=int, default=20)
    args = ap.parse_args()
    assert 1 <= args.replicas <= 8 and 1 <= args.sessions <= 200 and args.failover_sessions <= 200, "bounded"
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        print("nginx is not installed: apt-get install -y nginx (bash .ci/run does this)")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="nkties_nginx_"))
    ports = [free_port() for _ in range(args.replicas)]
    replicas: list[subprocess.Popen] = []
    nginx = None
    try:
        replicas = [start_server(p) for p in ports]
        listen = free_port()
        nginx = start_nginx(ports, listen, workdir)
        asyncio.run(load_phase(listen, len(PAGES) * args.replicas))  # warm-up: data loaded in every replica
        load = asyncio.run(load_phase(listen, args.sessions))
        print(f"load: {load['sessions']} sessions, errors {load['errors']} {load['first_error']}, per replica {load['per_replica']}, "
              f"first chart median {load['median_s']:.2f} s, p95 {load['p95_s']:.2f} s ({os.cpu_count()} cores)")
        fail = {"failover_errors": "n/a"}
        if args.replicas > 1 and args.failover_sessions:
            fail = asyncio.run(failover_phase(listen, args.failover_sessions, replicas, ports))
            print(f"failover: {fail['readers']} readers, {fail['on_stopped_replica']} on the stopped replica, "
                  f"{fail['reconnected']} reconnected to {fail['moved_to']}, errors {fail['failover_errors']}, "
                  f"p95 reconnect to first chart {fail['p95_reconnect_s']:.2f} s")
        used = len(load["per_replica"])
        print(f"replicas {args.replicas} used {used}, sessions {load['sessions']}, errors {load['errors']}, "
              f"p95 first chart {load['p95_s']:.1f} s, failover errors {fail['failover_errors']}")
        return 0 if load["errors"] == 0 and fail["failover_errors"] in (0, "n/a") and used == args.replicas else 1
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(10)
        for r in replicas:
            r.terminate()
        for r in replicas:
            try:
                r.wait(10)
            except subprocess.TimeoutExpired:
                r.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
