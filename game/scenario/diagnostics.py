"""Diagnostics in the form modders and editors expect.

``path/file.yaml:LINE:COL: error[code]: message``, then the source line with a
caret under the offending value, then a hint (often "did you mean …?").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pos:
    """A place in a file: 1-based line and column, and the text of that line."""

    file: str
    line: int
    col: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a scenario file."""

    file: str
    line: int
    col: int
    code: str
    message: str
    severity: str = "error"
    hint: str = ""
    source: str = ""
    width: int = 1

    def render(self) -> str:
        """The diagnostic as printed by ``validate``."""
        head = f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"
        out = [head]
        if self.source:
            gutter = f"{self.line:>4} | "
            out.append(gutter + self.source.rstrip())
            out.append(" " * (len(gutter) + self.col - 1) + "^" * max(1, self.width))
        if self.hint:
            out.append(f"     = hint: {self.hint}")
        return "\n".join(out)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order diagnostics by file, then position."""
        return (self.file, self.line, self.col, self.code)


def at(
    pos: Pos, code: str, message: str, hint: str = "", severity: str = "error", width: int = 0
) -> Diagnostic:
    """A diagnostic at a position, underlining ``width`` characters."""
    if not width and pos.text:
        rest = pos.text[pos.col - 1 :]
        token = rest.split(":")[0].split(",")[0].split("]")[0].split("}")[0].strip()
        width = max(1, len(token))
    return Diagnostic(pos.file, pos.line, pos.col, code, message, severity, hint, pos.text, max(1, width))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint for an unknown name, or a list of what is allowed.

    >>> did_you_mean("stalln", ["stalin", "trotsky"])
    "did you mean 'stalin'?"
    """
    pool = sorted(set(choices))
    close = difflib.get_close_matches(str(word), pool, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not pool:
        return ""
    shown = ", ".join(pool[:12]) + (", …" if len(pool) > 12 else "")
    return f"expected one of: {shown}"
