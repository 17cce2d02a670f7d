"""Test suite of KeyPlan (a package so benchmarks run as ``python -m tests.benchmarks``)."""
