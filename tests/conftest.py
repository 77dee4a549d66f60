"""Shared fixtures: the pipeline built once per test session, the sample output, paths to ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline (`get_nlp()`), shared by every test that runs text through it: built once."""
    from pipeline.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory, nlp):
    """The bundled sample (data/raw) run once through the pipeline."""
    from pipeline import run

    out = tmp_path_factory.mktemp("sample-out")
    run([ROOT / "data" / "raw"], out=out)
    return out


@pytest.fixture
def shared():
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    return SHARED
