"""The gazetteer geo tests share: built once per test session, or $TOLLBOOK_GAZETTEER.

Each geo test module declares a session fixture calling `session_gazetteer`;
the file lives in the session's base temporary directory, so the second module
finds it built.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tollbook.geo import Gazetteer


def session_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    prebuilt = os.environ.get("TOLLBOOK_GAZETTEER")
    path = Path(prebuilt) if prebuilt else tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    return Gazetteer.open(path)
