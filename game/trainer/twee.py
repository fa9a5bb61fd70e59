"""Twine stories in Twee 3 notation turned into a scenario draft that a trainer finishes by hand.

Parsing follows the Twee 3 specification: passage headers `:: Name [tags]
{metadata}` with backslash escapes, the StoryTitle and StoryData special
passages, and the link forms every story format shares. The scenario is
written as YAML text here (this package does not import yaml; the loader
checks the result), with comments where the trainer has work to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from game.core.model import MAX_VISIBLE_CHOICES
from game.trainer.graph import shorten

MAX_NODE_ID_CHARS = 64  # the scenario schema's limit on node ids
MAX_TEXT_CHARS = 4000  # the schema's limit on long text
MAX_TITLE_CHARS = 200  # the schema's limit on short text (titles, choice text)
START_ID = "start"

# Passages that configure a story format rather than tell the story.
SPECIAL_PASSAGES = frozenset(
    {
        "StoryAuthor",
        "StorySubtitle",
        "StoryInit",
        "StoryMenu",
        "StoryCaption",
        "StoryBanner",
        "StoryInterface",
        "StoryShare",
        "StorySettings",
        "StoryIncludes",
        "PassageReady",
        "PassageDone",
        "PassageHeader",
        "PassageFooter",
    }
)
CODE_TAGS = frozenset({"script", "stylesheet", "widget", "header", "footer", "startup"})

_LINK = re.compile(r"\[\[(.*?)\]\](?!\])", re.S)
_SUGARCUBE_MACRO = re.compile(r"<<.*?>>", re.S)
_HARLOWE_MACRO = re.compile(r"\((?:[A-Za-z][\w-]*):")
_EXTERNAL = re.compile(r"^\w+://")


@dataclass(frozen=True)
class Passage:
    name: str
    tags: tuple[str, ...]
    metadata: dict[str, object]
    text: str
    line: int  # of the header, from 1


@dataclass
class Story:
    title: str | None = None
    data: dict[str, object] = field(default_factory=dict)
    passages: list[Passage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # problems met while parsing


@dataclass(frozen=True)
class Link:
    text: str
    target: str


@dataclass
class Conversion:
    """The scenario text and what the trainer must look at, one sentence each."""

    text: str
    notes: list[str] = field(default_factory=list)


def _unescape(text: str) -> str:
    """Decoding per the specification: a backslash yields the next character as it is."""
    return re.sub(r"\\(.)", r"\1", text)


def _split_header(header: str, line: int, notes: list[str]) -> tuple[str, list[str], str]:
    """`Name [tags] {meta}` -> (escaped name, tags, metadata text), honouring escapes."""
    name_end = len(header)
    position = 0
    while position < len(header):
        char = header[position]
        if char == "\\":
            position += 2
            continue
        if char in "[{":
            name_end = position
            break
        position += 1
    name = header[:name_end]
    rest = header[name_end:].strip()
    tags: list[str] = []
    if rest.startswith("["):
        close = _unescaped_index(rest, "]")
        if close < 0:
            notes.append(
                f"line {line}: the tag block of `{name.strip()}` is not closed; tags ignored"
            )
            rest = ""
        else:
            tags = [_unescape(t) for t in rest[1:close].split()]
            rest = rest[close + 1 :].strip()
    return name, tags, rest


def _unescaped_index(text: str, wanted: str) -> int:
    position = 0
    while position < len(text):
        if text[position] == "\\":
            position += 2
            continue
        if text[position] == wanted:
            return position
        position += 1
    return -1


def parse_twee(source: str) -> Story:
    """Passages, title and story data of a Twee 3 file; problems go to `Story.notes`."""
    story = Story()
    source = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    header: tuple[str, int] | None = None
    body: list[str] = []

    def finish() -> None:
        if header is None:
            return
        raw, line = header
        name, tags, meta_text = _split_header(raw, line, story.notes)
        name = _unescape(name).strip()
        metadata: dict[str, object] = {}
        if meta_text:
            try:
                loaded = json.loads(meta_text)
                if not isinstance(loaded, dict):
                    raise ValueError("not an object")
                metadata = loaded
            except ValueError:
                story.notes.append(
                    f"line {line}: the metadata of passage `{name}` is not a JSON object; "
                    "it was ignored"
                )
        # Trailing blank lines are not content (the specification says to drop them).
        while body and not body[-1].strip():
            body.pop()
        text = "\n".join(body)
        if not name:
            story.notes.append(f"line {line}: a passage without a name was left out")
        else:
            story.passages.append(Passage(name, tuple(tags), metadata, text, line))

    for number, line in enumerate(source.split("\n"), start=1):
        if line.startswith("::"):
            finish()
            header = (line[2:].strip(), number)
            body = []
        elif header is not None:
            body.append(line)
        elif line.strip():
            story.notes.append(f"line {number}: text before the first passage header was ignored")
    finish()

    kept: list[Passage] = []
    for passage in story.passages:
        if passage.name == "StoryTitle":
            story.title = passage.text.strip() or None
        elif passage.name == "StoryData":
            try:
                data = json.loads(passage.text or "{}")
                if not isinstance(data, dict):
                    raise ValueError("not an object")
                story.data = data
            except ValueError:
                story.notes.append(
                    f"line {passage.line}: StoryData is not a JSON object; it was ignored"
                )
        else:
            kept.append(passage)
    story.passages = kept
    return story


def parse_link(inner: str) -> tuple[Link, str | None]:
    """The text and target of `[[...]]` content, and a SugarCube setter if one was given.

    As Twine itself reads links: the rightmost `->`, else the leftmost `<-`,
    else the rightmost `|` divides text from target; `[[target]]` is both.
    """
    setter = None
    if "][" in inner:
        inner, setter = inner.split("][", 1)
    if "->" in inner:
        text, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, text = inner.split("<-", 1)
    elif "|" in inner:
        text, target = inner.rsplit("|", 1)
    else:
        text = target = inner
    return Link(" ".join(text.split()), target.strip()), setter


def _remove_harlowe_macros(text: str, dropped: list[str]) -> str:
    """Drop `(name: ...)` macro calls with balanced parentheses; keep a hook's text."""
    out: list[str] = []
    position = 0
    while True:
        match = _HARLOWE_MACRO.search(text, position)
        if match is None:
            out.append(text[position:])
            break
        out.append(text[position : match.start()])
        depth = 0
        end = match.start()
        while end < len(text):
            if text[end] == "(":
                depth += 1
            elif text[end] == ")":
                depth -= 1
                if depth == 0:
                    break
            end += 1
        dropped.append(text[match.start() : end + 1])
        position = end + 1
        # A hook right after a macro (`(if: $x)[text]`): keep the text, drop the brackets.
        if position < len(text) and text[position] == "[":
            close = text.find("]", position)
            if close > 0:
                out.append(text[position + 1 : close])
                position = close + 1
    return "".join(out)


