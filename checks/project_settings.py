"""What the project says about its settings, read from the two places that define them.

- The typed configuration: the Java sources of cli/.../config, where every setting is read with
  env.get/env.getInt("ASSAY_...", default). Parsed here rather than copied, so a new setting or a
  changed default shows up in these checks without editing them.
- The README: its configuration table (| `ASSAY_X` | default | meaning |) and the tables of the
  Deploy and Docker Compose sections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG_SOURCES = ROOT / "cli/src/main/java/io/assay/cli/config"
README = ROOT / "README.md"

SETTING = re.compile(r"ASSAY_[A-Z0-9_]+")
_READ = re.compile(r'env\.get\w*\(\s*"(ASSAY_[A-Z0-9_]+)"')
# Where a default points at this machine, a cloud run has to set the value.
_LOCAL_MARKERS = ("127.0.0.1", "localhost", "ASSAY_DATA_DIR")


def _constant(reference: str, root: Path) -> str | None:
    """The literal a constant like SqlEndpointSettings.DEFAULT_PORT (or a bare DEFAULT_PORT) is set to,
    looked up in the main Java sources; None when it is not a literal."""
    owner, _, name = reference.rpartition(".")
    pattern = re.compile(rf"\b{re.escape(name)}\s*=\s*([^;]+);")
    for sources in root.glob("*/src/main/java"):
        for java in sources.rglob(f"{owner or '*'}.java"):
            m = pattern.search(java.read_text())
            if m:
                return m.group(1).strip()
    return None


@dataclass(frozen=True)
class TypedSetting:
    name: str
    default_source: str | None  # the Java expression, None when the setting has no default
    project: Path = ROOT  # where constants named by a default are looked up

    @property
    def default(self) -> str | None:
        """The default as text when it is a plain literal (string, number, product of numbers) or a
        constant set to one."""
        src = self.default_source
        if src is None:
            return None
        if re.fullmatch(r"([A-Z]\w*\.)?[A-Z][A-Z0-9_]+", src):
            src = _constant(src, self.project)
            if src is None:
                return None
        if re.fullmatch(r'"[^"]*"', src):
            return src[1:-1]
        if re.fullmatch(r"[\d_]+(\s*\*\s*[\d_]+)*", src):
            product = 1
            for factor in src.split("*"):
                product *= int(factor.strip().replace("_", ""))
            return str(product)
        return None

    @property
    def defaults_to_this_machine(self) -> bool:
        text = f"{self.default_source or ''} {self.default or ''}"
        return any(m in text for m in _LOCAL_MARKERS)


def _call_arguments(text: str, open_paren: int) -> list[str]:
    """The top-level, comma-separated arguments of the call whose '(' is at open_paren."""
    depth, args, start, i = 0, [], open_paren + 1, open_paren
    in_string = False
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append(text[start:i].strip())
                return args
        elif ch == "," and depth == 1:
            args.append(text[start:i].strip())
            start = i + 1
        i += 1
    raise ValueError(f"unbalanced call at offset {open_paren}")


def typed_settings(sources: Path = CONFIG_SOURCES) -> dict[str, TypedSetting]:
    """Every ASSAY_* setting the typed configuration reads, with its default expression."""
    found: dict[str, TypedSetting] = {}
    for java in sorted(sources.rglob("*.java")):
        text = java.read_text()
        for match in _READ.finditer(text):
            args = _call_arguments(text, text.index("(", match.start()))
            setting = TypedSetting(match.group(1), args[1] if len(args) > 1 else None)
            # Read twice (e.g. ASSAY_DATA_DIR inside another default): keep the reading that has a default.
            if setting.name not in found or found[setting.name].default_source is None:
                found[setting.name] = setting
    return found


def markdown_section(title: str, readme: Path = README) -> str:
    """The text of the README section whose heading is exactly `title` (any level), up to the next
    heading of the same or a higher level."""
    lines = readme.read_text().splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"(#+)\s+(.*)", line)
        if m and m.group(2).strip() == title:
            level = len(m.group(1))
            body = []
            for following in lines[i + 1:]:
                n = re.match(r"(#+)\s", following)
                if n and len(n.group(1)) <= level:
                    break
                body.append(following)
            return "\n".join(body)
    raise AssertionError(f"README has no section '{title}'")


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table in the text, as rows of cells (header row first, the --- row left out)."""
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.strip().startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def table_with_header(text: str, first_header: str) -> list[list[str]]:
    for table in markdown_tables(text):
        if table[0][0].lower() == first_header.lower():
            return table
    raise AssertionError(f"no table whose first column is '{first_header}'")


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]*)`", cell)


def readme_settings(readme: Path = README) -> dict[str, str | None]:
    """The configuration table: setting -> its documented default (None for '–' or prose).
    A row may name two settings ("`A` / `B` | `4` / `1`"): defaults pair up in order."""
    table = table_with_header(markdown_section("Configuration: the same code against the cloud", readme), "variable")
    documented: dict[str, str | None] = {}
    for row in table[1:]:
        names = [n for n in code_spans(row[0]) if SETTING.fullmatch(n)]
        parts = [p.strip() for p in row[1].split(" / ")]
        defaults = [code_spans(p)[0] if code_spans(p) else None for p in parts]
        for i, name in enumerate(names):
            documented[name] = defaults[i] if len(defaults) == len(names) else None
    return documented


def documentation_problems(typed: dict[str, TypedSetting], documented: dict[str, str | None]) -> list[str]:
    """Every setting the typed configuration reads is in the README's table, with the same default
    where the source has a literal one."""
    problems = [f"{name} is read by the typed configuration but not in the README's configuration table"
                for name in sorted(set(typed) - set(documented))]
    problems += [f"{name} defaults to {s.default} in the typed configuration but to {documented[name]} in the README"
                 for name, s in sorted(typed.items())
                 if name in documented and s.default is not None and documented[name] != s.default]
    return problems
