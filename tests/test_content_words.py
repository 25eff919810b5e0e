"""The words in content/ and the code that shows them agree (issue 15).

Every key the code looks up exists, every key in content/ is shown by some code,
every phrase that counts something has its one-form, and no line keeps words that
score a slip ("failure") or leftover development notes ("still being built").

The lookups are found by reading the source, not by running it. There is one way to
look up a line, `line(file, *keys, count=None, **values)` (issue 17); a call with a
`count` asks for the key's one-form too. `load(file)` is for structured data (lists of
cards, tables): literal subscripts of what it returns, through names, attributes and
functions bound to it, are followed as well.
"""

from __future__ import annotations

import ast
import itertools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SOURCES = sorted([*(ROOT / "nocontact_tui").rglob("*.py"), *(ROOT / "screens").rglob("*.py")])
PLACEHOLDER = re.compile(r"\{(count|days|hours|minutes|weeks|number|left)\}")

# Keys the code reaches by a computed name, so no literal in the source names them.
DYNAMIC_KEYS = {
    # letters.course_step: course_words()[f"day{number}"]
    ("letters", "course", "day1"),
    ("letters", "course", "day2"),
    ("letters", "course", "day3"),
    ("letters", "course", "day4"),
    # contact_form.after_logging: _text(f"{key}_short") when the stretch was under a day
    ("contact", "messages", "restart_short"),
    ("contact", "messages", "restart_past_short"),
    # urges.evidence_lines: key += "_minute" when the figure is one minute
    ("urge", "evidence_surfed_minute"),
    ("urge", "evidence_surfed_one_minute"),
}

# Lines looked up with a count that read right for one as they are ("1 in all").
COUNT_WITHOUT_ONE_FORM = {
    ("messages", ("reason_added",)),  # "Added to your reasons (1 in all)."
    ("review", ("week_reviewed",)),  # "Reviewed 1 of 7 days."
    # The letter editor picks `word` itself for one; `words_one` would fold it in.
    ("letters", ("words",)),
}

# Tables whose keys are data the code iterates or indexes by a value (a contact kind, a
# setting's name, a screen's name), not words looked up one by one by a literal.
DATA_TABLES = {
    ("contact", "kinds"),
    ("demo", "notes"),
    ("export", "import", "one"),
    ("export", "import", "many"),
    ("export", "markdown", "outcomes"),
    ("export", "markdown", "statuses"),
    ("palette", "screens"),
    ("settings", "names"),
    ("settings", "ask"),
    ("streak", "legend"),
}


@cache
def content() -> dict[str, dict[str, Any]]:
    return {path.stem: tomllib.loads(path.read_text("utf-8")) for path in CONTENT.glob("*.toml")}


def key_paths(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every key with its value; the items of an array of tables share one path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key), value
            yield from key_paths(value, (*path, key))
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict):
                yield from key_paths(item, path)


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)


# -- reading the source -----------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A place in the content: a file and a path of keys inside it."""

    file: str
    path: tuple[str, ...] = ()

    def down(self, *keys: str) -> Where:
        return Where(self.file, (*self.path, *keys))


@dataclass
class Lookup:
    where: Where
    counted: bool  # asked for with a count: the `_one` form is looked up too
    source: str


@dataclass
class Module:
    name: str
    tree: ast.Module
    # wrappers taking the rest of a key path: words("a", "b") -> line(file, *prefix, "a", "b")
    pathers: dict[str, list[Where]] = field(default_factory=dict)
    # functions returning a table: words() -> load(file)[prefix...]
    tables: dict[str, Where] = field(default_factory=dict)


def literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def choices(node: ast.AST) -> list[str]:
    """The literal keys an argument can be: one, or both sides of `"a" if ... else "b"`."""
    if isinstance(node, ast.IfExp):
        sides = [*choices(node.body), *choices(node.orelse)]
        return sides if len(sides) >= 2 else []
    text = literal(node)
    return [] if text is None else [text]


