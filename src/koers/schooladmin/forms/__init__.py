"""Forms of the schools area."""
