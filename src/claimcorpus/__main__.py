"""``python -m claimcorpus``: the same command line as ``claimcorpus``."""

import sys

from .cli import main

sys.exit(main())
