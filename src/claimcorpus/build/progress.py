"""Progress of a long build on a terminal: documents done, sentences per second, time left.

Drawn with tqdm on standard error, only when it is a terminal and the build
has more than one batch; otherwise silent.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


class Progress:
    def __init__(self, bar, documents: int) -> None:
        self.bar, self.documents, self.done = bar, documents, 0

    def advance(self, batch) -> None:
        if self.bar is None:
            return
        self.done += len(batch.folders)
        self.bar.set_postfix_str(f"documents {self.done}/{self.documents}", refresh=False)
        self.bar.update(batch.sentences)


@contextmanager
def progress_bar(batches: list) -> Iterator[Progress]:
    documents = sum(len(b.folders) for b in batches)
    if len(batches) <= 1 or not sys.stderr.isatty():
        yield Progress(None, documents)
        return
    from tqdm import tqdm

    with tqdm(total=sum(b.sentences for b in batches), unit=" sentences", unit_scale=True,
              desc="build", file=sys.stderr, dynamic_ncols=True) as bar:
        yield Progress(bar, documents)
