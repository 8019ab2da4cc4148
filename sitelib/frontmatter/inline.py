"""Python-Markdown's inline patterns, tried only on text that holds a character they need.

For every piece of text, Python-Markdown tries each inline pattern in turn
(15 of them, and smarty's 18 in a second pass): 2.7 million tries at 1000
posts, nearly all of them finding nothing. Most patterns cannot match without
one particular character: a link needs ``[``, an entity ``&``, a smart quote
``'`` or ``"``. ``needed`` reads that character set from the pattern's own
regular expression, and ``speed_up`` gives a converter's inline processors a
loop that skips a pattern when the text has none of its characters.
Skipping a pattern that could not match changes nothing: the loop otherwise
is Python-Markdown's own (``InlineProcessor.__handleInline``), and a pattern
whose needs cannot be read from its expression is always tried.
"""

import re

from markdown import util
from markdown.inlinepatterns import InlineProcessor as Pattern
from markdown.treeprocessors import InlineProcessor

from sitelib import upstream
from sitelib.upstream import REGEX_OPCODES as C

REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
COMMON = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")


def _chars(code, flags):
    char = chr(code)
    return {char, char.lower(), char.upper()} if flags & re.IGNORECASE else {char}


def _class(items, flags):
    """The characters of a ``[...]`` class, or None when it is negated or too wide to list."""
    chars = set()
    for op, av in items:
        if op is C.LITERAL:
            chars |= _chars(av, flags)
        elif op is C.RANGE and av[1] - av[0] < 256:
            for code in range(av[0], av[1] + 1):
                chars |= _chars(code, flags)
        else:
            return None
    return chars


def rarity(chars):
    """The rarest set in prose first: fewest letters, digits and spaces, then fewest characters."""
    return len(chars & COMMON), len(chars)


def requirements(parsed, flags):
    """(sets, can_be_empty) for a parsed expression: every match, with what it looks at
    around itself, holds a character of each set."""
    sets, empty = [], True
    for op, av in parsed:
        if op is C.LITERAL:
            sets.append(_chars(av, flags))
            empty = False
        elif op is C.IN:
            chars = _class(av, flags)
            if chars is not None:
                sets.append(chars)
            empty = False
        elif op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            inner, inner_empty = requirements(av[-1] if op is C.SUBPATTERN else av, flags)
            sets += inner
            empty = empty and inner_empty
        elif op is C.BRANCH:
            branches = [requirements(branch, flags) for branch in av[1]]
            if not any(branch_empty for _, branch_empty in branches):
                empty = False
                if all(branch_sets for branch_sets, _ in branches):
                    sets.append(set().union(*(min(s, key=rarity) for s, _ in branches)))
        elif op in REPEATS:
            low, _, item = av
            if low >= 1:
                inner, inner_empty = requirements(item, flags)
                sets += inner
                empty = empty and inner_empty
        elif op is C.ASSERT:  # a lookahead or lookbehind reads the same text
            sets += requirements(av[1], flags)[0]
        elif op is C.AT or op is C.ASSERT_NOT:
            pass
        else:  # any character, a category, a back reference...: nothing to require
            empty = False
    return sets, empty


def needed(pattern):
    """The characters one of which text must hold for ``pattern`` to match it, or None
    (always try it): old-style patterns, and expressions that require no character."""
    if not isinstance(pattern, Pattern):
        return None
    expression = pattern.getCompiledRegExp()
    sets, empty = requirements(
        upstream.parse_regex(expression.pattern, expression.flags), expression.flags
    )
    if empty or not sets:
        return None
    return frozenset(min(sets, key=rarity))


class Plan:
    """Which patterns (by index) may match a text: one bit per pattern."""

    def __init__(self, patterns):
        self.patterns = tuple(patterns)
        self.always = 0
        self.by_char = {}
        for index, pattern in enumerate(self.patterns):
            chars = needed(pattern)
            if chars is None:
                self.always |= 1 << index
            for char in chars or ():
                self.by_char[char] = self.by_char.get(char, 0) | 1 << index
        # finds those characters in a text faster than a set of its characters
        self.finder = (
            re.compile("[" + "".join(map(re.escape, sorted(self.by_char))) + "]")
            if self.by_char
            else None
        )
        # A match puts a placeholder in the text: the patterns its characters could wake up
        self.placeholder = self.candidates(util.INLINE_PLACEHOLDER % "0123456789", 0)

    def candidates(self, text, first):
        mask = self.always
        if self.finder:
            by_char = self.by_char
            for char in self.finder.findall(text):
                mask |= by_char[char]
        return mask >> first << first


def handle_inline(self, data, patternIndex=0):  # noqa: N803 - Python-Markdown's own signature
    """``InlineProcessor.__handleInline``, trying only the patterns ``Plan`` lets through."""
    if isinstance(data, util.AtomicString):
        return data
    plan = self.plan
    patterns, apply = plan.patterns, upstream.inline_apply_pattern(self)
    start = 0
    mask = plan.candidates(data, patternIndex)
    while mask:
        index = (mask & -mask).bit_length() - 1
        data, matched, start = apply(patterns[index], data, index, start)
        if matched:  # this pattern again, from where it matched; the text only gained a placeholder
            mask |= plan.placeholder >> index << index
        else:  # Python-Markdown's own loop: the next pattern, from the beginning (start is 0)
            mask &= mask - 1
    return data


def speed_up(md):
    """Give ``md``'s inline processors (Python-Markdown's and smarty's) the pattern plan.
    Extensions register their patterns while the converter is built, so the plan is fixed."""
    for processor in md.treeprocessors:
        if isinstance(processor, InlineProcessor):
            processor.inlinePatterns = tuple(processor.inlinePatterns)
            processor.plan = Plan(processor.inlinePatterns)
            # Python-Markdown calls it as self.__handleInline (inside __applyPattern too)
            upstream.replace_handle_inline(processor, handle_inline)
    return md
