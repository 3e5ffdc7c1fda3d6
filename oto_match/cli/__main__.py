"""`python -m oto_match.cli`: the same as the `oto-match` command."""

import sys

from oto_match.cli import main

if __name__ == "__main__":
    sys.exit(main())
