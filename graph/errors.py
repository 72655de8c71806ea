"""Domain errors. ``api/errors.py`` is the one place that maps them to HTTP."""

from __future__ import annotations


class HonglianError(Exception):
    """Base of every error the project raises on purpose; its message is for people."""


class NotFound(HonglianError):
    """An entity, relationship or source id that the graph does not hold.

    ``suggestions`` (entity refs) are the "did you mean" answers for a name that resolved to nothing.
    """

    def __init__(self, message: str, suggestions: list[dict] | None = None):
        super().__init__(message)
        self.suggestions = suggestions


class Ambiguous(HonglianError):
    """A name or alias that several entities carry; ``candidates`` (entity refs) lists them."""

    def __init__(self, message: str, candidates: list[dict]):
        super().__init__(message)
        self.candidates = candidates


class InvalidInput(HonglianError):
    """Input that is well-formed but asks for something impossible.

    ``loc`` says where, as FastAPI's validation errors do: ``("query", "town")``.
    """

    def __init__(self, message: str, loc: tuple[str, ...] = ()):
        super().__init__(message)
        self.loc = loc


class NotATown(InvalidInput):
    """An entity that exists but is not a town (where a town is asked for)."""

    def __init__(self, entity_id: str):
        super().__init__(f"{entity_id!r} is not a town.", ("query", "town"))


class DatabaseUnavailable(HonglianError):
    """Neo4j does not answer (down, restarting, or unreachable)."""


class QueryTimeout(HonglianError):
    """A query ran past the server-side transaction timeout."""


class RuntimeProblem(HonglianError):
    """The local Neo4j runtime cannot be installed, started or stopped."""


class SeedValidationError(HonglianError):
    """One or more seed files are invalid; nothing was written."""

    def __init__(self, problems: list[ValidationProblem]):
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in the seed data; nothing was written:"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


class ValidationProblem:
    """One validation problem: where it is and what is wrong, in plain words."""

    __slots__ = ("file", "message", "path")

    def __init__(self, file: str, path: str, message: str):
        self.file, self.path, self.message = file, path, message

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"ValidationProblem({self.file!r}, {self.path!r}, {self.message!r})"
