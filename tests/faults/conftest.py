"""Fixtures for the fault matrix: run_lambda (tests/lambda/lambda_harness.py) and a black-holed address."""

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lambda"))
from lambda_harness import lambda_runner  # noqa: E402


@pytest.fixture
def run_lambda(tmp_path):
    yield from lambda_runner(tmp_path)


@pytest.fixture
def black_hole():
    """http://127.0.0.1:PORT where a socket listens but never accepts or answers: a connection may even be
    made (the kernel's backlog completes the handshake), but no byte ever comes back, like a packet-dropping
    firewall or a dead endpoint. Loopback only."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    yield "http://127.0.0.1:%d" % s.getsockname()[1]
    s.close()


@pytest.fixture
def refused_url():
    """http://127.0.0.1:PORT where nothing listens (connection refused): a port that was free a moment ago."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return "http://127.0.0.1:%d" % port
