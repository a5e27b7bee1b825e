"""Rules are data: YAML files under ``rules/``, validated by pydantic models when loaded.

Each stage owns its rule files and declares a pydantic model for them; this module only
finds the rules folder, loads YAML and reports invalid files with the file's name.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

RULES_ENV = "NOTICE_TASKS_RULES"
M = TypeVar("M", bound=BaseModel)


class RulesError(Exception):
    """A rules file is missing or does not validate."""


def rules_dir() -> Path:
    """The rules folder: $NOTICE_TASKS_RULES, else ``rules/`` beside the package."""
    override = os.environ.get(RULES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "rules"


# libyaml's safe loader when PyYAML was built with it: the rules load 10 times faster
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_rules(name: str, model: type[M], folder: str | None = None) -> M:
    """Load ``rules/<name>`` (a YAML file) and validate it against ``model``."""
    path = Path(folder) if folder else rules_dir()
    path = path / name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except FileNotFoundError as exc:
        raise RulesError(f"{path}: rules file not found") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulesError(f"{path}: {exc}") from exc


def load_rules_folder(name: str, model: type[M]) -> list[M]:
    """Load and validate every ``*.yaml`` in ``rules/<name>/`` (sorted by file name)."""
    files = sorted((rules_dir() / name).glob("*.yaml"))
    return [load_rules(f"{name}/{path.name}", model) for path in files]
