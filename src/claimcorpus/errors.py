"""One error type for every rejected input: file, record, field, expected, found."""

from __future__ import annotations


class CorpusError(Exception):
    """Bad input or a broken release, located as precisely as the check allows."""

    def __init__(self, file: str, record: str, field: str, expected: str, found: object):
        self.file, self.record, self.field = str(file), str(record), field
        self.expected, self.found = expected, found
        super().__init__(
            f"{self.file}: record {self.record}: field '{field}': expected {expected}, found {found!r}"
        )

    def __reduce__(self):
        """Rebuilt from its five parts (so it crosses process boundaries intact)."""
        return type(self), (self.file, self.record, self.field, self.expected, self.found)


class WorkerDied(RuntimeError):
    """A worker process (pool or cluster) died running a batch: the run stopped and nothing was written.

    Not an input error: the command line prints its one-line message and exits 1."""
