"""Row order that does not depend on the database: text compared byte by byte (code point order),
and NULLs placed where the caller says.

SQLite compares text with ``BINARY`` (memcmp of UTF-8: code point order) and puts NULLs first in
an ascending sort. PostgreSQL compares with the database's collation and puts NULLs last. The
embedded store and a production PostgreSQL created with a language-aware locale (``en_US.utf8``,
the ``postgres`` image's default) then list the same rows in different orders: ``un_egdi_live``
before ``un_egdi``, ``al-Watan`` before ``Le Matin``, undated statements first on one and last
on the other. Queries of :mod:`etl.store` that order by a text column use :func:`text_order`
(``COLLATE "C"`` on PostgreSQL, nothing on SQLite) and :func:`ascending`
with the NULLs' place spelled out, so both engines return the same sequence. Orders meant for a
reader (country names in French or Arabic) are made in Python with :mod:`etl.collation`.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class text_order(FunctionElement):  # noqa: N801 - a SQL construct, named as SQLAlchemy's are
    """A text column compared in code point order on every engine (``COLLATE "C"`` on
    PostgreSQL; SQLite's default ``BINARY`` already is)."""

    name = "text_order"
    inherit_cache = True
    type = sa.String()


@compiles(text_order)
def _text_order_default(element: text_order, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(text_order, "postgresql")
def _text_order_postgresql(element: text_order, compiler, **kw) -> str:
    return f'{compiler.process(element.clauses, **kw)} COLLATE "C"'


def _keyed(column: sa.ColumnElement, text: bool) -> sa.ColumnElement:
    return text_order(column) if text else column


def ascending(column: sa.ColumnElement, *, text: bool = False,
              nullable: bool = False) -> sa.ColumnElement:
    """``column`` ascending; ``text``: in code point order (:class:`text_order`); ``nullable``:
    NULLs first, where SQLite puts them (PostgreSQL would put them last). A column that is never
    NULL gets no NULLS clause, so SQLite can still read it in an index's order."""
    key = _keyed(column, text).asc()
    return key.nulls_first() if nullable else key


def text_ascending(*columns: sa.ColumnElement) -> list[sa.ColumnElement]:
    """Text columns that are never NULL, each ascending in code point order."""
    return [ascending(column, text=True) for column in columns]