def call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "screens":
        parts = ("nocontact_tui", *parts)
    return ".".join(parts)


class Reader:
    def __init__(self) -> None:
        self.modules = {
            module_name(path): Module(module_name(path), ast.parse(path.read_text("utf-8")))
            for path in SOURCES
        }
        for module in self.modules.values():
            self.find_wrappers(module)
        for module in self.modules.values():
            self.follow_imports(module)

    def find_wrappers(self, module: Module) -> None:
        for node in module.tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                # words = partial(line, "streak")
                call = node.value
                if call_name(call) == "partial" and len(call.args) >= 2:
                    fixed = [literal(arg) for arg in call.args[1:]]
                    if (
                        isinstance(call.args[0], ast.Name)
                        and call.args[0].id == "line"
                        and all(fixed)
                    ):
                        for target in node.targets:
                            if isinstance(target, ast.Name):
                                where = Where(str(fixed[0]), tuple(str(f) for f in fixed[1:]))
                                module.pathers[target.id] = [where]
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            local: dict[str, Where] = {}
            for inner in ast.walk(node):
                # words: dict[str, str] = load("letters")["course"]; ...; return words
                if isinstance(inner, ast.AnnAssign | ast.Assign) and inner.value is not None:
                    targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target]
                    where = self.table_of(module, inner.value)
                    for target in targets:
                        if isinstance(target, ast.Name) and where is not None:
                            local[target.id] = where
                if isinstance(inner, ast.Return) and inner.value is not None:
                    value = inner.value
                    if isinstance(value, ast.Name) and value.id in local:
                        if not node.args.args:
                            module.tables[node.name] = local[value.id]
                        continue
                    self.wrapper_from_return(module, node, value)
            if node.name in ("_text", "message_for", "words") and node.name not in module.pathers:
                # text = load("contact")["messages"][key]: a key inside one table (or, on
                # the contact screen, the messages first and then the top level)
                places = [
                    self.table_of(module, sub.value)
                    for sub in ast.walk(node)
                    if isinstance(sub, ast.Subscript)
                    and isinstance(sub.slice, ast.Name)
                    and sub.slice.id == "key"
                ]
                found = [place for place in places if place is not None]
                if found:
                    module.pathers[node.name] = found

    def wrapper_from_return(self, module: Module, func: ast.FunctionDef, value: ast.AST) -> None:
        if isinstance(value, ast.Call) and call_name(value) == "line":
            fixed: list[str] = []
            for arg in value.args:
                text = literal(arg)
                if text is None:
                    break
                fixed.append(text)
            if fixed and any(isinstance(arg, ast.Starred | ast.Name) for arg in value.args):
                module.pathers[func.name] = [Where(fixed[0], tuple(fixed[1:]))]
            return
        if not func.args.args or func.args.args[0].arg == "self":
            where = self.table_of(module, value)
            if where is not None and (len(func.args.args) <= 1):
                module.tables[func.name] = where

    def follow_imports(self, module: Module) -> None:
        """Wrappers imported at the top of the module (function-level imports: `scoped`)."""
        self.apply_imports(module, module.tree.body, module.pathers, module.tables)
        for node in module.tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Name)
            ):
                # words = domain.words
                other = self.imported(module, node.value.value.id)
                for target in node.targets:
                    if (
                        isinstance(target, ast.Name)
                        and other is not None
                        and node.value.attr in other.pathers
                    ):
                        module.pathers[target.id] = other.pathers[node.value.attr]

    def apply_imports(
        self,
        module: Module,
        body: list[ast.stmt],
        pathers: dict[str, list[Where]],
        tables: dict[str, Where],
    ) -> None:
        for node in body:
            if isinstance(node, ast.ImportFrom) and node.module in self.modules:
                other = self.modules[node.module]
                for alias in node.names:
                    name = alias.asname or alias.name
                    if alias.name in other.tables:
                        tables[name] = other.tables[alias.name]
                    if alias.name in other.pathers:
                        pathers[name] = other.pathers[alias.name]
                    elif name in pathers and name not in module.pathers:
                        del pathers[name]

    def imported(self, module: Module, alias: str) -> Module | None:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for name in node.names:
                    if (name.asname or name.name) == alias:
                        return self.modules.get(f"{node.module}.{name.name}")
            if isinstance(node, ast.Import):
                for name in node.names:
                    if (name.asname or name.name) == alias:
                        return self.modules.get(name.name)
        return None

    def table_of(
        self, module: Module, node: ast.AST, names: dict[str, Where] | None = None
    ) -> Where | None:
        """Where in the content an expression points, when it is a table the code reads."""
        names = names or {}
        if isinstance(node, ast.Call):
            name = call_name(node)
            if name == "load" and node.args and literal(node.args[0]):
                return Where(str(literal(node.args[0])))
            if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                owner = node.func.value.id
                other = None if owner == "self" else self.imported(module, owner)
                tables = other.tables if other is not None else module.tables
                return tables.get(node.func.attr)
            if name in module.tables:
                return module.tables[name]
        if isinstance(node, ast.Subscript):
            inner = self.table_of(module, node.value, names)
            key = literal(node.slice)
            if inner is not None and key is not None:
                return inner.down(key)
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            return names.get(f"self.{node.attr}")
        return None

    def lookups(self) -> Iterator[Lookup]:
        for module in self.modules.values():
            yield from self.module_lookups(module)

    def module_lookups(self, module: Module) -> Iterator[Lookup]:
        names = self.bound_names(module)
        yield from self.scoped(module, module.tree, names, dict(module.pathers))

    def scoped(
        self,
        module: Module,
        node: ast.AST,
        names: dict[str, Where],
        pathers: dict[str, list[Where]],
    ) -> Iterator[Lookup]:
        """Lookups under `node`; a function's own imports hold inside it only."""
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            pathers = dict(pathers)
            inner = [sub for sub in ast.walk(node) if isinstance(sub, ast.ImportFrom)]
            self.apply_imports(module, inner, pathers, module.tables)
        here = f"{module.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Subscript):
            table = self.table_of(module, node.value, names)
            if table is not None:
                for key in choices(node.slice):
                    yield Lookup(table.down(key), False, here)
        if isinstance(node, ast.Call):
            yield from self.call_lookups(module, node, names, pathers, here)
        for child in ast.iter_child_nodes(node):
            yield from self.scoped(module, child, names, pathers)

    def call_lookups(
        self,
        module: Module,
        node: ast.Call,
        names: dict[str, Where],
        pathers: dict[str, list[Where]],
        here: str,
    ) -> Iterator[Lookup]:
        name = call_name(node)
        if name == "get" and isinstance(node.func, ast.Attribute) and node.args:
            table = self.table_of(module, node.func.value, names)
            key = literal(node.args[0])
            if table is not None and key is not None:
                yield Lookup(table.down(key), False, here)
            return
        if name == "line" and node.args and literal(node.args[0]):
            places, args = [Where(str(literal(node.args[0])))], node.args[1:]
        elif isinstance(node.func, ast.Name) and name in pathers:
            places, args = pathers[name], node.args
        elif (
            isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and (other := self.imported(module, node.func.value.id)) is not None
            and node.func.attr in other.pathers
        ):
            places, args = other.pathers[node.func.attr], node.args  # domain.message_for(...)
        else:
            return
        options: list[list[str]] = []
        counted = any(keyword.arg == "count" for keyword in node.keywords)
        for arg in args:
            if not choices(arg):
                return  # a computed key: DYNAMIC_KEYS covers what it can reach
            options.append(choices(arg))
        for keys in itertools.product(*options) if options else []:
            found = [place.down(*keys) for place in places if resolves(place.down(*keys))]
            yield Lookup(found[0] if found else places[0].down(*keys), counted, here)

    def bound_names(self, module: Module) -> dict[str, Where]:
        """Names (and self attributes) the module binds to a table of content."""
        names: dict[str, Where] = {}
        for _ in range(2):  # twice: `w = self.words` after `self.words = load(...)`
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    where = self.table_of(module, node.value, names)
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if where is None:
                            continue
                        if isinstance(target, ast.Name):
                            names[target.id] = where
                        elif isinstance(target, ast.Attribute) and isinstance(
                            target.value, ast.Name
                        ):
                            names[f"{target.value.id}.{target.attr}"] = where
            for node in ast.walk(module.tree):
                # @property def words(self): return reviews.words()
                if isinstance(node, ast.FunctionDef) and node.name in module.tables:
                    names[f"self.{node.name}"] = module.tables[node.name]
        return names


