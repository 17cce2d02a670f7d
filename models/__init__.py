"""Pure domain layer of KeyPlan: records, validation, scoring rules. No Qt, no SQL."""
