"""xAPI 1.0.3 rules a statement must meet, checked before anything is queued or exported.

Checks return data: `problems(statement)` lists what is wrong, each with the
path of the property (`result.score.scaled`), and an empty list means the
statement meets every rule checked here. The rules are those of the xAPI 1.0.3
data specification that Rapport's statements touch: the properties allowed at
each level, UUIDs, IRIs, language maps, the actor's single identifier, score
ranges, timestamps and durations. Pure: no I/O.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import datetime
from typing import Any

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]+")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_DURATION = re.compile(
    r"P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"
)
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
_MBOX = re.compile(r"mailto:[^@\s]+@[^@\s]+")
_SHA1 = re.compile(r"[0-9a-f]{40}")

STATEMENT_KEYS = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
    "authority", "version", "attachments",
}  # fmt: skip
AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
ACTIVITY_KEYS = {"objectType", "id", "definition"}
DEFINITION_KEYS = {
    "name", "description", "type", "moreInfo", "extensions", "interactionType",
    "correctResponsesPattern", "choices", "scale", "source", "target", "steps",
}  # fmt: skip
INTERACTION_TYPES = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
    "sequencing", "likert", "numeric", "other",
}  # fmt: skip
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
CONTEXT_KEYS = {
    "registration", "instructor", "team", "contextActivities", "revision", "platform",
    "language", "statement", "extensions",
}  # fmt: skip
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and _IRI.fullmatch(value) is not None


def is_language_tag(value: Any) -> bool:
    """An RFC 5646 language tag such as `en`, `de-CH` or `zh-Hant-TW` (its shape)."""
    return isinstance(value, str) and _LANGUAGE.fullmatch(value) is not None


def is_uuid(value: Any) -> bool:
    """A UUID in its canonical lowercase, hyphenated form."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def is_timestamp(value: Any) -> bool:
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def problems(statement: Any) -> list[str]:
    """Every rule `statement` breaks, as `path: what is wrong`; empty when valid."""
    found: list[str] = []
    _Checker(found).statement(statement)
    return found


def is_valid(statement: Any) -> bool:
    return not problems(statement)