def resolves(where: Where) -> bool:
    node: Any = content().get(where.file)
    for key in where.path:
        if isinstance(node, list) and all(isinstance(item, dict) for item in node):
            node = next((item[key] for item in node if key in item), None)
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            return False
        if node is None:
            return False
    return node is not None


READER = Reader()
LOOKUPS = list(READER.lookups())


# -- the tests --------------------------------------------------------------------------


def test_the_reader_finds_the_lookups_of_every_kind_of_wrapper() -> None:
    """If this fails, the way the code looks up words changed and the reader must learn it."""
    found = {(lookup.where.file, lookup.where.path) for lookup in LOOKUPS}
    for expected in [
        ("messages", ("first_run_intro",)),  # line("messages", ...)
        ("streak", ("free_days",)),  # line() with a count
        ("streak", ("evidence", "heading")),  # line() down two keys
        ("settings", ("values", "minutes")),
        ("contact", ("messages", "logged")),
        ("export", ("import", "imported")),
        ("lock", ("check", "wrong")),
        ("letters", ("course",)),  # load("letters")["course"], a table read by a computed key
        ("review", ("mood_labels",)),  # w = words(), a function returning load("review")
        ("contact", ("kinds",)),  # load("contact")["kinds"]
    ]:
        assert expected in found, expected
    counted = {(lookup.where.file, lookup.where.path) for lookup in LOOKUPS if lookup.counted}
    assert ("streak", ("free_days",)) in counted


