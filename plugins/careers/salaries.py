"""Salary levels from ``content/data/salaries.yaml``.

Every position is ``Role L<level> - S<step>``. A level's S1 is its ``base``;
each later step adds ``step_increase_percent`` over the step before it
(compounded), in whole dollars with cents dropped. An amount given under a
level's ``steps`` replaces the rule for that step, and the steps after it
grow from the given amount. Line numbers come from the YAML nodes
(``yaml.compose``), so every problem is reported as ``file:line: message``.
"""

import math
from decimal import Decimal

import yaml
from yaml.constructor import SafeConstructor


class Level:
    def __init__(self, role, number, amounts):
        self.role = role
        self.number = number
        self.amounts = amounts  # [S1, S2, ...] in whole dollars

    @property
    def label(self):
        return f"{self.role.name} L{self.number}"

    def rows(self):
        return [
            (f"{self.label} - S{step}", dollars(amount))
            for step, amount in enumerate(self.amounts, 1)
        ]

    def range_text(self):
        return f"{dollars(self.amounts[0])} - {dollars(self.amounts[-1])}"


class Role:
    def __init__(self, name):
        self.name = name
        self.levels = {}  # number -> Level

    @property
    def anchor(self):
        return "salaries-" + "-".join(
            "".join(c for c in word.lower() if c.isalnum()) for word in self.name.split()
        )


class SalaryTable:
    def __init__(self, path=None, roles=None, percent=2, steps=4):
        self.path = path
        self.roles = roles or {}  # lowercase name -> Role
        self.percent = percent
        self.steps = steps

    def find(self, role_name, level):
        """(Level, None) or (None, what is wrong)."""
        where = self.path or "the salary data"
        role = self.roles.get(str(role_name).strip().lower())
        if role is None:
            known = ", ".join(r.name for r in self.roles.values()) or "none"
            return None, f"unknown role {role_name!r}: it is not in {where} (known roles: {known})"
        number = parse_level(level)
        if number is None or number not in role.levels:
            known = ", ".join(str(n) for n in sorted(role.levels)) or "none"
            return (
                None,
                f"role {role.name!r} has no level {level!r} in {where} (known levels: {known})",
            )
        return role.levels[number], None


def dollars(amount):
    return f"${amount:,}"


