"""Data layer of KeyPlan: the SQLite book, its migrations, queries, import and export files."""
