"""The county center: a FastAPI app over SQLAlchemy Core storage (DESIGN §6)."""
