"""Benchmarks: full-size figures against raw baselines; not collected by pytest."""
