"""Runs the AWS loopback GoogleTest suite (tests/aws/aws_e2e_test.cc, target aws_e2e_tests) for pytest/ctest
callers that only know GDSLACK_BIN. ctest also registers those tests directly (label e2e); this wrapper
exists so `python3 -m pytest tests/aws` means something. Skips when the binary has not been built.

Binary: $GDSLACK_AWS_E2E_BIN, else <build>/src/aws/aws_e2e_tests next to $GDSLACK_BIN (<build>/src/cli/...).
"""

import os
import subprocess

import pytest


def _binary():
    explicit = os.environ.get("GDSLACK_AWS_E2E_BIN")
    if explicit:
        return explicit
    gdslack_bin = os.environ.get("GDSLACK_BIN")
    if not gdslack_bin:
        return None
    build_src = os.path.dirname(os.path.dirname(os.path.abspath(gdslack_bin)))
    return os.path.join(build_src, "aws", "aws_e2e_tests")


def test_aws_e2e_suite():
    binary = _binary()
    if not binary or not os.access(binary, os.X_OK):
        pytest.skip("aws_e2e_tests not built (set GDSLACK_AWS_E2E_BIN or GDSLACK_BIN)")
    result = subprocess.run([binary, "--gtest_brief=1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
