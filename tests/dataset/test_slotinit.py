"""slot_init: the faster __init__ of the records builds exactly what the dataclass's own __init__ builds."""

import dataclasses
import typing

import pytest

from network.dataset import edtf, model
from network.dataset.edtf import parse_edtf
from network.dataset.slotinit import slot_init

RECORDS = [
    model.Citation,
    model.Source,
    model.Span,
    model.Membership,
    model.Role,
    model.Actor,
    model.Tie,
    model.Period,
    edtf.EdtfDate,
]


def _plain_twin(cls: type) -> type:
    """The same record declared as a plain frozen slotted dataclass, with the __init__ dataclasses writes."""
    fields = [(f.name, typing.Any, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)


def _values(record: typing.Any) -> list[object]:
    return [getattr(record, f.name) for f in dataclasses.fields(record)]


def _arguments(cls: type) -> list[object]:
    """One distinct value per field (types do not matter to __init__)."""
    return [f"{f.name}-value" for f in dataclasses.fields(cls)]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_the_records_use_slot_init(cls):
    """Should be the generated slot __init__ (so the tests below test what loading runs)."""
    assert cls.__init__.__code__.co_filename == "<string>"
    assert "_set_" in " ".join(cls.__init__.__code__.co_names)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_slot_init_builds_what_the_dataclass_init_builds(cls):
    """Should set the same fields from positions, keywords and defaults as the dataclass __init__."""
    twin = _plain_twin(cls)
    args = _arguments(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    required = sum(f.default is dataclasses.MISSING for f in dataclasses.fields(cls))
    calls = [
        (args, {}),  # every field by position
        ([], dict(zip(names, args, strict=True))),  # every field by keyword
        (args[:required], {}),  # the defaults
        (args[:1], dict(zip(names[1:required], args[1:required], strict=True))),  # mixed
    ]
    for pos, kw in calls:
        assert _values(cls(*pos, **kw)) == _values(twin(*pos, **kw))


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_slot_init_refuses_what_the_dataclass_init_refuses(cls):
    """Should raise the same TypeError for a missing, an extra, a repeated and an unknown argument."""
    twin = _plain_twin(cls)
    args = _arguments(cls)
    first = dataclasses.fields(cls)[0].name
    bad_calls = [
        ((), {}) if dataclasses.fields(cls)[0].default is dataclasses.MISSING else None,
        ((*args, "one too many"), {}),
        ((args[0],), {first: args[0]}),
        (tuple(args), {"no_such_field": 1}),
    ]
    for call in filter(None, bad_calls):
        pos, kw = call
        with pytest.raises(TypeError) as ours:
            cls(*pos, **kw)
        with pytest.raises(TypeError) as theirs:
            twin(*pos, **kw)
        assert str(ours.value) == str(theirs.value).replace("__create_fn__.<locals>.", "")


def test_records_stay_frozen_and_compare_by_value():
    """Should leave equality, hashing, repr and immutability to the dataclass."""
    tie = model.Tie("t", "a", "b", -1, date=parse_edtf("1958-12~"), weight=2.0, tags=("x",))
    same = model.Tie(
        id="t", source="a", target="b", sign=-1, date=parse_edtf("1958-12~"), weight=2.0, tags=("x",)
    )
    assert tie == same and hash(tie) == hash(same) and repr(tie) == repr(same)
    assert tie.line == 0 and tie.confidence == "stated" and tie.cite is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        tie.sign = 1  # type: ignore[misc]
    assert dataclasses.replace(tie, sign=1).sign == 1


def test_slot_init_refuses_a_class_whose_init_does_more():
    """Should raise at decoration for a record its __init__ cannot build the same way."""

    class Checked:
        x: int

        def __post_init__(self) -> None:
            raise ValueError

    with pytest.raises(TypeError):
        slot_init(dataclasses.dataclass(frozen=True, slots=True)(Checked))

    class Listed:
        xs: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        slot_init(dataclasses.dataclass(frozen=True, slots=True)(Listed))

    class Plain:
        x: int

    with pytest.raises(TypeError):  # no slots
        slot_init(dataclasses.dataclass(frozen=True)(Plain))
    with pytest.raises(TypeError):  # not frozen
        slot_init(dataclasses.dataclass(slots=True)(Plain))
    with pytest.raises(TypeError):  # keyword-only fields
        slot_init(dataclasses.dataclass(frozen=True, slots=True, kw_only=True)(Plain))
