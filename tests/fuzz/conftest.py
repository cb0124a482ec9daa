"""Fuzzing settings: a quick default run, more examples in CI (``MEETUI_CI``) or where ``MEETUI_FUZZ_EXAMPLES``
asks for them.

Every fuzz test counts the cases it ran in :data:`CASES`; the count is printed at the end of the run.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

#: Examples per fuzz test: 60 in a development run, 300 in CI (``MEETUI_CI``, set by .ci/run), or
#: ``MEETUI_FUZZ_EXAMPLES``.
EXAMPLES = int(os.environ.get("MEETUI_FUZZ_EXAMPLES") or (300 if os.environ.get("MEETUI_CI") else 60))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

#: Cases run, by test.
CASES: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001 - pytest's hook
    if CASES:
        terminalreporter.write_line(f"fuzz cases run: {sum(CASES.values())} in {len(CASES)} fuzz tests")
