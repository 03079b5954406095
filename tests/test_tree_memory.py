"""The benchmark's sampler of a whole process tree's memory adds up the processes and sees their peaks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimcorpus.perf.tree_memory import TreeMemory, tree_totals

psutil = pytest.importorskip("psutil")
MIB = 2**20

# A parent that runs two children at once, each holding 150 MiB for a second, then waits 0.3 s after they end.
PARENT = """
import subprocess, sys
child = "b = bytearray(150 * 2**20); import time; time.sleep(1.0)"
children = [subprocess.Popen([sys.executable, "-c", child]) for _ in range(2)]
assert [c.wait() for c in children] == [0, 0]
import time; time.sleep(0.3)
"""


def test_the_peak_adds_up_children_that_ended_before_their_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT])
    with TreeMemory(interval=0.05).sampling(parent.pid) as peak:
        parent.wait()
    assert parent.returncode == 0
    assert peak.samples > 5
    assert peak.rss > 300 * MIB  # both children's bytearrays (touched pages), in one sample
    if sys.platform.startswith("linux"):
        assert 300 * MIB < peak.pss <= peak.rss


def test_a_process_that_is_gone_totals_nothing():
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()  # reaped: its pid names no process now
    assert tree_totals(done.pid) == (0, 0)
