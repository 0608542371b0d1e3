#!/usr/bin/env python3
"""The container's health check: the local Cognito answers HTTP on its port.

Any answer below 500 counts, an error for want of a signature included, so the check holds whatever
credentials the container runs with.
"""

import os
import sys
import urllib.error
import urllib.request

port = os.environ.get("COGNITO_LOCAL_PORT") or "9229"
try:
    urllib.request.urlopen(f"http://127.0.0.1:{port}/_emulator/health", timeout=3)
except urllib.error.HTTPError as exc:
    sys.exit(1 if exc.code >= 500 else 0)
except OSError as exc:
    sys.exit(f"no answer: {exc}")
