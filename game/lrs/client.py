"""An xAPI client for a Learning Record Store: POST and PUT statements, GET one back.

Standard library (urllib) on purpose: three requests with Basic credentials,
a version header and a timeout need no more, it honours the company's proxy
settings (HTTP(S)_PROXY) and its certificate store, and no dependency is added
to a game that sends a few kilobytes after each playthrough. Redirects are
never followed (urllib would turn a redirected POST into a GET and report
success). Every failure becomes one of the errors in game.lrs.errors, with the
credentials masked.
"""

from __future__ import annotations

import base64
import json
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from http.client import HTTPException
from typing import Any

from game.lrs.config import LrsConfig
from game.lrs.errors import (
    REFUSALS,
    LrsAuthError,
    LrsConfigError,
    LrsRefused,
    LrsUnreachable,
)

XAPI_VERSION = "1.0.3"  # sent in the X-Experience-API-Version header
MAX_DETAIL_CHARS = 300  # of the LRS's own explanation, quoted in messages
MAX_RESPONSE_BYTES = 10 * 1024 * 1024  # a statement read back is a few kilobytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


class LrsClient:
    """Talks to the LRS at `config.endpoint` (which must be set)."""

    def __init__(self, config: LrsConfig) -> None:
        if config.endpoint is None:
            raise LrsConfigError(
                "no Learning Record Store is set: set RAPPORT_LRS to its xAPI address"
            )
        self.config = config
        self.endpoint = config.endpoint
        self._opener = urllib.request.build_opener(_NoRedirect())

    @property
    def statements_url(self) -> str:
        return self.endpoint + "statements"

    def post_statements(self, statements: Sequence[dict[str, Any]]) -> None:
        """Store `statements` as one batch: all or none (xAPI's POST /statements).

        An LRS answers 200 with the new ids, or 204 when every statement was
        already stored, identical. Raises LrsRefused (409 when one id is taken
        by a different statement), LrsAuthError or LrsUnreachable.
        """
        self._request("POST", self.statements_url, list(statements))

    def put_statement(self, statement: dict[str, Any]) -> None:
        """Store one statement under its own id (xAPI's PUT /statements?statementId=)."""
        query = urllib.parse.urlencode({"statementId": statement["id"]})
        self._request("PUT", f"{self.statements_url}?{query}", statement)

    def get_statement(self, statement_id: str) -> dict[str, Any] | None:
        """The stored statement with this id, or None when the LRS has none."""
        query = urllib.parse.urlencode({"statementId": statement_id})
        data = self._request("GET", f"{self.statements_url}?{query}", None, missing_ok=True)
        if isinstance(data, dict) and isinstance(data.get("statements"), list):
            # Some LRSs answer with a statement result even for one id.
            found = [s for s in data["statements"] if isinstance(s, dict)]
            return found[0] if found else None
        return data if isinstance(data, dict) else None

    # -- inside ------------------------------------------------------------------------
    def _headers(self, body: bool) -> dict[str, str]:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if body:
            headers["Content-Type"] = "application/json"
        if self.config.username or self.config.password:
            pair = f"{self.config.username}:{self.config.password}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        return headers

    def _request(self, method: str, url: str, payload: Any, *, missing_ok: bool = False) -> Any:
        """The decoded JSON answer (None when empty, or 404 with `missing_ok`)."""
        body = None
        if payload is not None:
            body = json.dumps(payload, ensure_ascii=False, allow_nan=False).encode("utf-8")
        request = urllib.request.Request(
            url, data=body, method=method, headers=self._headers(body is not None)
        )
        where = self.endpoint
        try:
            with self._opener.open(request, timeout=self.config.timeout_s) as response:
                data = response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as error:
            with error:
                detail = _detail(error.read(MAX_DETAIL_CHARS * 4))
            if error.code == 404 and missing_ok:
                return None
            raise self._http_error(method, error.code, detail) from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, ssl.SSLError | ssl.CertificateError):
                raise LrsUnreachable(
                    self._masked(
                        f"the LRS at {where} did not prove who it is ({reason}); check the "
                        "address, or install the company's certificate authority"
                    )
                ) from None
            raise LrsUnreachable(
                self._masked(f"the LRS at {where} cannot be reached ({_reason(reason)})")
            ) from None
        except TimeoutError:
            raise LrsUnreachable(
                f"the LRS at {where} did not answer within {self.config.timeout_s:g} seconds"
            ) from None
        except (OSError, HTTPException) as error:
            raise LrsUnreachable(
                self._masked(f"the connection to the LRS at {where} failed ({error})")
            ) from None
        if not data:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def _http_error(self, method: str, status: int, detail: str) -> Exception:
        where = self.endpoint
        said = f": {detail}" if detail else ""
        if status in (401, 403):
            return LrsAuthError(
                self._masked(
                    f"the LRS at {where} refused the credentials (HTTP {status}{said}); check "
                    "RAPPORT_LRS_USERNAME and RAPPORT_LRS_PASSWORD"
                )
            )
        if status in (408, 429) or status >= 500:
            return LrsUnreachable(
                self._masked(
                    f"the LRS at {where} cannot take statements now (HTTP {status}{said})"
                ),
                status,
            )
        if status in REFUSALS:
            return LrsRefused(
                self._masked(f"the LRS at {where} refused the {method} (HTTP {status}{said})"),
                status,
            )
        if 300 <= status < 400:
            return LrsConfigError(
                self._masked(
                    f"the LRS address {where} redirects elsewhere (HTTP {status}); set "
                    "RAPPORT_LRS to the address the LRS's administrator gives for xAPI"
                )
            )
        return LrsConfigError(
            self._masked(
                f"{where} does not answer as an xAPI LRS (HTTP {status}{said}); check "
                "RAPPORT_LRS: it is the address that ends before /statements"
            )
        )

    def _masked(self, text: str) -> str:
        return self.config.mask(text)


def _detail(data: bytes) -> str:
    """The LRS's own explanation, shortened, on one line."""
    text = data.decode("utf-8", errors="replace")
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and "detail" in parsed:
        detail = parsed["detail"]
        text = detail if isinstance(detail, str) else json.dumps(detail)
    elif isinstance(parsed, dict) and isinstance(parsed.get("message"), str):
        text = parsed["message"]
    text = " ".join(text.split())
    if len(text) > MAX_DETAIL_CHARS:
        text = text[: MAX_DETAIL_CHARS - 1] + "…"
    return text


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: is it running, and is the address right?"
    if isinstance(reason, socket.gaierror):
        return "its host name is unknown: check the address"
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    return str(reason)