def passage_text(text: str) -> tuple[str, list[tuple[Link, str | None]], list[str]]:
    """Node text without links and macros, the links in order, and the macros dropped."""
    links: list[tuple[Link, str | None]] = []
    dropped: list[str] = []

    def take(match: re.Match[str]) -> str:
        links.append(parse_link(match.group(1)))
        return ""

    def drop(match: re.Match[str]) -> str:
        dropped.append(match.group(0))
        return ""

    without_links = _LINK.sub(take, text)
    without_macros = _SUGARCUBE_MACRO.sub(drop, without_links)
    cleaned = _remove_harlowe_macros(without_macros, dropped)
    lines = [" ".join(line.split()) for line in cleaned.split("\n")]
    paragraphs = "\n".join(lines)
    paragraphs = re.sub(r"\n{3,}", "\n\n", paragraphs).strip()
    return paragraphs, links, dropped


def slug(name: str) -> str:
    """A node id from a passage name: `Ask politely!` -> `ask_politely`."""
    text = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return text[:MAX_NODE_ID_CHARS].rstrip("_") or "passage"


def scenario_id_from(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:MAX_NODE_ID_CHARS].rstrip("-") or "imported-story"


# -- YAML text, written by hand so comments can go where the trainer needs them ----------
def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are valid YAML ones)."""
    encoded = json.dumps(text, ensure_ascii=False)
    # JSON leaves these as they are; YAML would read them as line breaks.
    for char in ("\u0085", "\u2028", "\u2029"):
        encoded = encoded.replace(char, f"\\u{ord(char):04x}")
    return encoded


def _block(text: str, indent: str) -> str:
    """A literal block scalar where it is safe (easier to edit), else a quoted string."""
    printable = all(c == "\n" or (c.isprintable() and c not in "\t") for c in text)
    lines = text.split("\n")
    if (
        "\n" in text
        and printable
        and not text[0].isspace()
        and all(line == line.rstrip() for line in lines)
    ):
        body = "\n".join(f"{indent}  {line}" if line else "" for line in lines)
        return "|-\n" + body
    return _quoted(text)


def _limited(text: str, limit: int, what: str, where: str, notes: list[str]) -> str:
    if len(text) <= limit:
        return text
    notes.append(f"{where}: the {what} was cut to {limit} characters, the most the format allows")
    return text[: limit - 1].rstrip() + "…"


def convert(story: Story, scenario_id: str, *, modeline: str | None = None) -> Conversion:
    """The scenario YAML for `story` and notes on everything the trainer must finish."""
    notes = list(story.notes)
    passages: list[Passage] = []
    for passage in story.passages:
        code_tags = sorted(set(passage.tags) & CODE_TAGS)
        if passage.name in SPECIAL_PASSAGES or code_tags:
            why = f"tagged {', '.join(code_tags)}" if code_tags else "a story-format passage"
            notes.append(f"passage `{passage.name}` ({why}) was left out: scenarios run no code")
        else:
            passages.append(passage)
    by_name: dict[str, Passage] = {}
    for passage in passages:
        if passage.name in by_name:
            notes.append(
                f"passage `{passage.name}` appears twice (lines {by_name[passage.name].line} and "
                f"{passage.line}); the second was left out"
            )
        else:
            by_name[passage.name] = passage
    if not by_name:
        raise ValueError("the file has no story passages; is it a Twee 3 file?")

    start_name = story.data.get("start")
    if isinstance(start_name, str) and start_name in by_name:
        start = start_name
    else:
        if isinstance(start_name, str):
            notes.append(f"StoryData names the start passage `{start_name}`, which does not exist")
        start = "Start" if "Start" in by_name else next(iter(by_name))
        if start != "Start" or isinstance(start_name, str):
            notes.append(f"the story starts at `{start}`, its first passage")

    ids: dict[str, str] = {start: START_ID}
    taken = {START_ID}

    def unique(name: str) -> str:
        base = slug(name)
        candidate, number = base, 2
        while candidate in taken:
            suffix = f"_{number}"
            candidate = base[: MAX_NODE_ID_CHARS - len(suffix)] + suffix
            number += 1
        taken.add(candidate)
        return candidate

    for name in by_name:
        if name not in ids:
            ids[name] = unique(name)

    order = [start, *(n for n in by_name if n != start)]
    nodes: list[str] = []
    stubs: dict[str, str] = {}  # missing target -> node id
    feedback_needed = 0
    for name in order:
        passage = by_name[name]
        node_id = ids[name]
        where = f"passage `{name}` (line {passage.line})"
        text, links, macros = passage_text(passage.text)
        if macros:
            shown = ", ".join(f"`{shorten(m, 40)}`" for m in macros)
            notes.append(
                f"{where}: dropped {len(macros)} macro{'s' if len(macros) != 1 else ''} ({shown})"
            )
        choices: list[Link] = []
        for link, setter in links:
            if setter is not None:
                notes.append(f"{where}: the setter `[{setter}]` of link `{link.text}` was dropped")
            if _EXTERNAL.match(link.target):
                notes.append(f"{where}: the web link `{link.target}` was dropped")
                continue
            if not link.target:
                notes.append(f"{where}: an empty link `[[{link.text}]]` was dropped")
                continue
            choices.append(link)
        if len(choices) > MAX_VISIBLE_CHOICES:
            dropped = ", ".join(f"`{c.text}`" for c in choices[MAX_VISIBLE_CHOICES:])
            notes.append(
                f"{where}: only {MAX_VISIBLE_CHOICES} choices fit on screen; dropped {dropped}"
            )
            choices = choices[:MAX_VISIBLE_CHOICES]
        text = _limited(text, MAX_TEXT_CHARS, "text", where, notes)
        lines = [f"  {node_id}:  # from passage {_quoted(name)}"]
        if passage.tags:
            lines.append(f"    # Twine tags: {' '.join(passage.tags)}")
        if not choices:
            title = _limited(name, MAX_TITLE_CHARS, "ending title", where, notes)
            lines += [
                "    ending:",
                f"      title: {_quoted(title)}",
                "      # Set the outcome: success, partial or failure.",
                "      outcome: partial",
            ]
            if text:
                lines.append(f"      text: {_block(text, '      ')}")
            nodes.append("\n".join(lines))
            continue
        if not text:
            text = name
            notes.append(f"{where}: the passage has no text of its own; its name stands in")
        lines.append(f"    text: {_block(text, '    ')}")
        lines.append("    choices:")
        for link in choices:
            # Targets are plain names, but accept one written with header escapes too.
            target = ids.get(link.target) or ids.get(_unescape(link.target))
            if target is None:
                target = stubs.get(link.target)
                if target is None:
                    target = stubs[link.target] = unique(link.target)
                    notes.append(
                        f"{where}: link `{link.text}` leads to `{link.target}`, which does not "
                        f"exist; node `{target}` stands in for it as an ending to write"
                    )
            choice_text = _limited(
                link.text or link.target, MAX_TITLE_CHARS, "choice", where, notes
            )
            lines += [
                f"      - text: {_quoted(choice_text)}",
                f"        goto: {target}",
                "        # scores: {empathy: 0, anticipation: 0, upsell: 0}  # fill in, uncomment",
                "        # feedback: what the coach says about this choice",
            ]
            feedback_needed += 1
        nodes.append("\n".join(lines))
    for target, node_id in stubs.items():
        stub_title = _limited(target, MAX_TITLE_CHARS, "title", target, notes)
        nodes.append(
            "\n".join(
                [
                    f"  {node_id}:  # missing in the Twine story: write this part",
                    "    ending:",
                    f"      title: {_quoted(stub_title)}",
                    "      # Set the outcome: success, partial or failure.",
                    "      outcome: partial",
                ]
            )
        )
    endings = sum(1 for n in nodes if "\n    ending:" in n)
    if feedback_needed:
        notes.append(
            f"{feedback_needed} choice{'s need' if feedback_needed != 1 else ' needs'} scores and "
            "feedback: see the comments under each choice"
        )
    if endings:
        notes.append(
            f"{endings} ending{'s need' if endings != 1 else ' needs'} an outcome: "
            "each is `partial` for now"
        )
    notes.append("the source is a placeholder: name the article the scenario teaches from")

    title = story.title or scenario_id.replace("-", " ").capitalize()
    head = [
        *([modeline] if modeline else []),
        f"# Imported from a Twine story{f' ({_quoted(story.title)})' if story.title else ''}.",
        "# Still to do: scores and feedback on every choice, an outcome for every",
        "# ending, and the source. `rapport validate` lists what is missing.",
        "format: 1",
        f"id: {scenario_id}",
        f"title: {_quoted(_limited(title, MAX_TITLE_CHARS, 'title', 'StoryTitle', notes))}",
        "source:  # the article or story this scenario teaches from",
        f"  title: {_quoted(_limited(title, MAX_TITLE_CHARS, 'title', 'StoryTitle', []))}",
        f"start: {START_ID}",
        "nodes:",
    ]
    return Conversion("\n".join(head + nodes) + "\n", notes)
