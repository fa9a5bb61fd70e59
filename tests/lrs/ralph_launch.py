"""Runs Ralph's LRS API on 127.0.0.1:PORT with its file backend (run by Ralph's own Python).

Usage: .venv-ralph/bin/python tests/lrs/ralph_launch.py PORT

Ralph 5.1.0's file backend writes its one statements file with the `create`
operation, which refuses a file that exists: every POST after the first fails
with HTTP 500. Appending is the operation that backend offers for a file that
grows, so it is made the default here. Nothing else is changed: the HTTP
API, its validation, its duplicate and conflict checks are Ralph's own.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
