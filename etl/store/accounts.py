"""Dashboard users (CYBERINDEX_AUTH=password): saved, read, listed and deleted by name."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from etl.store.ordering import text_ascending
from etl.store.schema import users, utcnow


def save_user(conn: Connection, name: str, password_hash: str, role: str) -> bool:
    """Create a user or replace its password and role; True when it was created."""
    found = conn.execute(sa.select(users.c.name).where(users.c.name == name)).first()
    if found is None:
        conn.execute(users.insert().values(name=name, password_hash=password_hash, role=role,
                                           created_at=utcnow()))
        return True
    conn.execute(users.update().where(users.c.name == name)
                 .values(password_hash=password_hash, role=role))
    return False


def user_row(conn: Connection, name: str) -> dict[str, Any] | None:
    found = conn.execute(sa.select(users).where(users.c.name == name)).first()
    return dict(found._mapping) if found is not None else None


def delete_user(conn: Connection, name: str) -> int:
    return conn.execute(users.delete().where(users.c.name == name)).rowcount


def user_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every user without the password hash, by name."""
    query = sa.select(users.c.name, users.c.role, users.c.created_at).order_by(*text_ascending(users.c.name))
    return [dict(r._mapping) for r in conn.execute(query)]
