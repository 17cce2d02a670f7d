"""User interfaces of KeyPlan: the Qt desktop application and the command line.

Importing this package loads no Qt; only the modules of the desktop application do.
"""
