"""Alembic environment for the records database.

The URL comes from DATABASE_URL through bot.settings (an `sqlalchemy.url` set on the
Config, as bot/records/migrate.py and the tests do, takes precedence). bot/records/migrate.py passes an
open connection in `config.attributes["connection"]` so that the migration runs inside
its lock. Rasa's tracker store shares the database: its `events` table is not ours and is
never compared, altered or dropped.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

from bot.records import store as records
from bot.settings import get_settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

records._import_models()
target_metadata = records.Base.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Only the tables of our models: not Rasa's `events`, nor anything else found in the database."""
    if type_ == "table" and reflected and compare_to is None:
        return False
    return True


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_offline() -> None:
    """`alembic upgrade head --sql`: print the SQL instead of running it."""
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        include_object=include_object,
        render_as_batch=url.startswith("sqlite"),
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = create_engine(url, poolclass=pool.NullPool, future=True)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
