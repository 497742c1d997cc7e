"""Harness for the triage suite: the state suite's harness (dynalite behind the SigV4-verifying proxy, the real
bootstrap as Lambda sandboxes on Runtime API stand-ins) reused as is, loaded under its own name."""

import importlib.util
import os
import sys
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("GDSLACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
_spec = importlib.util.spec_from_file_location("state_harness", SOURCE_DIR / "tests" / "state" / "conftest.py")
state_harness = importlib.util.module_from_spec(_spec)
sys.modules["state_harness"] = state_harness
_spec.loader.exec_module(state_harness)

table = state_harness.table  # noqa: F401  (fixtures)
sandboxes = state_harness.sandboxes  # noqa: F401
