"""Editors' YAML tooling: VS Code maps every record type's folder to its JSON Schema."""

import json
from pathlib import Path

from click.testing import CliRunner

from generator.site.cli import main
from generator.types import RECORD_TYPES

REPO = Path(__file__).resolve().parent.parent


def test_vscode_settings_give_every_record_type_its_schema(tmp_path: Path) -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        f".kb/schemas/{type_name}.schema.json": f"data/{type_name}/*.yaml"
        for type_name in RECORD_TYPES
    }
    result = CliRunner().invoke(main, ["schemas", "--out", str(tmp_path)])
    assert result.exit_code == 0
    for type_name in RECORD_TYPES:
        schema = json.loads((tmp_path / f"{type_name}.schema.json").read_text(encoding="utf-8"))
        assert schema["additionalProperties"] is False
