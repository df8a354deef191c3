"""``python -m rhconfig.cli``: the same as the ``rhconfig`` command."""

from rhconfig.cli import main

main()
