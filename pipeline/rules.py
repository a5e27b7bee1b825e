"""Rules are data: YAML files under ``rules/``, validated strictly when loaded.

Each rule file is owned by one module, which declares a ``RuleModel`` for it; ``RULE_FILES``
names the owner of every file, so that ``check_rules()`` can refuse a broken file before any
document is read (unknown keys, values outside their catalog, patterns that do not compile),
naming the file, the key and the reason.

The rules ship inside the wheel (``pipeline/ruleset``, mapped from the top-level ``rules/``);
a source checkout reads ``rules/`` itself, and ``$NOTICE_TASKS_RULES`` points elsewhere.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from functools import cache
from pathlib import Path
from typing import Annotated, TypeVar

import regex
import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

RULES_ENV = "NOTICE_TASKS_RULES"
M = TypeVar("M", bound=BaseModel)

# Every rule file and the model that owns it ("module:Model"); check_rules() loads them all.
RULE_FILES: dict[str, str] = {
    "ingest.yaml": "pipeline.stages.ingest.settings:IngestRules",
    "formats.yaml": "pipeline.stages.ingest.settings:FormatRules",
    "normalize.yaml": "pipeline.stages.normalize:NormalizeRules",
    "segment.yaml": "pipeline.stages.segment_rules:SegmentRules",
    "roles.yaml": "pipeline.stages.roles:RoleRules",
    "quantities.yaml": "pipeline.stages.quantities:QuantityRules",
    "traps.yaml": "pipeline.stages.quantities:TrapRules",
    "deadlines.yaml": "pipeline.stages.deadlines:DeadlineRules",
    "mentions.yaml": "pipeline.stages.mentions:MentionRules",
    "agencies/departments.yaml": "pipeline.stages.agency_names:Gazetteer",
    "agencies/grammar.yaml": "pipeline.stages.agency_names:Grammar",
}


class RulesError(Exception):
    """A rules file is missing or does not validate (the message names the file)."""


class RuleModel(BaseModel):
    """A rule file's model: unknown keys are refused, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiles(pattern: str) -> str:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
    return pattern


# A `regex` pattern, compiled when its file loads so that a broken one is refused at start.
Pattern = Annotated[str, AfterValidator(_compiles)]


def rules_dir() -> Path:
    """The rules folder: $NOTICE_TASKS_RULES, else the rules shipped in the package, else
    ``rules/`` of the source checkout (an editable install)."""
    override = os.environ.get(RULES_ENV)
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    shipped = here / "ruleset"
    return shipped if shipped.is_dir() else here.parent / "rules"


# libyaml's safe loader when PyYAML was built with it: the rules load 10 times faster
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_rules(name: str, model: type[M], folder: str | None = None) -> M:
    """Load ``rules/<name>`` (a YAML file) and validate it against ``model``."""
    path = (Path(folder) if folder else rules_dir()) / name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except FileNotFoundError as exc:
        raise RulesError(f"{path}: rules file not found") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulesError(f"{path}: {_explain(exc)}") from exc


def _explain(exc: ValidationError) -> str:
    """One line per problem: the key path and the reason."""
    problems = []
    for err in exc.errors():
        key = ".".join(str(part) for part in err["loc"]) or "(top level)"
        problems.append(f"{key}: {err['msg']}")
    return "; ".join(problems)


def load_rules_folder(name: str, model: type[M]) -> list[M]:
    """Load and validate every ``*.yaml`` in ``rules/<name>/`` (sorted by file name)."""
    files = sorted((rules_dir() / name).glob("*.yaml"))
    return [load_rules(f"{name}/{path.name}", model) for path in files]


def rule_model(owner: str) -> type[BaseModel]:
    module, _, name = owner.partition(":")
    model: type[BaseModel] = getattr(importlib.import_module(module), name)
    return model


def check_rules(folder: Path | None = None) -> None:
    """Load every rule file (of ``folder``, else the rules in use) with its model; the first
    broken one raises ``RulesError`` naming the file, the key and the reason."""
    for name, owner in RULE_FILES.items():
        load_rules(name, rule_model(owner), str(folder) if folder else None)


def rules_fingerprint() -> str:
    """A digest of every rule file in use (names and bytes): results made with other rules
    are redone."""
    digest = hashlib.sha256()
    root = rules_dir()
    for path in sorted(root.rglob("*.yaml")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]
