"""Queries asked on every request, turned into SQL once per process instead of once per request.

Building a query's SQL (Django's compiler: joins, selected columns, lookups) costs more CPU than PostgreSQL
takes to answer a primary-key lookup: about 1 ms for the user with their roles and schools, which every
logged-in request asks for. ``PreparedQuery`` builds the queryset once with marker values for its
parameters, keeps the SQL, and from then on only swaps the real values in, executes it (through Django's
cursor, so query counting, execute wrappers and persistent connections work as for any query) and turns
the rows into model instances the way a queryset does (``select_related`` included).

Use it only for a fixed query of model instances whose parameters are whole numbers or strings that reach
the SQL unchanged (equality lookups); anything else is refused when the query is first prepared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators  # type: ignore[attr-defined]

M = TypeVar("M", bound=Model)
Parameter = int | str


@dataclass(frozen=True)
class _Compiled:
    alias: str
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (position in params, index of the caller's argument)
    model: type[Model]
    init_list: list[str]
    start: int
    end: int
    columns: int | None  # rows are cut to this many columns when the ordering added extra ones
    populators: list[Any]
    annotations: dict[str, int]
    converters: dict[int, tuple[list[Any], Any]]


class PreparedQuery(Generic[M]):
    """``PreparedQuery(build, markers)``: ``build(*markers)`` returns the queryset; calling the prepared
    query with real values returns the list that ``list(build(*values))`` would. The markers must be
    values that occur nowhere else in the query (e.g. ``-7_310_001`` or ``"koers-prepared-key"``)."""

    def __init__(self, build: Callable[..., QuerySet[M]], markers: Sequence[Parameter]):
        if len(set(markers)) != len(markers):
            raise ValueError("every marker must differ from the others")
        self._build = build
        self._markers = tuple(markers)
        self._compiled: _Compiled | None = None

    def __call__(self, *values: Parameter) -> list[M]:
        if len(values) != len(self._markers):
            raise TypeError(f"expected {len(self._markers)} values, got {len(values)}")
        for value, marker in zip(values, self._markers, strict=True):
            if type(value) is not type(marker):
                raise TypeError(f"{value!r} is not a {type(marker).__name__}")
        compiled = self._compiled or self._compile()
        params = list(compiled.params)
        for position, index in compiled.slots:
            params[position] = values[index]
        connection = connections[compiled.alias]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        objects: list[M] = []
        for fetched in rows:
            row = list(fetched[: compiled.columns] if compiled.columns is not None else fetched)
            for position, (converters, expression) in compiled.converters.items():
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
            obj = compiled.model.from_db(
                compiled.alias, compiled.init_list, row[compiled.start : compiled.end]
            )
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in compiled.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)  # type: ignore[arg-type]
        return objects

    def _compile(self) -> _Compiled:
        """Two threads may both get here first; each builds the same SQL, and either result is kept."""
        queryset = self._build(*self._markers)
        if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
            raise ValueError(
                "PreparedQuery holds plain querysets of model instances (no values(), no prefetch)"
            )
        alias = queryset.db
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()  # also fills compiler.select, klass_info and annotation_col_map
        slots = []
        for position, param in enumerate(params):
            for index, marker in enumerate(self._markers):
                if type(param) is type(marker) and param == marker:
                    slots.append((position, index))
        found = {index for _, index in slots}
        if found != set(range(len(self._markers))):
            raise ValueError(
                "a marker does not reach the SQL unchanged; PreparedQuery cannot hold this query"
            )
        if compiler.has_composite_fields([s[0] for s in compiler.select]):
            raise ValueError("PreparedQuery does not read composite fields")
        klass_info = compiler.klass_info
        select = compiler.select
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        fields = [s[0] for s in select[: compiler.col_count]]
        compiled = _Compiled(
            alias=alias,
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            model=klass_info["model"],
            init_list=[f[0].target.attname for f in select[start:end]],
            start=start,
            end=end,
            columns=compiler.col_count if compiler.has_extra_select else None,
            populators=get_related_populators(klass_info, select, alias),
            annotations=dict(compiler.annotation_col_map or {}),
            converters=compiler.get_converters(fields),
        )
        self._compiled = compiled
        return compiled
