"""The one durable record (SQLAlchemy): tables, migrations, retention, and the case reference."""
