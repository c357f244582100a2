"""Schemathesis hooks of the cross-tenant run (tests/test_schemathesis_tenants.py), loaded by the
CLI through SCHEMATHESIS_HOOKS.

Every generated request is sent with workspace B's credentials (the run's Authorization header)
but with workspace A's IDs put wherever a path parameter, the X-Workspace-Id header or a body field
takes one. The check `no_cross_tenant_success` fails any 2xx answer to such a request. Each
substitution is written to CROSS_TENANT_LOG, so the test can show that it really happened.
"""

import itertools
import json
import os
import re
from pathlib import Path
from typing import Any

import schemathesis

IDS: dict[str, list[str]] = json.loads(Path(os.environ["CROSS_TENANT_IDS"]).read_text())
LOG = Path(os.environ["CROSS_TENANT_LOG"])
PATH_PARAMETERS = {
    "workspace_id": "workspaces",
    "meeting_id": "meetings",
    "person_id": "people",
    "invitation_id": "invitations",
    "user_id": "users",
    "key_id": "keys",
    "task_id": "tasks",
}
BODY_FIELDS = {"workspace_id": "workspaces", "user_id": "users", "person_id": "people"}
WORKSPACE_HEADER = "X-Workspace-Id"
_turn = itertools.count()
_carried: dict[str, list[str]] = {}
"""Case id -> what of A's the request carried."""


def _one_of(kind: str) -> str:
    values = IDS[kind]
    return values[next(_turn) % len(values)]


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    carried: list[str] = []
    path_parameters = dict(case.path_parameters or {})
    for name in re.findall(r"{(\w+)}", case.path):
        if name in PATH_PARAMETERS:
            path_parameters[name] = _one_of(PATH_PARAMETERS[name])
            carried.append(name)
    case.path_parameters = path_parameters
    if WORKSPACE_HEADER in case.operation.headers:
        if case.headers is None:
            case.headers = {}
        case.headers[WORKSPACE_HEADER] = _one_of("workspaces")
        carried.append(WORKSPACE_HEADER)
    if isinstance(case.body, dict):
        for field, kind in BODY_FIELDS.items():
            if field in case.body:
                case.body[field] = _one_of(kind)
                carried.append(f"body.{field}")
    _carried[case.id] = carried
    with LOG.open("a") as log:
        log.write(json.dumps({"operation": case.operation.label, "carried": carried}) + "\n")


@schemathesis.check
def no_cross_tenant_success(ctx: Any, response: Any, case: Any) -> bool | None:
    """A request that names any of A's IDs, sent with B's credentials, must never succeed."""
    carried = _carried.get(case.id)
    if carried and 200 <= response.status_code < 300:
        raise AssertionError(
            f"{case.operation.label} answered {response.status_code} to B's credentials with A's {', '.join(carried)}"
        )
    return None
