"""The run_lambda fixture: lambda_harness.lambda_runner (the real program against the Runtime API and Slack
stand-ins, all on 127.0.0.1)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lambda_harness import EVENTS, SOURCE_DIR, STANDINS, lambda_runner  # noqa: E402,F401


@pytest.fixture
def run_lambda(tmp_path):
    yield from lambda_runner(tmp_path)
