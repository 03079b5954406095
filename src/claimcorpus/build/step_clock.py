"""Seconds per named step, and a paused cyclic garbage collector for record-heavy loops."""

from __future__ import annotations

import contextlib
import gc
import time


class StepClock:
    """Seconds per named step: ``with clock("step"): ...`` (steps may nest); clocks of several processes add up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add({name: time.perf_counter() - start})

    def add(self, seconds: dict[str, float]) -> None:
        for name, value in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value


def no_timer(name: str):
    return contextlib.nullcontext()


@contextlib.contextmanager
def gc_paused():
    """Cyclic GC off: loading allocates millions of acyclic records, which it would rescan again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
