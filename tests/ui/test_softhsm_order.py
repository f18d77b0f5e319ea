"""The desktop tests' token does not depend on the order tests run in: one
SoftHSM2 configuration for the whole process (conftest ``pki``, autouse), set
before any test can load the PKCS#11 module. Checked in a child pytest process
(softhsm_order_probe.py), since a module loaded in this one cannot be unloaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).with_name("softhsm_order_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def test_a_test_that_loads_the_module_first_leaves_the_pki_token_findable() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOFTHSM2_CONF"}  # as a fresh run
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(PROBE), "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "2 passed" in run.stdout
