"""The IRIs in Rapport's learning records: the ADL verbs and activity types, and Rapport's own.

Every IRI a statement carries is defined here, once, and listed in docs/lms.md
(a test checks that the page names each one). Rapport's own IRIs identify
things; they are not web pages. Changing one changes what an LRS already holds
under the same statement ids, so they are fixed for good once released.
"""

from __future__ import annotations

import uuid

from game.core.model import COMPETENCIES

# Rapport's vocabulary: activities and extension keys it mints. The `.invalid`
# top-level domain is reserved (RFC 2606), so no one else can ever own it.
BASE = "https://rapport.invalid/xapi/"

# -- ADL's verbs (xAPI 1.0.3 "ADL Vocabulary") ---------------------------------------
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ANSWERED = ADL_VERBS + "answered"
COMPLETED = ADL_VERBS + "completed"
PASSED = ADL_VERBS + "passed"
FAILED = ADL_VERBS + "failed"
VERB_NAMES = {ANSWERED: "answered", COMPLETED: "completed", PASSED: "passed", FAILED: "failed"}

# -- ADL's activity types --------------------------------------------------------------
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
INTERACTION = ADL_ACTIVITIES + "cmi.interaction"  # one decision node
SIMULATION = ADL_ACTIVITIES + "simulation"  # one scenario: a role-played conversation
MODULE_TYPE = ADL_ACTIVITIES + "module"  # an onboarding track of scenarios


# -- Rapport's activities ------------------------------------------------------------
def scenario_activity_id(scenario: str) -> str:
    return f"{BASE}scenarios/{scenario}"


def node_activity_id(scenario: str, node: str) -> str:
    return f"{BASE}scenarios/{scenario}/nodes/{node}"


def module_activity_id(module: str) -> str:
    return f"{BASE}modules/{module}"


# -- Rapport's extension keys ------------------------------------------------------------
EXTENSIONS = BASE + "extensions/"
# result.extensions of an `answered` statement: what the decision changed (a whole number).
DELTA = {c: f"{EXTENSIONS}delta/{c}" for c in COMPETENCIES}
# result.extensions at the ending: each competency's percent (null when not assessed) ...
PERCENT = {c: f"{EXTENSIONS}percent/{c}" for c in COMPETENCIES}
# ... and its raw score with the lowest and highest the scenario allows.
RAW = {c: f"{EXTENSIONS}raw/{c}" for c in COMPETENCIES}
OUTCOME = EXTENSIONS + "outcome"  # "success", "partial" or "failure"
ENDING = EXTENSIONS + "ending"  # the id of the ending node reached
PASS_PERCENT = EXTENSIONS + "pass-percent"  # the module's pass mark, on passed/failed
SCENARIO_BEST = EXTENSIONS + "scenario-best"  # module statements: best overall per scenario
# context.extensions
SESSION = EXTENSIONS + "session"  # the team-meeting session's name
APP_VERSION = EXTENSIONS + "app-version"  # the Rapport version that scored the playthrough

PLATFORM = "Rapport"  # context.platform

# The namespace of Rapport's UUID v5 statement ids (a random UUID, fixed for good).
STATEMENT_NAMESPACE = uuid.UUID("6c0f4a0e-2d52-4c6f-9a57-5b1f0e3d8c21")


def every_iri() -> list[str]:
    """Every fixed IRI above (the activity ids are patterns), for the docs check."""
    return [
        *VERB_NAMES,
        INTERACTION,
        SIMULATION,
        MODULE_TYPE,
        *DELTA.values(),
        *PERCENT.values(),
        *RAW.values(),
        OUTCOME,
        ENDING,
        PASS_PERCENT,
        SCENARIO_BEST,
        SESSION,
        APP_VERSION,
    ]
