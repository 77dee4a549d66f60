"""The collector pause the corpus steps run under: off inside, the caller's state restored after, errors too."""
from __future__ import annotations

import gc

import pytest

from pipeline import actors, collector


def test_paused_restores_the_callers_state_even_after_an_error():
    for was_on in (True, False):
        (gc.enable if was_on else gc.disable)()
        try:
            with pytest.raises(ValueError):
                with collector.paused():
                    assert not gc.isenabled()
                    raise ValueError("boom")
            assert gc.isenabled() is was_on
        finally:
            gc.enable()


def test_actor_linking_runs_with_the_collector_paused(monkeypatch):
    seen = []
    real = actors._collect
    monkeypatch.setattr(actors, "_collect", lambda *a: seen.append(gc.isenabled()) or real(*a))
    table, _ = actors.link([])
    assert seen == [False] and gc.isenabled() and table.num_rows == 0


def test_the_built_pipeline_is_frozen_out_of_the_collector(nlp):
    assert gc.get_freeze_count() > 0  # get_nlp froze what it built (the session's pipeline fixture built one)
