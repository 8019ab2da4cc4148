"""Where each block, and each of its fields, stands in the file: ``file:line`` for messages.

The front matter is composed again (YAML nodes keep their marks); TOML and JSON front matter
give the line of ``blocks`` for everything.
"""

import yaml


class Places:
    def __init__(self, front):
        self.front = front
        self.blocks_line = front.line_of("blocks")
        self.nodes = blocks_node(front)

    def block(self, index):
        node = self._item(index)
        return self._line(node) if node is not None else self.blocks_line

    def field(self, index, key, item=None):
        """Line of ``key`` in block ``index`` (or in its ``items`` entry ``item``); of its
        first line of text for a ``|`` or ``>`` block of text."""
        node = self._item(index)
        if node is not None and item is not None:
            items = _value(node, "items")
            node = (
                items.value[item]
                if isinstance(items, yaml.SequenceNode) and item < len(items.value)
                else None
            )
        if not isinstance(node, yaml.MappingNode):
            return self.block(index)
        for key_node, value in node.value:
            if str(key_node.value).lower() == key:
                if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
                    return self._line(value) + 1
                return self._line(key_node)
        return self._line(node)

    def item(self, index, number):
        """Line of entry ``number`` of block ``index``'s ``items``."""
        items = _value(self._item(index), "items")
        if isinstance(items, yaml.SequenceNode) and number < len(items.value):
            return self._line(items.value[number])
        return self.field(index, "items")

    def _item(self, index):
        if isinstance(self.nodes, yaml.SequenceNode) and index < len(self.nodes.value):
            return self.nodes.value[index]
        return None

    def _line(self, node):
        return self.front.first_line + 1 + node.start_mark.line


def blocks_node(front):
    if front.fmt != "yaml":
        return None
    try:
        root = yaml.compose(front.text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    return _value(root, "blocks") if isinstance(root, yaml.MappingNode) else None


def _value(mapping, key):
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if str(k.value).lower() == key), None)
