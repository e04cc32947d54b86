"""Check that the installed distributions need nothing missing: ``pip check`` for a folder
filled with ``pip install --no-deps`` (build/build.sh runs it in the Linux build venv, and under
Wine for the Windows one, where pip's own check would judge markers for the wrong system).

Every requirement of every installed distribution, its environment markers evaluated for the
interpreter running this, must be installed at a version it accepts. Exit 1 listing what is not.
"""

from __future__ import annotations

import sys
from importlib.metadata import distributions

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def problems() -> list[str]:
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    found = []
    for dist in distributions():
        for text in dist.requires or ():
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            have = installed.get(canonicalize_name(req.name))
            if have is None:
                found.append(f"{dist.metadata['Name']} necesita {req}: no está en la lista")
            elif not req.specifier.contains(have, prereleases=True):
                found.append(f"{dist.metadata['Name']} necesita {req}: la lista fija {have}")
    return sorted(set(found))


def main() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    count = sum(1 for _ in distributions())
    print(f"pincheck: {count} distribuciones, {len(found)} requisitos sin cumplir")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
