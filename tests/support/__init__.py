"""Helpers shared by several test suites (imported as ``support.…``: pytest puts ``tests/`` on
the path for the packaged suites ``unit`` and ``integration``)."""
