"""Whether a YAML text whose guards matched (`yaml_fast`) still reads alike on both
paths, decided from libyaml's event stream (its C parser, ~0.07 s on a 2.8 MB spec,
a fifth of building the data with libyaml's path):

- every match of a guard that is harmless inside a scalar's content lies inside a
  quoted or block scalar (code samples in descriptions and examples hold `!`, `&`,
  `: :x`...), not where it is syntax;
- every anchor is one yaml-rs names alike (libyaml's names are letters, digits, `-`
  and `_`; the character after one must end it in YAML 1.2 too: a blank, a line break,
  `,`, `]`, `}`), is defined once (libyaml's path refuses a second definition) and
  is not on a tagged node (tags stay with libyaml);
- every alias names an anchor whose node is complete (an alias inside its own anchored
  node is a recursive structure: libyaml's path refuses it with its position), and is
  named alike;
- what the aliases add is small (`MAX_ALIASED` nodes): yaml-rs copies an aliased node
  where libyaml's path shares it, so a large expansion (or an alias bomb) stays with
  libyaml's path, which counts it before expanding anything (`limits.MAX_NODES`).

The data is the same either way; only sharing differs (yaml-rs gives a copy per alias,
as a run whose parse comes from the cache does: it is read back from JSON).
"""

from __future__ import annotations

from typing import Any

from .limits import MAX_NODES

MAX_ALIASED = 100_000  # nodes aliases may add on the fast path
_ENDS_NAME = (" ", "\n", "\r", ",", "]", "}", "")
_CONTENT = ('"', "'", "|", ">")  # scalar styles whose content is never syntax


def verified(text: str, hits: list[int], anchors: set[int]) -> int | None:
    """How many nodes the aliases add, or None: leave the text to libyaml. `hits`
    (sorted): where guards matched that are harmless in a scalar's content; `anchors`:
    where an anchor may begin."""
    import yaml

    events: Any = yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    spans: list[tuple[int, int]] = []
    sizes: dict[str, int] = {}  # anchor -> nodes its node expands to, once complete
    open_: list[tuple[str | None, int]] = []  # collections: (anchor, nodes before)
    nodes = added = documents = 0
    try:
        for event in events:
            kind = type(event)
            if kind is yaml.AliasEvent:
                size = sizes.get(event.anchor)
                if size is None or not _named(text, event.start_mark.index, "*", event.anchor):
                    return None
                nodes += size
                added += size
                if added > MAX_ALIASED:
                    return None
                continue
            if kind is yaml.ScalarEvent or kind is yaml.SequenceStartEvent \
                    or kind is yaml.MappingStartEvent:
                if event.tag is not None:
                    return None
                anchor = event.anchor
                start = event.start_mark.index
                if anchor is not None:
                    if anchor in sizes or any(a == anchor for a, _ in open_) \
                            or not _named(text, start, "&", anchor):
                        return None
                    anchors.discard(start)
                nodes += 1
                if kind is yaml.ScalarEvent:
                    if anchor is not None:
                        sizes[anchor] = 1
                    if event.style in _CONTENT:
                        spans.append((start, event.end_mark.index))
                else:
                    open_.append((anchor, nodes - 1))
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                anchor, before = open_.pop()
                if anchor is not None:
                    sizes[anchor] = nodes - before
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1 or event.explicit or event.version or event.tags:
                    return None
    except Exception:  # libyaml refuses it: its path says where
        return None
    if nodes > MAX_NODES:
        return None  # libyaml's path refuses it, or reads it: no faster here
    # every `&` that is not an anchor, and every other guard's match, in content
    return added if _inside(sorted(hits + list(anchors)), spans) else None


def _named(text: str, at: int, sign: str, name: str) -> bool:
    end = at + 1 + len(name)
    return text[at:end] == sign + name and text[end:end + 1] in _ENDS_NAME


def _inside(hits: list[int], spans: list[tuple[int, int]]) -> bool:
    """Every position in `hits` lies strictly inside one of `spans` (both in order)."""
    index = 0
    for hit in hits:
        while index < len(spans) and spans[index][1] <= hit:
            index += 1
        if index == len(spans) or not spans[index][0] < hit:
            return False
    return True
