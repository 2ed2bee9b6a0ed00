"""``python -m jobfix`` and the ``jobfix`` command."""

import sys


def main() -> None:
    from jobfix import check_command, rule_commands

    args = sys.argv[1:]
    # `rules`, `explain` and the plain check command lines start without typer
    if not rule_commands.answer(args) and not check_command.answer(args):
        from jobfix.cli import main as command_line

        command_line()


if __name__ == "__main__":
    main()
