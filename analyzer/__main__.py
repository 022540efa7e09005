"""``python -m analyzer``: the command line."""

from .cli import main

main()
