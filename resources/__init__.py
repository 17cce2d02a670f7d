"""Data files of KeyPlan (translations), shipped inside the package."""
