import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed" / "000_f76d417dae8ab980.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared corpus and gold sets; tests that need them skip in a user's fresh clone."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared) -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load

    return load()