def test_a_count_of_one_picks_the_one_form() -> None:
    from nocontact_tui.texts import line

    assert line("streak", "free_days", count=1, days=1) == content()["streak"]["free_days_one"]
    assert line("streak", "free_days", count=3, days=3) == content()["streak"]["free_days"].format(
        days=3
    )
    assert "3" in line("export", "import", "one", "urges", count=3)  # {count} is filled in


def test_lines_are_looked_up_one_way() -> None:
    """No module keeps its own way to a line: no `partial(line, ...)`, no wrapper around
    `line`, no old helper (`message`, `counted`): call `line(file, *path, ...)` itself."""
    found = []
    for module in READER.modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ImportFrom) and node.module == "nocontact_tui.texts":
                old = {alias.name for alias in node.names} & {"message", "counted"}
                found += [f"{module.name}: imports {name}" for name in sorted(old)]
            if (
                isinstance(node, ast.Call)
                and call_name(node) == "partial"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "line"
            ):
                found.append(f"{module.name}:{node.lineno}: partial(line, ...)")
            if isinstance(node, ast.FunctionDef) and module.name != "nocontact_tui.texts":
                returns = [sub for sub in ast.walk(node) if isinstance(sub, ast.Return)]
                if any(
                    isinstance(sub.value, ast.Call)
                    and call_name(sub.value) == "line"
                    and any(isinstance(arg, ast.Starred) for arg in sub.value.args)
                    for sub in returns
                ):
                    found.append(f"{module.name}:{node.lineno}: {node.name} wraps line()")
    assert found == []


