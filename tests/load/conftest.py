"""run_lambda for the load test: tests/lambda/lambda_harness.py."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lambda"))
from lambda_harness import lambda_runner  # noqa: E402


@pytest.fixture
def run_lambda(tmp_path):
    yield from lambda_runner(tmp_path)
