"""The docs are tested: every command and every setting is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from stationapp.cli import COMMANDS
from stationapp.core.lines import settings_of_every_line

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_cli_command_is_documented(command):
    assert f"`stationapp {command}" in CLI_DOC


@pytest.mark.parametrize("key", sorted(settings_of_every_line()))
def test_every_setting_is_documented(key):
    assert f"`{key}`" in CLI_DOC


def _county_commands() -> list[str]:
    from sync.server.cli import _parser

    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    return sorted(commands.choices)


@pytest.mark.parametrize("command", _county_commands())
def test_every_county_center_command_is_documented(command):
    import re

    assert re.search(rf"`county-center [^`]*\b{re.escape(command)}[ `]", CLI_DOC)


def test_the_readme_quick_start_is_two_commands_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["bash scripts/run.sh", "bash scripts/test.sh"]
    for command in commands:
        assert (ROOT / command.split()[1]).exists()


def test_every_doc_the_readme_links_exists():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        assert (ROOT / target).exists(), target
