"""``python -m verify check|batch ...`` (the ``verify`` console script)."""
import sys

from verify.cli import main

if __name__ == "__main__":
    sys.exit(main())
