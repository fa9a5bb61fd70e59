"""Where learning records go and how players are named in them: environment and settings file.

Each value comes from its environment variable when set, else from the `lrs`
object of the settings file (docs/lms.md). Passwords and keys are kept out of
every repr and message: `mask` replaces them wherever text might carry them.
"""

from __future__ import annotations

import csv
import io
import os
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.lrs.errors import LrsConfigError
from game.lrs.identity import DEFAULT_HOME_PAGE, IdentityError, IdentityPolicy, name_key
from game.lrs.statements import DEFAULT_LANGUAGE, StatementOptions
from game.lrs.validation import is_iri, is_language_tag

ENDPOINT_ENV = "RAPPORT_LRS"  # the LRS's xAPI endpoint, e.g. https://lrs.example.com/xapi/
# The other settings, by their key in the settings file's `lrs` object.
ENVIRONMENT = {
    "endpoint": ENDPOINT_ENV,
    "username": "RAPPORT_LRS_USERNAME",
    "password": "RAPPORT_LRS_PASSWORD",
    "identity": "RAPPORT_LRS_IDENTITY",  # name, email or pseudonym
    "home_page": "RAPPORT_LRS_HOME_PAGE",  # the accounts' system
    "addresses": "RAPPORT_LRS_ADDRESSES",  # a CSV file: name, email
    "pseudonym_key": "RAPPORT_LRS_PSEUDONYM_KEY",
    "language": "RAPPORT_LRS_LANGUAGE",  # of the scenarios' text, e.g. en or de-CH
}
SECRET_KEYS = ("password", "pseudonym_key")
DEFAULT_TIMEOUT_S = 10.0  # seconds to wait for the LRS before it counts as unreachable
MAX_ADDRESSES_BYTES = 10 * 1024 * 1024  # an address list far beyond any company's staff
MASK = "***"


@dataclass(frozen=True)
class LrsConfig:
    """An LRS and how to talk to it; `endpoint` is None when none is set."""

    endpoint: str | None = None  # ends with "/"
    username: str = ""
    password: str = field(default="", repr=False)
    options: StatementOptions = field(default_factory=StatementOptions, repr=False)
    timeout_s: float = DEFAULT_TIMEOUT_S

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.password, self.options.identity.pseudonym_key) if s)

    def mask(self, text: str) -> str:
        return mask(text, self.secrets)

    @property
    def shown_endpoint(self) -> str:
        return self.endpoint or "(none)"

    def warnings(self) -> list[str]:
        """Sentences about risky setups, for the front ends to show."""
        said = []
        if self.endpoint and self.password:
            parts = urllib.parse.urlsplit(self.endpoint)
            if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
                said.append(
                    f"the LRS address {self.endpoint} is not https, so the password "
                    "crosses the network unencrypted; use its https address"
                )
        return said


def mask(text: str, secrets: Iterable[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, MASK)
    return text


def load_config(
    environ: Mapping[str, str] | None = None, settings: Mapping[str, str] | None = None
) -> LrsConfig:
    """The LRS configuration from `environ` (default os.environ) over `settings`.

    `settings` defaults to the `lrs` object of the player's settings file.
    Raises LrsConfigError with a sentence naming the variable or setting to fix.
    """
    environ = os.environ if environ is None else environ
    if settings is None:
        from game.settings import load_settings

        settings = load_settings()[0].lrs
    values: dict[str, str] = {}
    origin: dict[str, str] = {}
    for key, variable in ENVIRONMENT.items():
        if environ.get(variable, "").strip():
            values[key], origin[key] = environ[variable].strip(), variable
        elif str(settings.get(key, "")).strip():
            values[key], origin[key] = str(settings[key]).strip(), f"the setting lrs.{key}"
    secrets = [values[k] for k in SECRET_KEYS if k in values]
    try:
        endpoint = _endpoint(values.get("endpoint"), origin.get("endpoint", ENDPOINT_ENV))
        addresses = _addresses(values, origin) if values.get("identity") == "email" else {}
        home_page = values.get("home_page", DEFAULT_HOME_PAGE)
        if not (is_iri(home_page) and home_page.startswith(("https://", "http://"))):
            raise LrsConfigError(
                f"{origin['home_page']} must be a web address (https://...), not {home_page!r}"
            )
        try:
            identity = IdentityPolicy(
                identity=values.get("identity", "name"),
                home_page=home_page,
                pseudonym_key=values.get("pseudonym_key", ""),
                addresses=addresses,
            )
        except IdentityError as error:
            raise LrsConfigError(f"the learning-record identity is wrong: {error}") from None
        language = values.get("language", DEFAULT_LANGUAGE)
        if not is_language_tag(language):
            raise LrsConfigError(
                f"{origin['language']} must be a language tag such as en or de-CH, not {language!r}"
            )
    except LrsConfigError as error:
        raise LrsConfigError(mask(str(error), secrets)) from None
    return LrsConfig(
        endpoint=endpoint,
        username=values.get("username", ""),
        password=values.get("password", ""),
        options=StatementOptions(identity=identity, language=language),
    )


def _endpoint(value: str | None, origin: str) -> str | None:
    if not value:
        return None
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LrsConfigError(
            f"{origin} must be the LRS's xAPI address, such as "
            f"https://lrs.example.com/xapi/, not {_without_userinfo(value)!r}"
        )
    if parts.username is not None or parts.password is not None:
        raise LrsConfigError(
            f"{origin} holds a user name or password ({_without_userinfo(value)}); put them "
            f"in {ENVIRONMENT['username']} and {ENVIRONMENT['password']} instead"
        )
    if parts.query or parts.fragment:
        raise LrsConfigError(f"{origin} must not have a query or fragment: {value}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _without_userinfo(value: str) -> str:
    parts = urllib.parse.urlsplit(value)
    netloc = parts.netloc.rpartition("@")[2]
    if "@" in parts.netloc:
        netloc = f"{MASK}@{netloc}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def _addresses(values: Mapping[str, str], origin: Mapping[str, str]) -> dict[str, str]:
    if "addresses" not in values:
        raise LrsConfigError(
            f"the identity `email` needs a list of names and addresses: set "
            f"{ENVIRONMENT['addresses']} to a CSV file of name,email lines"
        )
    return read_addresses(Path(values["addresses"]), origin["addresses"])


def read_addresses(path: Path, origin: str = "the address list") -> dict[str, str]:
    """`name,email` lines (a header line is allowed) -> {name_key(name): email}."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_ADDRESSES_BYTES + 1)
    except OSError as error:
        raise LrsConfigError(
            f"the address list {path} ({origin}) cannot be read ({error.strerror or error})"
        ) from None
    if len(data) > MAX_ADDRESSES_BYTES:
        raise LrsConfigError(f"the address list {path} is too large to be a list of staff")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LrsConfigError(
            f"the address list {path} is not UTF-8 text; save it as UTF-8"
        ) from None
    found: dict[str, str] = {}
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line == 1 and [c.casefold() for c in cells[:2]] == ["name", "email"]:
            continue
        if len(cells) != 2 or not all(cells):
            raise LrsConfigError(
                f"line {line} of the address list {path} must be a name and an email "
                "address separated by a comma"
            )
        name, email = cells
        key = name_key(name)
        if key in found and found[key] != email:
            raise LrsConfigError(
                f"line {line} of the address list {path} gives {name!r} a second address; "
                "keep one line per person"
            )
        found[key] = email
    return found