def test_every_key_the_code_looks_up_exists() -> None:
    missing = [
        f"{lookup.source}: {lookup.where.file}.toml {'.'.join(lookup.where.path)}"
        for lookup in LOOKUPS
        if not resolves(lookup.where)
    ]
    assert missing == [], "\n".join(missing)


def test_every_counted_phrase_has_its_one_form() -> None:
    missing = []
    for lookup in LOOKUPS:
        if lookup.counted and (lookup.where.file, lookup.where.path) not in COUNT_WITHOUT_ONE_FORM:
            *parent, key = lookup.where.path
            one = Where(lookup.where.file, (*parent, f"{key}_one"))
            if not resolves(one):
                missing.append(f"{lookup.source}: {one.file}.toml {'.'.join(one.path)}")
    assert missing == [], "\n".join(missing)


def test_every_key_that_counts_has_its_one_form_beside_it() -> None:
    """A line with {count} or {days} and no `_one` twin prints "1 days" one day."""
    lacking = []
    for name, data in content().items():
        for path, value in key_paths(data):
            key = path[-1]
            if not isinstance(value, str) or not PLACEHOLDER.search(value):
                continue
            if key.endswith("_one") or (name, *path[:-1]) in DATA_TABLES:
                continue
            if (name, path) in COUNT_WITHOUT_ONE_FORM:
                continue
            parent: Any = data
            for step in path[:-1]:
                parent = parent[step]
            if isinstance(parent, dict) and f"{key}_one" not in parent:
                counted_here = any(
                    lookup.counted and lookup.where == Where(name, path) for lookup in LOOKUPS
                )
                if counted_here:
                    lacking.append(f"{name}.toml {'.'.join(path)}")
    assert lacking == []


def test_every_key_in_content_is_used_by_some_code() -> None:
    looked_up = {(lookup.where.file, lookup.where.path) for lookup in LOOKUPS}
    literals = {
        node.value
        for module in READER.modules.values()
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    counted = {
        (lookup.where.file, (*lookup.where.path[:-1], f"{lookup.where.path[-1]}_one"))
        for lookup in LOOKUPS
        if lookup.counted
    }
    unused = []
    for name, data in content().items():
        for path, _ in key_paths(data):
            if any((name, *path[: len(table) - 1]) == table for table in DATA_TABLES):
                continue  # a key of a data table: read as a whole
            if (name, *path) in DYNAMIC_KEYS or (name, path) in counted:
                continue
            if (name, path) in looked_up or any(
                (name, path) == (file, used[: len(path)]) for file, used in looked_up
            ):
                continue
            # A field of an array of tables (a trap card's `counter`) or a table read as a
            # whole and then by its own keys: its name still appears in the code.
            if path[-1] in literals:
                continue
            unused.append(f"{name}.toml {'.'.join(path)}")
    assert unused == [], "\n".join(unused)


def test_no_line_scores_a_slip_or_keeps_development_notes() -> None:
    banned = re.compile(
        r"\bfail|still being built|once the [^.]* is ready|coming soon|\bTODO\b", re.IGNORECASE
    )
    found = []
    for path in [*CONTENT.glob("*.toml"), *CONTENT.glob("*.md")]:
        text = path.read_text("utf-8")
        values = list(strings(tomllib.loads(text))) if path.suffix == ".toml" else [text]
        comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
        if path.suffix == ".toml":
            values += comments
        found += [f"{path.name}: {value}" for value in values if banned.search(value)]
    assert found == []


def test_one_idea_after_a_slip_is_said_once() -> None:
    """'A restart point, not a failure' and its cousins: said in one place at most."""
    said = [
        value
        for data in content().values()
        for value in strings(data)
        if re.search(r"restart point|not a failure|fresh start", value, re.IGNORECASE)
    ]
    assert len(said) <= 1, said
