"""KeyPlan's version, written only here: pyproject, the command line and About read it."""

__version__ = "0.1.0"
