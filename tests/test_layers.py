"""The layer rules cover every module: none can slip outside them."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import REPO

PACKAGE = REPO / "cxassess"


def _layers() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [name.strip() for layer in contract["layers"] for name in layer.split("|")]


def test_every_module_sits_in_a_declared_layer() -> None:
    layers = _layers()
    assert len(layers) >= 6
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        name = ".".join(rel.parts)
        if name in ("cxassess.__init__", "cxassess.__main__"):
            continue
        modules.append(name)
        assert any(name == layer or name.startswith(layer + ".") for layer in layers), f"{name} is in no layer"
    assert len(modules) > 30


def test_every_command_module_is_kept_independent() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "independence")
    commands = (PACKAGE / "cli" / "__init__.py").read_text(encoding="utf-8")
    registered = set(re.findall(r'"(cxassess\.cli\.[a-z_]+)"', commands))
    assert registered and registered <= set(contract["modules"])