def parse_level(value):
    """2, '2' and 'L2' all mean level 2."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip().upper().removeprefix("L")
    return int(text) if text.isdigit() else None


def is_number(value):
    return (
        isinstance(value, (int, float, Decimal))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def step_amounts(base, percent, steps, overrides):
    """[S1..Sn]: each step adds ``percent`` over the previous one, dropping cents."""
    factor = 1 + Decimal(str(percent)) / 100
    amounts = [int(overrides.get(1, base))]
    for step in range(2, steps + 1):
        amounts.append(int(overrides[step]) if step in overrides else int(amounts[-1] * factor))
    return amounts


def load(path, shown):
    """Read the data file; return (SalaryTable, [(shown, line, message)])."""
    problems = []
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return SalaryTable(shown), [
            (shown, mark.line + 1 if mark else 1, f"invalid YAML: {getattr(exc, 'problem', exc)}")
        ]
    return Parser(shown, problems).table(root), problems


class Parser:
    """Walks the composed YAML nodes, keeping each value's line for messages."""

    def __init__(self, shown, problems):
        self.shown = shown
        self.problems = problems

    def error(self, node, message):
        self.problems.append((self.shown, node.start_mark.line + 1, message))

    @staticmethod
    def value(node):
        return SafeConstructor().construct_object(node, deep=True)

    @staticmethod
    def fields(node):
        return (
            {str(key.value): value for key, value in node.value}
            if isinstance(node, yaml.MappingNode)
            else None
        )

    def number(self, node, where, what, example):
        value = self.value(node)
        if not is_number(value) or value < 0:
            self.error(
                node,
                f"{where}: {what} {value!r} is not a number; write whole US dollars per year, like {example}",
            )
            return None
        return value

    def table(self, root):
        table = SalaryTable(self.shown)
        top = self.fields(root)
        if top is None:
            self.problems.append(
                (
                    self.shown,
                    1,
                    "the salary data must be a mapping with 'step_increase_percent', 'steps' and 'roles'",
                )
            )
            return table
        if "step_increase_percent" in top:
            node = top["step_increase_percent"]
            value = self.value(node)
            if is_number(value) and value >= 0:
                table.percent = value
            else:
                self.error(
                    node,
                    f"step_increase_percent {value!r} must be a number, like 2 (for +2 % per step)",
                )
        if "steps" in top:
            value = self.value(top["steps"])
            if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                table.steps = value
            else:
                self.error(
                    top["steps"],
                    f"steps {value!r} must be a whole number of steps per level, like 4",
                )
        roles = top.get("roles")
        if not isinstance(roles, yaml.SequenceNode):
            self.error(
                roles or root, "'roles' must be a list of roles, each with a 'name' and 'levels'"
            )
            return table
        for node in roles.value:
            self.role(node, table)
        return table

    def role(self, node, table):
        fields = self.fields(node)
        name = self.value(fields["name"]) if fields and "name" in fields else None
        if not isinstance(name, str) or not name.strip():
            self.error(
                node, "each role needs a 'name', like: - name: Open Source Infrastructure Engineer"
            )
            return
        if name.strip().lower() in table.roles:
            self.error(fields["name"], f"role {name!r} is listed twice")
            return
        role = table.roles[name.strip().lower()] = Role(name.strip())
        levels = fields.get("levels")
        if not isinstance(levels, yaml.SequenceNode) or not levels.value:
            self.error(
                levels or node,
                f"role {role.name!r} needs 'levels': a list like - {{level: 1, base: 100000}}",
            )
            return
        for level_node in levels.value:
            self.level(level_node, role, table)

    def level(self, node, role, table):
        fields = self.fields(node)
        if fields is None or "level" not in fields:
            self.error(
                node,
                f"each level of role {role.name!r} needs 'level' and 'base', like: - {{level: 1, base: 100000}}",
            )
            return
        number = parse_level(self.value(fields["level"]))
        if number is None or number < 1:
            self.error(
                fields["level"],
                f"level {self.value(fields['level'])!r} of role {role.name!r} must be a whole number like 1 or L1",
            )
            return
        if number in role.levels:
            self.error(fields["level"], f"role {role.name!r} lists level {number} twice")
            return
        overrides = self.overrides(fields.get("steps"), role, number, table)
        if "base" not in fields:
            self.error(
                node,
                f"role {role.name!r} level {number} has no 'base' salary: add 'base: 100000' (the S1 amount, USD per year)",
            )
            return
        base = self.number(
            fields["base"], f"role {role.name!r} level {number}", "base salary", "120000"
        )
        if base is None or overrides is None:
            return
        role.levels[number] = Level(
            role, number, step_amounts(base, table.percent, table.steps, overrides)
        )

    def overrides(self, node, role, number, table):
        """Explicit step amounts ({4: 131000}); None when one of them is wrong."""
        if node is None:
            return {}
        fields = node.value if isinstance(node, yaml.MappingNode) else None
        if fields is None:
            self.error(
                node,
                f"'steps' of role {role.name!r} level {number} must map a step to an amount, like {{4: 131000}}",
            )
            return None
        result = {}
        for key_node, value_node in fields:
            step = parse_level(str(self.value(key_node)).upper().removeprefix("S"))
            if step is None or not 1 <= step <= table.steps:
                self.error(
                    key_node,
                    f"step {key_node.value!r} of role {role.name!r} level {number} must be 1 to {table.steps}",
                )
                result = None
                continue
            amount = self.number(
                value_node, f"role {role.name!r} level {number}", f"S{step} salary", "131000"
            )
            if amount is None:
                result = None
            elif result is not None:
                result[step] = amount
        return result
