"""Write access for analysts: a file of `name:token` lines, bearer tokens compared in constant time, and a
limit on failed attempts per client address.

Tokens travel in the `Authorization: Bearer TOKEN` header only: no cookie is ever set, so a page of another site
cannot make a reviewer's browser write (no CSRF), and CORS never allows the write methods."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.api.security import TokenBuckets

MIN_TOKEN_CHARS = 16
# After this many failed attempts a client waits: one more attempt per FAILURE_REFILL_S seconds.
MAX_FAILURES = 10
FAILURE_REFILL_S = 6.0
_NAME = re.compile(r"^[\w .@-]{1,100}$")


class TokenFileError(ValueError):
    """A token file that cannot be used: says which file and line, and what is wrong."""


@dataclass(frozen=True)
class Reviewers:
    """The analysts who may write, by token; `check` answers who a bearer token belongs to."""

    tokens: tuple[tuple[str, bytes], ...]  # (name, token)

    @classmethod
    def from_file(cls, path: str | Path) -> Reviewers:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TokenFileError(f"cannot read the review token file {path}: {exc}") from None
        tokens: list[tuple[str, bytes]] = []
        names: set[str] = set()
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, token = line.partition(":")
            name, token = name.strip(), token.strip()
            where = f"{path}:{number}"
            if not sep or not _NAME.match(name):
                raise TokenFileError(f"{where}: write one 'name:token' per line (a name of letters, digits, "
                                     "spaces, '.', '@', '-')")
            if len(token) < MIN_TOKEN_CHARS or any(ch.isspace() for ch in token):
                raise TokenFileError(f"{where}: the token of {name!r} must be at least {MIN_TOKEN_CHARS} characters "
                                     "without spaces (e.g. from: python -c 'import secrets; "
                                     "print(secrets.token_urlsafe(24))')")
            if name in names:
                raise TokenFileError(f"{where}: {name!r} is named twice")
            if any(hmac.compare_digest(token.encode(), t) for _, t in tokens):
                raise TokenFileError(f"{where}: the token of {name!r} is another reviewer's too")
            names.add(name)
            tokens.append((name, token.encode()))
        if not tokens:
            raise TokenFileError(f"{path}: no 'name:token' line; a review server needs at least one reviewer")
        return cls(tuple(tokens))

    def check(self, token: str) -> str | None:
        """The name of the reviewer holding `token`, else None. Every stored token is compared (in constant
        time), so the answer's timing tells nothing about which one, or how much of one, matched."""
        given = token.encode()
        found = None
        for name, known in self.tokens:
            if hmac.compare_digest(given, known):
                found = name
        return found


def failure_buckets() -> TokenBuckets:
    """Per client address: MAX_FAILURES failed attempts at once, then one per FAILURE_REFILL_S seconds."""
    return TokenBuckets(1.0 / FAILURE_REFILL_S, MAX_FAILURES)
