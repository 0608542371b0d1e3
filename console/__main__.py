"""``python -m console``: the same as the ``cognito-console`` command."""

import sys

from console.cli import main

sys.exit(main())
