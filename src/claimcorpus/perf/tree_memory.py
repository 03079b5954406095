"""Peak memory of a process and all its children, sampled while it runs.

The sum of each process's peak RSS overstates what a build of several processes needs: each
interpreter counts the shared library pages it maps (pyarrow, numpy) again, and the processes do not
peak at the same moment. :class:`TreeMemory` samples the whole process tree instead and keeps the
largest total seen, both as RSS and as PSS (proportional set size: a page shared by k processes counts
1/k in each, so the total counts it once). Needs ``psutil``; PSS is read on Linux only (elsewhere 0).
A peak shorter than the sampling interval can be missed.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass

#: Seconds between two samples of the process tree.
INTERVAL = 0.1


@dataclass
class TreePeak:
    """The largest totals over the process tree seen in any one sample, in bytes."""

    rss: int = 0
    pss: int = 0
    samples: int = 0


def tree_totals(root_pid: int) -> tuple[int, int]:
    """RSS and PSS summed over ``root_pid`` and its live descendants (0, 0 once it is gone)."""
    import psutil

    try:
        root = psutil.Process(root_pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.Error:  # ended between listing and reading
            continue
        rss += info.rss
        pss += getattr(info, "pss", 0)
    return rss, pss


class TreeMemory:
    """Samples a process tree in a thread: ``with TreeMemory().sampling(pid) as peak:`` until the block ends.

    Made before the process is started, so that a missing ``psutil`` fails first."""

    def __init__(self, interval: float = INTERVAL):
        import psutil  # noqa: F401

        self.interval = interval

    @contextlib.contextmanager
    def sampling(self, pid: int):
        peak, stop = TreePeak(), threading.Event()
        thread = threading.Thread(target=self._sample, args=(pid, peak, stop), daemon=True)
        thread.start()
        try:
            yield peak
        finally:
            stop.set()
            thread.join()

    def _sample(self, pid: int, peak: TreePeak, stop: threading.Event) -> None:
        while True:
            rss, pss = tree_totals(pid)
            peak.rss, peak.pss, peak.samples = max(peak.rss, rss), max(peak.pss, pss), peak.samples + 1
            if stop.wait(self.interval):
                return
