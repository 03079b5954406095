"""All-or-nothing writes of annotation folders: stage, validate, then swap in by renames.

A command builds its output in a temporary folder next to the files it
replaces (in a place no loader scans), validates it there and only then moves
it into place. Any error leaves the project exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..corpus.annotations import EVIDENCE_NAME, SENTENCES_NAME, AnnotatedDocument, Records, load_layers, load_records
from ..corpus.document import load_document
from ..corpus.invariants import check_document
from ..errors import CorpusError
from ..schema.layer_defs import load_definitions


def refuse_existing(final: Path, force: bool, what: str) -> None:
    """Refuse to replace an existing ``final`` unless ``force``."""
    if final.exists() and not force:
        raise CorpusError(final, "(folder)", "folder", f"no existing {what} (pass --force to replace it)",
                          "folder exists")


@contextmanager
def staged_folder(final: Path, scratch: Path, keep_existing: bool = False) -> Iterator[Path]:
    """Yield a temporary folder in ``scratch``; on success it replaces ``final``.

    With ``keep_existing`` the staged folder starts as a copy of ``final``, so
    files the command does not write (e.g. ``verification.jsonl``) are kept.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".staging-", dir=scratch))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)
    old = tmp.with_name(tmp.name + ".old")
    try:
        if keep_existing and final.is_dir():
            shutil.copytree(final, tmp, dirs_exist_ok=True)
        yield tmp
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            os.replace(final, old)
        os.replace(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def located(exc: CorpusError, staged: Path, final: Path) -> CorpusError:
    """The same error, naming the file it would have been written to."""
    file = exc.file.replace(str(staged), str(final))
    return CorpusError(f"{file} (not written)", exc.record, exc.field, exc.expected, exc.found)


def check_staged_layers(doc_folder: Path, staged: Path, final: Path, annotator: str) -> None:
    """Schema-check every layer file in ``staged`` and run the document invariants on them."""
    evidence = doc_folder / EVIDENCE_NAME
    definitions = load_definitions(doc_folder.parent.parent)
    try:
        doc = AnnotatedDocument(
            document=load_document(doc_folder),
            sentences=load_records(doc_folder / SENTENCES_NAME, "sentences"),
            layers=load_layers(staged, definitions), annotator=annotator,
            evidence=load_records(evidence, "evidence") if evidence.is_file() else None,
            definitions=tuple(definitions))
        check_document(doc)
    except CorpusError as exc:
        raise located(exc, staged, final) from exc


def check_sentence_records(doc_folder: Path, records: Records) -> None:
    """Run the sentence invariants (ids, tiling, paragraphs) on ``records``."""
    doc = AnnotatedDocument(document=load_document(doc_folder), sentences=records, layers={},
                            evidence=None, annotator="(sentences)")
    check_document(doc)
