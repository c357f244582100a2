"""Just enough of the Dockerfile and .dockerignore formats to check the images' build inputs."""

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


@dataclass
class Stage:
    image: str
    alias: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [instruction for instruction in self.instructions if instruction.keyword == keyword]


@dataclass
class Dockerfile:
    path: Path
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    @property
    def aliases(self) -> set[str]:
        return {stage.alias for stage in self.stages if stage.alias}

    def context_sources(self) -> list[str]:
        """Paths that COPY/ADD take from the build context (not from another stage or image)."""
        sources: list[str] = []
        for stage in self.stages:
            for instruction in stage.all("COPY") + stage.all("ADD"):
                words = shlex.split(instruction.arguments)
                if any(word.startswith("--from=") for word in words):
                    continue
                paths = [word for word in words if not word.startswith("--")]
                sources.extend(paths[:-1])
        return sources


def parse_dockerfile(path: Path) -> Dockerfile:
    """Instructions grouped by stage; comments dropped and continuation lines joined."""
    logical: list[str] = []
    pending = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    stages: list[Stage] = []
    for line in logical:
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = [word for word in arguments.split() if not word.startswith("--")]
            alias = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(image=words[0], alias=alias))
        elif stages:
            stages[-1].instructions.append(Instruction(keyword, arguments.strip()))
    return Dockerfile(path=path, stages=stages)


def ignore_file_for(dockerfile: Path, context: Path) -> Path | None:
    """The filter BuildKit applies: `<Dockerfile>.dockerignore` beside it, else the context's own."""
    for candidate in (dockerfile.with_name(dockerfile.name + ".dockerignore"), context / ".dockerignore"):
        if candidate.is_file():
            return candidate
    return None


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    parts = []
    for token in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
        if token == "**/":
            parts.append("(?:.*/)?")
        elif token == "**":
            parts.append(".*")
        elif token == "*":
            parts.append("[^/]*")
        elif token == "?":
            parts.append("[^/]")
        else:
            parts.append(re.escape(token))
    return re.compile("".join(parts) + "$")


def is_excluded(relative_path: str, ignore_file: Path | None) -> bool:
    """Whether the build context filter drops this path (moby's rules: the last matching pattern
    decides, and a pattern matching a parent folder matches everything below it)."""
    if ignore_file is None:
        return False
    rules = []
    for raw in ignore_file.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        rules.append((negated, _pattern_regex(line.lstrip("!").strip("/"))))
    parts = relative_path.strip("/").split("/")
    candidates = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    excluded = False
    for negated, regex in rules:
        if any(regex.match(candidate) for candidate in candidates):
            excluded = not negated
    return excluded
