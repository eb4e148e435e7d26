"""One table of the failures of all fuzzing runs (Schemathesis NDJSON reports), deduplicated.

    findings.py [--compact] REPORT_DIR ROLE...
    findings.py --unreached REPORT_DIR ROLE...   (operations no run got a 2xx from)

For every distinct (check, operation, status, problem codes) it prints the roles that hit it, a
test case id (`st replay` needs the run's cassette; the curl command is in <role>.log) and the
request that did it: method, URL and the first 300 characters of the body. Standard library only.
Exit status 0 also when there are failures: the fuzz runs' own exit statuses decide.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any


_INDEX = re.compile(r"/\d+(?=/|$)")


def _decode(payload: Any) -> str:
    if isinstance(payload, dict) and "$base64" in payload:
        try:
            return base64.b64decode(payload["$base64"]).decode("utf-8", errors="replace")
        except ValueError:
            return ""
    if isinstance(payload, dict) and "string" in payload:
        return str(payload["string"])
    return "" if payload is None else str(payload)


def _codes(text: str) -> str:
    try:
        body = json.loads(text)
    except ValueError:
        return ""
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list):
        # Array indexes collapse to `*`: /municipalities/3 and /municipalities/17 are one finding.
        return ", ".join(
            sorted({f"{_INDEX.sub('/*', str(e.get('pointer')))}:{e.get('code')}" for e in errors if isinstance(e, dict)})
        )
    if isinstance(body, dict) and "results" in body:  # BatchResult
        return "batch results"
    return ""


def collect(report_dir: Path, roles: list[str]) -> OrderedDict[tuple[str, str, str, str], dict[str, Any]]:
    found: OrderedDict[tuple[str, str, str, str], dict[str, Any]] = OrderedDict()
    for role in roles:
        path = report_dir / f"{role}.ndjson"
        if not path.is_file():
            continue
        for line in path.open(encoding="utf-8"):
            try:
                event = json.loads(line)
            except ValueError:
                continue
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder") or {}
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    info = check.get("failure_info")
                    if check.get("status") != "failure" or not info:
                        continue
                    failure = info.get("failure") or {}
                    interaction = (recorder.get("interactions") or {}).get(case_id) or {}
                    request = interaction.get("request") or {}
                    response = interaction.get("response") or {}
                    status = str(response.get("status_code", "-"))
                    codes = _codes(_decode(response.get("content")))
                    operation = failure.get("operation") or recorder.get("label") or "?"
                    key = (failure.get("code", "?") + " " + failure.get("title", ""), operation, status, codes)
                    entry = found.setdefault(
                        key,
                        {
                            "roles": [],
                            "case_id": case_id,
                            "phase": finished.get("phase"),
                            "request": f"{request.get('method', '?')} {request.get('uri', '?')}",
                            "body": _decode(request.get("body"))[:300],
                            "message": (failure.get("message") or "").splitlines()[:2],
                        },
                    )
                    if role not in entry["roles"]:
                        entry["roles"].append(role)
    return found


def unreached(report_dir: Path, roles: list[str]) -> list[str]:
    """Operations that no role's run got a 2xx from (from <role>.requests.jsonl)."""
    seen: dict[str, bool] = {}
    for role in roles:
        path = report_dir / f"{role}.requests.jsonl"
        if not path.is_file():
            continue
        for line in path.open(encoding="utf-8"):
            try:
                r = json.loads(line)
            except ValueError:
                continue
            operation = str(r.get("operation", ""))
            if operation.split(" ")[0] != r.get("method"):
                continue  # an unexpected-method probe, not the operation itself
            seen[operation] = seen.get(operation, False) or 200 <= int(r.get("status", 0)) < 300
    return sorted(op for op, ok in seen.items() if not ok)


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--unreached":
        missing = unreached(Path(args[1]), args[2:])
        for op in missing:
            print(f"    {op}")
        return
    compact = bool(args) and args[0] == "--compact"
    if compact:
        args = args[1:]
    if len(args) < 2:
        sys.exit("usage: findings.py [--compact] REPORT_DIR ROLE...")
    found = collect(Path(args[0]), args[1:])
    if not found:
        print("    no failures")
        return
    for n, ((check, operation, status, codes), e) in enumerate(found.items(), 1):
        print(f"{n:4}. {check}: {operation} -> {status}" + (f" [{codes}]" if codes else ""))
        if compact:
            print(f"        {e['request']}  ({', '.join(e['roles'])}; case {e['case_id']})")
            continue
        print(f"        roles: {', '.join(e['roles'])}; phase {e['phase']}; test case {e['case_id']}")
        for line in e["message"]:
            if line.strip():
                print(f"        {line}")
        print(f"        request: {e['request']}")
        if e["body"]:
            print(f"        body: {e['body']}")


if __name__ == "__main__":
    main()
