"""claimcorpus: a sentence-level news claim dataset and the code that builds and checks it."""

from .annotations import AnnotatedDocument, load_annotated
from .errors import CorpusError
from .labels import INVENTORIES
from .pipeline import build, build_tables, load_corpus
from .release import verify_release

__all__ = [
    "AnnotatedDocument",
    "CorpusError",
    "INVENTORIES",
    "build",
    "build_tables",
    "load_annotated",
    "load_corpus",
    "verify_release",
]
__version__ = "0.1.0"
