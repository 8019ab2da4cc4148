"""The step rule on its own: S1 = base, each step `percent` over the previous one, cents dropped."""

import math
from fractions import Fraction

import pytest
from careers.salaries import dollars, parse_level, step_amounts


def by_hand(base, percent, steps, overrides):
    amounts = [overrides.get(1, base)]
    for step in range(2, steps + 1):
        amounts.append(
            overrides.get(
                step, math.floor(Fraction(amounts[-1]) * (100 + Fraction(str(percent))) / 100)
            )
        )
    return amounts


@pytest.mark.parametrize(
    "base, percent, steps, overrides",
    [
        (100000, 2, 4, {}),
        (120000, 2, 4, {}),
        (157500, 2, 4, {}),
        (120000, 2, 4, {2: 125000}),  # later steps grow from the given amount
        (99999, 3.5, 5, {}),
        (80000, 0, 3, {3: 90000}),
    ],
)
def test_steps(base, percent, steps, overrides):
    assert step_amounts(base, percent, steps, overrides) == by_hand(base, percent, steps, overrides)


def test_known_values():
    assert step_amounts(120000, 2, 4, {}) == [
        120000,
        122400,
        124848,
        127344,
    ]  # 127,344.96: cents dropped
    assert step_amounts(120000, 2, 4, {2: 125000}) == [120000, 125000, 127500, 130050]


@pytest.mark.parametrize(
    "value, number", [(2, 2), ("2", 2), ("L2", 2), ("l3", 3), ("two", None), (True, None)]
)
def test_level_spellings(value, number):
    assert parse_level(value) == number


def test_dollars():
    assert dollars(120000) == "$120,000"
    assert dollars(1500000) == "$1,500,000"
