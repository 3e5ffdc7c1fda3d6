"""`python -m oto_match.cli`: the same as the `oto-match` command."""

import sys

from oto_match.cli import main

sys.exit(main())
