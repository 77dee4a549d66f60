"""Where the data files (lexicons, patterns, gazetteers) live: the project's `models/` folder, or $SITREP_MODELS."""
from __future__ import annotations

import os
from pathlib import Path

MODELS_DIR = Path(os.environ.get("SITREP_MODELS") or Path(__file__).resolve().parent.parent / "models")


def model_file(name: str) -> Path:
    """A data file in the models folder."""
    return MODELS_DIR / name
