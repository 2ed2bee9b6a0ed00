"""The real apps of benchmarks/realapps.toml, extracted as a bench's ``apps/`` folder.

    python benchmarks/realapps.py extract --dest /tmp/realapps   # -> /tmp/realapps/apps/<name>/
    python benchmarks/realapps.py list

Each app must first be brought in as a git snapshot (the search tool's ``fetch github:<repo>``
puts it under /work/.mirror/<owner>+<name>/repo; ``--mirrors`` names another folder). The app is
extracted from the pinned commit itself (the files ``git archive <commit>`` gives, less the blobs a
snapshot lacks), so what is checked is exactly that commit.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "realapps.toml"
DEFAULT_MIRRORS = Path("/work/.mirror")


@dataclass(frozen=True)
class RealApp:
    name: str
    repo: str
    commit: str

    def mirror(self, mirrors: Path) -> Path:
        return mirrors / self.repo.replace("/", "+") / "repo"


def manifest(path: Path = MANIFEST) -> list[RealApp]:
    return [RealApp(**entry) for entry in tomllib.loads(path.read_text())["app"]]


def extract(apps: list[RealApp], dest: Path, mirrors: Path) -> Path:
    """Extract each app into ``dest/apps/<name>`` (once: an existing folder is kept)."""
    bench_apps = dest / "apps"
    bench_apps.mkdir(parents=True, exist_ok=True)
    for app in apps:
        target = bench_apps / app.name
        if target.exists():
            continue
        repo = app.mirror(mirrors)
        if not repo.exists():
            sys.exit(f"error: {app.repo} is not fetched (expected {repo})")
        partial = target.with_name(target.name + ".partial")
        _write_tree(repo, app.commit, partial)
        partial.rename(target)
    return bench_apps


def _write_tree(repo: Path, commit: str, dest: Path) -> None:
    """The regular files of ``commit`` (as ``git archive`` would give them), skipping blobs a
    snapshot lacks (files of 4 MiB and more, LFS content): jobfix never reads those."""
    listing = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode in (b"100644", b"100755"):
            entries.append((sha, path.decode()))
    batch = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input=b"".join(sha + b"\n" for sha, _ in entries), capture_output=True, check=True,
    ).stdout
    stream = io.BytesIO(batch)
    for _, path in entries:
        header = stream.readline().split()
        if header[-1] == b"missing":
            continue
        content = stream.read(int(header[2]))
        stream.read(1)  # the newline after each object
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["extract", "list"])
    parser.add_argument("--dest", type=Path, default=HERE / "out" / "realapps")
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    parser.add_argument("--app", action="append", help="only these apps (repeatable)")
    args = parser.parse_args()
    apps = [a for a in manifest() if not args.app or a.name in args.app]
    if args.command == "list":
        for app in apps:
            print(f"{app.name}\t{app.repo}\t{app.commit}")
        return
    print(extract(apps, args.dest, args.mirrors))


if __name__ == "__main__":
    main()
