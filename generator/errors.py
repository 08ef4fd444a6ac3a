"""User-facing problems: one shape for every content, config and input error."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A mistake in a user's file, located precisely enough to fix it."""

    path: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class ContentError(Exception):
    """Raised with every problem found, so a user sees all of them in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # Raised in a worker process, it comes back pickled: rebuilt from its problems, not its message.
        return ContentError, (self.problems,)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A hint naming the closest known choice, or listing them all."""
    import difflib  # here: most runs report no problem, and the CLI starts faster without it

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "expected one of: " + ", ".join(f"`{c}`" for c in sorted(choices))


class WorkerLost(RuntimeError):
    """A worker process died mid-work (killed, perhaps for want of memory): its results, and so the run's, are lost."""
