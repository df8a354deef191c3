"""A base for the immutable records that cannot be named tuples: a profile (it keeps its
lookups) and a check finding (its ``index`` field would hide ``tuple.index``).

``@dataclass(frozen=True)`` would do the same, but it writes its methods as source text and
compiles them each time the class is made: about a millisecond per class at every start of
``rhconfig check``, whose whole budget over ``import click`` is some twenty. Here the methods
are ordinary code, compiled once into the bytecode cache.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    """Fields named in ``_fields`` (in order), set once by the subclass's ``__init__`` through
    :meth:`_init`; equality, hash and repr go by the fields, as a frozen dataclass's do."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _init(self, *values: Any) -> None:
        for name, value in zip(self._fields, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        """Pickling and ``copy`` rebuild the record through ``__init__`` (its setters raise)."""
        return type(self), self._values()

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` (field name -> new value)."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)