class _Checker:
    def __init__(self, found: list[str]) -> None:
        self.found = found

    def fail(self, path: str, message: str) -> None:
        self.found.append(f"{path}: {message}")

    def object(self, value: Any, path: str, allowed: set[str], required: tuple[str, ...]) -> bool:
        if not isinstance(value, dict):
            self.fail(path, "must be an object")
            return False
        for key in sorted(set(value) - allowed):
            self.fail(f"{path}.{key}", "is not a property xAPI allows here")
        for key in required:
            if key not in value:
                self.fail(f"{path}.{key}", "is required")
        for key, item in value.items():
            if item is None or item == "" or item == {} or item == []:
                self.fail(f"{path}.{key}", "must not be empty (leave it out instead)")
        return True

    def statement(self, value: Any) -> None:
        if not self.object(value, "statement", STATEMENT_KEYS, ("id", "actor", "verb", "object")):
            return
        if "id" in value and not is_uuid(value["id"]):
            self.fail("id", "must be a UUID in lowercase hyphenated form")
        self.agent(value.get("actor"), "actor")
        self.verb(value.get("verb"))
        self.activity(value.get("object"), "object")
        if "result" in value:
            self.result(value["result"])
        if "context" in value:
            self.context(value["context"])
        if "timestamp" in value and not is_timestamp(value["timestamp"]):
            self.fail("timestamp", "must be an ISO 8601 time with a time zone")
        if "version" in value and not re.fullmatch(r"1\.0(\.\d+)?", str(value["version"])):
            self.fail("version", "must be 1.0.x")

    def agent(self, value: Any, path: str) -> None:
        if value is None or not self.object(value, path, AGENT_KEYS, ()):
            return
        if value.get("objectType", "Agent") != "Agent":
            self.fail(f"{path}.objectType", "must be Agent")
        present = [key for key in IFI_KEYS if key in value]
        if len(present) != 1:
            self.fail(path, f"must have exactly one identifier ({', '.join(IFI_KEYS)})")
        if "name" in value and not isinstance(value["name"], str):
            self.fail(f"{path}.name", "must be text")
        if "mbox" in value and not (
            isinstance(value["mbox"], str) and _MBOX.fullmatch(value["mbox"])
        ):
            self.fail(f"{path}.mbox", "must be mailto: and an email address")
        if "mbox_sha1sum" in value and not (
            isinstance(value["mbox_sha1sum"], str) and _SHA1.fullmatch(value["mbox_sha1sum"])
        ):
            self.fail(f"{path}.mbox_sha1sum", "must be 40 lowercase hex digits")
        if "openid" in value and not is_iri(value["openid"]):
            self.fail(f"{path}.openid", "must be a URI")
        account = value.get("account")
        if "account" in value and self.object(
            account, f"{path}.account", {"homePage", "name"}, ("homePage", "name")
        ):
            if "homePage" in account and not is_iri(account["homePage"]):
                self.fail(f"{path}.account.homePage", "must be an IRL (a web address)")
            if "name" in account and not isinstance(account["name"], str):
                self.fail(f"{path}.account.name", "must be text")

    def verb(self, value: Any) -> None:
        if value is None or not self.object(value, "verb", {"id", "display"}, ("id",)):
            return
        if not is_iri(value.get("id")):
            self.fail("verb.id", "must be an IRI")
        if "display" in value:
            self.language_map(value["display"], "verb.display")

    def language_map(self, value: Any, path: str) -> None:
        if not isinstance(value, dict) or not value:
            self.fail(path, "must be a language map with at least one entry")
            return
        for tag, text in value.items():
            if not _LANGUAGE.fullmatch(tag):
                self.fail(f"{path}.{tag}", "is not an RFC 5646 language tag")
            if not isinstance(text, str):
                self.fail(f"{path}.{tag}", "must be text")

    def extensions(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.fail(path, "must be an object")
            return
        for key in value:
            if not is_iri(key):
                self.fail(f"{path}.{key}", "extension keys must be IRIs")
            elif not _json_safe(value[key]):
                self.fail(f"{path}.{key}", "holds a number JSON cannot carry (NaN or infinite)")

    def activity(self, value: Any, path: str) -> None:
        if value is None or not self.object(value, path, ACTIVITY_KEYS, ("id",)):
            return
        if value.get("objectType", "Activity") != "Activity":
            self.fail(f"{path}.objectType", "must be Activity")
        if not is_iri(value.get("id")):
            self.fail(f"{path}.id", "must be an IRI")
        if "definition" in value:
            self.definition(value["definition"], f"{path}.definition")

    def definition(self, value: Any, path: str) -> None:
        if not self.object(value, path, DEFINITION_KEYS, ()):
            return
        for key in ("name", "description"):
            if key in value:
                self.language_map(value[key], f"{path}.{key}")
        for key in ("type", "moreInfo"):
            if key in value and not is_iri(value[key]):
                self.fail(f"{path}.{key}", "must be an IRI")
        if "extensions" in value:
            self.extensions(value["extensions"], f"{path}.extensions")
        kind = value.get("interactionType")
        if kind is None:
            for key in ("choices", "correctResponsesPattern", "scale", "source", "target"):
                if key in value:
                    self.fail(f"{path}.{key}", "needs an interactionType")
            return
        if kind not in INTERACTION_TYPES:
            self.fail(f"{path}.interactionType", f"{kind!r} is not an xAPI interaction type")
        if "correctResponsesPattern" in value and not (
            isinstance(value["correctResponsesPattern"], list)
            and all(isinstance(p, str) for p in value["correctResponsesPattern"])
        ):
            self.fail(f"{path}.correctResponsesPattern", "must be a list of text")
        if "choices" in value:
            if kind not in ("choice", "sequencing"):
                self.fail(f"{path}.choices", "only choice and sequencing interactions have them")
            self.components(value["choices"], f"{path}.choices")

    def components(self, value: Any, path: str) -> None:
        if not isinstance(value, list) or not value:
            self.fail(path, "must be a list of components")
            return
        ids: set[str] = set()
        for n, component in enumerate(value):
            here = f"{path}[{n}]"
            if not self.object(component, here, {"id", "description"}, ("id",)):
                continue
            component_id = component.get("id")
            if not isinstance(component_id, str) or "[,]" in component_id:
                self.fail(f"{here}.id", "must be text without the delimiter [,]")
            elif component_id in ids:
                self.fail(f"{here}.id", f"{component_id!r} is used twice")
            else:
                ids.add(component_id)
            if "description" in component:
                self.language_map(component["description"], f"{here}.description")

    def result(self, value: Any) -> None:
        if not self.object(value, "result", RESULT_KEYS, ()):
            return
        for key in ("success", "completion"):
            if key in value and not isinstance(value[key], bool):
                self.fail(f"result.{key}", "must be true or false")
        if "response" in value and not isinstance(value["response"], str):
            self.fail("result.response", "must be text")
        if "duration" in value and not (
            isinstance(value["duration"], str) and _DURATION.fullmatch(value["duration"])
        ):
            self.fail("result.duration", "must be an ISO 8601 duration")
        if "extensions" in value:
            self.extensions(value["extensions"], "result.extensions")
        if "score" in value:
            self.score(value["score"])

    def score(self, value: Any) -> None:
        if not self.object(value, "result.score", SCORE_KEYS, ()):
            return
        numbers: dict[str, float] = {}
        for key in SCORE_KEYS & set(value):
            number = value[key]
            if isinstance(number, bool) or not isinstance(number, int | float):
                self.fail(f"result.score.{key}", "must be a number")
            elif not math.isfinite(number):
                self.fail(f"result.score.{key}", "must be finite")
            else:
                numbers[key] = number
        if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
            self.fail("result.score.scaled", "must be between -1 and 1")
        low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
        if low is not None and high is not None and not low < high:
            self.fail("result.score.max", "must be greater than min")
        if raw is not None and low is not None and raw < low:
            self.fail("result.score.raw", "must not be below min")
        if raw is not None and high is not None and raw > high:
            self.fail("result.score.raw", "must not be above max")

    def context(self, value: Any) -> None:
        if not self.object(value, "context", CONTEXT_KEYS, ()):
            return
        if "registration" in value and not is_uuid(value["registration"]):
            self.fail("context.registration", "must be a UUID in lowercase hyphenated form")
        for key in ("revision", "platform"):
            if key in value and not isinstance(value[key], str):
                self.fail(f"context.{key}", "must be text")
        if "language" in value and not (
            isinstance(value["language"], str) and _LANGUAGE.fullmatch(value["language"])
        ):
            self.fail("context.language", "must be an RFC 5646 language tag")
        if "extensions" in value:
            self.extensions(value["extensions"], "context.extensions")
        activities = value.get("contextActivities")
        if "contextActivities" in value and self.object(
            activities, "context.contextActivities", CONTEXT_ACTIVITY_KEYS, ()
        ):
            for key, items in activities.items():
                here = f"context.contextActivities.{key}"
                listed = items if isinstance(items, list) else [items]
                for n, item in enumerate(listed):
                    self.activity(item, f"{here}[{n}]")


def _json_safe(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_json_safe(v) for v in value.values())
    if isinstance(value, list):
        return all(_json_safe(v) for v in value)
    return True
