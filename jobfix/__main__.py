"""``python -m jobfix`` and the ``jobfix`` command."""

import sys


def main() -> None:
    from jobfix.rule_commands import answer

    if not answer(sys.argv[1:]):  # `rules` and `explain` start without typer
        from jobfix.cli import main as command_line

        command_line()


if __name__ == "__main__":
    main()
