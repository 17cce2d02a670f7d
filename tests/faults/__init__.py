"""Fault injection for KeyPlan processes: an LD_PRELOAD shim that fails writes, and its runner."""
