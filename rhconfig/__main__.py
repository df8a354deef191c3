"""``python -m rhconfig``: the same as the ``rhconfig`` command."""

from rhconfig.cli import main

main()
