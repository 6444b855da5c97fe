"""Alembic migrations of the operators' database (run by assistant.feedback.database)."""
