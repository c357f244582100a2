"""Write the API's OpenAPI spec to `openapi.json` (the frontend generates its client from it).

    python scripts/export_openapi.py [--check]

`--check` exits 1 when the file on disk differs from what the code describes.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

BACKEND = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BACKEND))

from app.core.config import Environment, Settings  # noqa: E402
from app.main import create_app  # noqa: E402

SPEC_PATH = BACKEND / "openapi.json"


def render_spec() -> str:
    spec: dict[str, Any] = create_app(Settings(environment=Environment.TEST)).openapi()
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if openapi.json is stale")
    args = parser.parse_args()
    spec = render_spec()
    if args.check:
        if not SPEC_PATH.exists() or SPEC_PATH.read_text() != spec:
            print(f"{SPEC_PATH} is stale: run python scripts/export_openapi.py", file=sys.stderr)
            return 1
        return 0
    SPEC_PATH.write_text(spec)
    print(f"wrote {SPEC_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
