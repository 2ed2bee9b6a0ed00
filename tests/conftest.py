import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


import pytest


@pytest.fixture(autouse=True)
def _private_cache_folder(tmp_path_factory, monkeypatch):
    """Runs through the CLI cache their findings: keep that out of the user's ~/.cache."""
    monkeypatch.setenv("JOBFIX_CACHE_DIR", str(tmp_path_factory.mktemp("jobfix-cache")))
