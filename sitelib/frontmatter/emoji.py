"""Emoji shortcodes as Hugo's ``enableEmoji`` wrote them (goldmark-emoji, GitHub's names):
``:tada:`` becomes the Unicode character, in text only (code keeps it as written).

Configured in ``MARKDOWN["extension_configs"]`` as ``"frontmatter.emoji"``: pymdownx.emoji
with its GitHub index and Unicode generator, named here because settings hold no functions.
"""

from pymdownx.emoji import EmojiExtension, gemoji, to_alt


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API)
    return EmojiExtension(emoji_index=gemoji, emoji_generator=to_alt, **kwargs)
