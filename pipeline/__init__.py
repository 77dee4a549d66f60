"""sitrep: conflict news in, linked tables of actors, quotes and incidents out."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import RunSummary, extract, load_tables, run  # noqa: E402
from .sql import connect  # noqa: E402

__all__ = ["RunSummary", "connect", "extract", "load_tables", "run", "__version__"]
