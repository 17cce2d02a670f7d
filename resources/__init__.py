"""Data files of KeyPlan (translations), shipped inside the package so an installed copy finds them."""
