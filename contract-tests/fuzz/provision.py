"""Create what the fuzzing runs need on a fresh server, through the API itself.

    provision.py BASE_URL  (admin credentials in CONTRACT_ADMIN_CLIENT_ID / _SECRET)

With an admin token (obtained from POST /oauth/token) it creates:
  - a unit in Söderhamn (municipality 2182, region fou-valfard-gavleborg), so that the vendor's
    cases are also inside the region analyst's region;
  - a `vendor` client scoped to that unit (POST /v1/admin/clients);
  - a sacrificial `analyst` client that the admin run revokes and rotates instead of the run's
    own clients (see hooks.py).
and prints one JSON object: {"unit_id", "vendor": {client_id, client_secret}, "sacrificial_client_id"}.

Standard library only; any non-2xx answer is an error (exit status 1) with the problem document.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

MUNICIPALITY = "2182"  # Söderhamn, in the seed region fou-valfard-gavleborg


def call(base: str, method: str, path: str, *, token: str | None = None, body: object = None,
         form: dict[str, str] | None = None, basic: tuple[str, str] | None = None) -> object:
    headers = {"Accept": "application/json", "X-Request-Id": f"contract-tests-provision-{uuid.uuid4()}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    elif basic:
        pair = f"{urllib.parse.quote(basic[0], safe='')}:{urllib.parse.quote(basic[1], safe='')}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    request = urllib.request.Request(base.rstrip("/") + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as err:
        detail = err.read().decode(errors="replace")
        sys.exit(f"provision: {method} {path} answered {err.code}: {detail}")
    except urllib.error.URLError as err:
        sys.exit(f"provision: {method} {path} failed: {err.reason}")


def token(base: str, client_id: str, secret: str) -> str:
    answer = call(base, "POST", "/oauth/token", form={"grant_type": "client_credentials"}, basic=(client_id, secret))
    assert isinstance(answer, dict)
    return str(answer["access_token"])


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: provision.py BASE_URL (admin credentials in CONTRACT_ADMIN_CLIENT_ID/_SECRET)")
    base = sys.argv[1]
    try:
        admin = token(base, os.environ["CONTRACT_ADMIN_CLIENT_ID"], os.environ["CONTRACT_ADMIN_CLIENT_SECRET"])
    except KeyError as missing:
        sys.exit(f"provision: {missing} is not set")
    suffix = uuid.uuid4().hex[:8]
    unit = call(base, "POST", "/v1/units", token=admin,
                body={"municipality": MUNICIPALITY, "name": f"Contract tests {suffix}"})
    assert isinstance(unit, dict)
    vendor = call(base, "POST", "/v1/admin/clients", token=admin,
                  body={"name": f"contract-tests vendor {suffix}", "role": "vendor", "units": [unit["id"]]})
    sacrificial = call(base, "POST", "/v1/admin/clients", token=admin,
                       body={"name": f"contract-tests sacrificial {suffix}", "role": "analyst"})
    assert isinstance(vendor, dict) and isinstance(sacrificial, dict)
    # The admin API answers ApiClientWithSecret: {"client": ApiClient, "client_secret": ...}.
    vendor_client = vendor.get("client", vendor)
    sacrificial_client = sacrificial.get("client", sacrificial)
    json.dump(
        {
            "unit_id": unit["id"],
            "vendor": {"client_id": vendor_client["client_id"], "client_secret": vendor["client_secret"]},
            "sacrificial_client_id": sacrificial_client["client_id"],
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
