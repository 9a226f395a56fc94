"""The mapping file of an import (network/events/actormap.py): YAML or CSV, every problem at once."""

from network.events.actormap import MappedActor, read_mapping


def _read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_mapping(path)


def test_yaml_maps_codes_names_and_countries(tmp_path):
    """Should map a code, a name or a country to an actor; a country's id or key gives its name and kind."""
    mapping, problems = _read(
        tmp_path,
        "map.yaml",
        "ALBGOV: albania\nRUS: soviet_union\nCHN: prc\n"
        "Xi Jinping: {actor: xi, kind: person}\nXI  JINPING jr: xi\n",
    )
    assert problems == []
    assert mapping.get("ALBGOV") == MappedActor("albania", "Albania", "state")
    assert mapping.get("rus") == MappedActor("soviet_union", "Soviet Union", "state")
    assert mapping.get("CHN") == MappedActor("prc", "China", "state")
    assert mapping.get("xi jinping") == MappedActor("xi", "Xi Jinping", "person")
    # a plain "KEY: id" takes the actor defined on another line
    assert mapping.get("Xi Jinping Jr") == MappedActor("xi", "Xi Jinping", "person")
    assert mapping.get("nobody") is None and mapping.get("") is None


def test_csv_maps_the_same(tmp_path):
    """Should read the CSV form with the columns key,actor[,name,kind]."""
    mapping, problems = _read(
        tmp_path, "map.csv", "key,actor,name,kind\nALBGOV,albania,,\nXi Jinping,xi,,person\n"
    )
    assert problems == []
    assert mapping.get("albgov").id == "albania" and mapping.get("XI JINPING").kind == "person"


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    """Should report a repeated key, a bad id, an unknown kind and field, and a missing kind, all at once."""
    _, problems = _read(
        tmp_path,
        "map.yaml",
        "ALB: albania\nALB: china\nCHN: China\n"
        "X: {actor: x, kind: tribe}\nY: {actor: y, knd: person}\nZ: z\n",
    )
    found = {(p.line, p.message.split(":")[0].split(" (")[0]) for p in problems}
    assert (2, "key 'ALB' given twice") in found
    assert (3, "actor id 'China' is not an id") in found
    assert (4, "kind 'tribe' is not a kind") in found
    assert any(p.line == 5 and "unknown field 'knd'" in p.message and "kind" in p.hint for p in problems)
    assert (6, "actor 'z' is not a country") in found
    assert all(str(p).startswith(str(tmp_path / "map.yaml")) for p in problems)


def test_one_actor_has_one_name_and_kind(tmp_path):
    """Should refuse two definitions of one actor that disagree."""
    _, problems = _read(tmp_path, "map.yaml", "A: {actor: a, kind: person}\nB: {actor: a, kind: party}\n")
    assert len(problems) == 1 and "given as" in problems[0].message and problems[0].line == 2


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    """Should refuse a list, and a CSV file without its columns."""
    assert _read(tmp_path, "map.yaml", "- ALB\n- CHN\n")[1]
    _, problems = _read(tmp_path, "map.csv", "code,id\nALB,albania\n")
    assert {p.message for p in problems} >= {"unknown column 'code'", "no 'key' column", "no 'actor' column"}


def test_an_actor_id_ending_in_a_line_break_is_not_an_id(tmp_path):
    """Should refuse ``"albania\\n"`` (the pattern's ``$`` alone would let it pass)."""
    _, problems = _read(tmp_path, "map.yaml", 'ALB: "albania\\n"\n')
    assert [(p.line, p.message) for p in problems] == [(1, "actor id 'albania\\n' is not an id")]
