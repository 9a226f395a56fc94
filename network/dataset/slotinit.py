"""A faster ``__init__`` for the frozen, slotted dataclasses a load builds by the hundred thousand.

Examples
--------
>>> from dataclasses import dataclass
>>> @slot_init
... @dataclass(frozen=True, slots=True)
... class Point:
...     x: int
...     y: int = 0
>>> Point(1), Point(1, y=2) == Point(1, 2)
(Point(x=1, y=0), True)
"""

from __future__ import annotations

import dataclasses
import types
from typing import TypeVar

__all__ = ["slot_init"]

_C = TypeVar("_C", bound=type)


def slot_init(cls: _C) -> _C:
    """Give a frozen, slotted dataclass an ``__init__`` that fills its slots directly.

    A frozen dataclass's generated ``__init__`` stores each field through
    ``object.__setattr__(self, name, value)``, a general attribute look-up per
    field; a load builds one :class:`~network.dataset.model.Tie` per tie (hundreds of thousands), where
    that is a large share of the time. This ``__init__``, generated from the
    fields the same way, calls each slot's own descriptor instead: the same
    store without the look-up, about twice as fast. It has the same parameters
    and defaults, so it builds the same record and refuses the same calls; the
    class stays frozen (its ``__setattr__`` still refuses assignment afterwards).

    It applies only where storing the arguments is all the generated ``__init__``
    does: every field a slot and a positional ``__init__`` argument, no default
    factory, no ``__post_init__``. For any other class it raises, so a change to a record
    that needs the general ``__init__`` is noticed at import, not silently
    miscompiled.
    """
    fields = dataclasses.fields(cls)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if (
        not (params.frozen and params.init)
        or hasattr(cls, "__post_init__")
        or any(
            not f.init
            or f.kw_only
            or f.name == "self"
            or f.default_factory is not dataclasses.MISSING
            or not isinstance(cls.__dict__.get(f.name), types.MemberDescriptorType)
            for f in fields
        )
    ):
        raise TypeError(f"{cls.__name__}: slot_init needs a frozen slotted dataclass with plain fields")
    env: dict[str, object] = {}
    params_text = []
    for f in fields:
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            params_text.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params_text.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    _set_{f.name}(self, {f.name})\n" for f in fields) or "    pass\n"
    source = f"def __init__(self, {', '.join(params_text)}):\n{body}"
    exec(source, env)  # noqa: S102 - generated from the class's own fields, as dataclasses does
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__module__ = cls.__module__  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    return cls
