"""The benchmark's sampler of a whole process tree's memory sees children and their peaks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimcorpus.perf.tree_memory import TreeMemory, tree_totals

psutil = pytest.importorskip("psutil")
MIB = 2**20

# A parent that starts a child holding 200 MiB for a second, then lets it end before it ends itself.
PARENT = """
import subprocess, sys
child = "b = bytearray(200 * 2**20); import time; time.sleep(1.0)"
subprocess.run([sys.executable, "-c", child], check=True)
import time; time.sleep(0.3)
"""


def test_the_peak_includes_a_child_that_ended_before_its_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT])
    with TreeMemory(parent.pid, interval=0.05) as peak:
        parent.wait()
    assert parent.returncode == 0
    assert peak.samples > 5
    assert peak.rss > 200 * MIB  # the child's bytearray (touched pages) was seen in the tree
    if sys.platform.startswith("linux"):
        assert 200 * MIB < peak.pss <= peak.rss


def test_a_process_that_is_gone_totals_nothing():
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()  # reaped: its pid names no process now
    assert tree_totals(done.pid) == (0, 0)
