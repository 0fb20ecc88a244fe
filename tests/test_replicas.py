"""A short run of bench/replicas.py: two replicas behind nginx, sessions spread over both, failover without errors."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.replicas


@pytest.mark.skipif(not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()), reason="nginx not installed (bash .ci/run installs it)")
def test_two_replicas_behind_nginx_share_readers_and_survive_one_stopping():
    out = subprocess.run([sys.executable, "bench/replicas.py", "--replicas", "2", "--sessions", "16", "--failover-sessions", "8"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    last = out.stdout.strip().splitlines()[-1]
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    assert last.startswith("replicas 2 used 2, sessions 16, errors 0") and last.endswith("failover errors 0"), last
    assert "reconnected" in out.stdout
