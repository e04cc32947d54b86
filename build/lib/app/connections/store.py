"""Where connection profiles are kept: one ``profiles.json`` in the data folder.

:class:`ProfileStore` reads, changes and writes the file whole, atomically (a temporary file
renamed over the old one), so the file on disk is always complete. It also remembers which
profile the window reconciles. What a profile is, and its JSON form, is
:mod:`app.connections.profiles`'.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.connections.profiles import (
    ConnectionProfile,
    ProfileError,
    profile_from_json,
    profile_to_json,
)
from app.domain.i18n import tr_app
from app.paths import atomic_write, data_dir

log = logging.getLogger(__name__)

FORMAT = "cuadre-perfiles"
VERSION = 1
FILE_NAME = "profiles.json"


class ProfileFileDamaged(ProfileError):
    """``profiles.json`` could not be read at all; it was moved aside to ``moved_to``."""

    def __init__(self, message: str, moved_to: Path | None) -> None:
        super().__init__(message, "file")
        self.moved_to = moved_to


#: A name no profile can have (names are stripped text): "this profile is new".
_NEW = "\0"


class ProfileStore:
    """Every profile in ``<data folder>/profiles.json``: read, changed and written whole.

    A profile entry that cannot be read is kept in the file exactly as it was (and listed in
    :attr:`problems`), so saving another profile never loses it; the file is also copied to a
    ``.bak`` the first time. A file that cannot be read at all is moved aside and
    :class:`ProfileFileDamaged` raised: the next save starts a new file, the old stays.

    The file also remembers which profile the window reconciles (:meth:`active`; none means
    the demo): a name, never a secret. Renaming the profile carries the choice along;
    deleting it forgets the choice.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        #: Spanish sentences about entries the last load could not read.
        self.problems: list[str] = []
        self._unreadable: list[Any] = []
        self._active: str | None = None

    @property
    def folder(self) -> Path:
        # Resolved on use, so CUADRE_DATA_DIR set after construction (tests) is honoured.
        return self._folder if self._folder is not None else data_dir()

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    # -- reading -------------------------------------------------------------------------------

    def load(self) -> list[ConnectionProfile]:
        """Every readable profile, in the file's order ([] when there is no file yet)."""
        path = self.path
        self.problems, self._unreadable, self._active = [], [], None
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ProfileError(tr_app("app.connections", "No se puede leer el archivo de perfiles "
                                      "{file}: {why}.").format(file=path.name, why=_why(exc)),
                               "file") from None
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a profiles file")
            version = data.get("version")
            if not isinstance(version, int):
                raise ValueError("no version")
            entries = data.get("profiles")
            if not isinstance(entries, list):
                raise ValueError("no profile list")
        except ValueError:
            moved = self._move_aside(path)
            where = (f"«{moved.name}»" if moved
                     else tr_app("app.connections", "su lugar (no se pudo apartar)"))
            raise ProfileFileDamaged(tr_app(
                "app.connections", "El archivo de perfiles {file} está dañado y no se pudo leer. "
                "Se conservó como {where} en la carpeta de datos; los perfiles nuevos se "
                "guardarán en un archivo nuevo.").format(file=path.name, where=where),
                moved) from None
        if version > VERSION:
            raise ProfileError(tr_app(
                "app.connections", "El archivo de perfiles {file} es de una versión más nueva de "
                "Cuadre (formato {version}). Actualice Cuadre para usarlo; no se modificó.").format(
                file=path.name, version=version), "file")
        profiles: list[ConnectionProfile] = []
        seen: set[str] = set()
        for number, entry in enumerate(entries, start=1):
            try:
                profile = profile_from_json(entry)
                if profile.name.casefold() in seen:
                    raise ProfileError(tr_app("app.connections", "Su nombre se repite."))
            except ProfileError as exc:
                self._unreadable.append(entry)
                label = entry.get("name") if isinstance(entry, dict) else None
                named = (f"«{label}»" if isinstance(label, str) and label
                         else tr_app("app.connections", "n.º {n}").format(n=number))
                self.problems.append(tr_app("app.connections", "El perfil {name} no se pudo leer: "
                                            "{why} Se dejó sin cambios en el archivo.").format(
                    name=named, why=exc))
                continue
            seen.add(profile.name.casefold())
            profiles.append(profile)
        active = data.get("active")
        if isinstance(active, str) and active.strip():
            self._active = active.strip()
        if self.problems:
            self._backup(path)
        return profiles

    def names(self) -> list[str]:
        return [p.name for p in self.load()]

    def get(self, name: str) -> ConnectionProfile | None:
        wanted = name.strip().casefold()
        return next((p for p in self.load() if p.name.casefold() == wanted), None)

    def active(self) -> str | None:
        """The name of the profile the window reconciles; None for the demo (or when the
        remembered profile is gone)."""
        profiles = self.load()
        wanted = (self._active or "").casefold()
        return next((p.name for p in profiles if wanted and p.name.casefold() == wanted), None)

    def set_active(self, name: str | None) -> None:
        """Remember ``name`` (None: the demo) as the profile the window reconciles."""
        profiles = self.load()
        if name is None:
            if self._active is None:
                return
            self._active = None
        else:
            profile = next((p for p in profiles if p.name.casefold() == name.strip().casefold()),
                           None)
            if profile is None:
                raise ProfileError(tr_app("app.connections", "No existe el perfil «{name}».").format(
                    name=name), "name")
            if self._active == profile.name:
                return
            self._active = profile.name
        self._write(profiles)

    # -- writing -------------------------------------------------------------------------------

    def save(self, profile: ConnectionProfile, previous_name: str | None = None) -> None:
        """Add ``profile``, or replace the one named ``previous_name`` (its old name when it is
        renamed; by default its own name). Another profile with the same name is refused."""
        profile.validate()
        profile = replace(profile, name=profile.name.strip())
        profiles = self.load()
        old = (previous_name if previous_name is not None else profile.name).strip().casefold()
        new = profile.name.casefold()
        if new != old and any(p.name.casefold() == new for p in profiles):
            raise ProfileError(tr_app("app.connections", "Ya existe un perfil llamado "
                                      "«{name}».").format(name=profile.name), "name")
        at = next((i for i, p in enumerate(profiles) if p.name.casefold() == old), None)
        if at is None:
            profiles.append(profile)
        else:
            profiles[at] = profile
            if self._active is not None and self._active.casefold() == old:
                self._active = profile.name  # a renamed profile stays the chosen one
        self._write(profiles)

    def add(self, profile: ConnectionProfile) -> None:
        """Add a new profile; one with the same name (any case) is refused, never replaced."""
        self.save(profile, previous_name=_NEW)

    def delete(self, name: str) -> bool:
        """Remove the profile called ``name``; False when there was none."""
        profiles = self.load()
        kept = [p for p in profiles if p.name.casefold() != name.strip().casefold()]
        if len(kept) == len(profiles):
            return False
        if self._active is not None and self._active.casefold() == name.strip().casefold():
            self._active = None
        self._write(kept)
        return True

    def rename(self, old: str, new: str) -> ConnectionProfile:
        profile = self.get(old)
        if profile is None:
            raise ProfileError(tr_app("app.connections", "No existe el perfil «{name}».").format(
                name=old), "name")
        renamed = replace(profile, name=new.strip())
        self.save(renamed, previous_name=old)
        return renamed

    def _write(self, profiles: Iterable[ConnectionProfile]) -> None:
        entries = [profile_to_json(p) for p in profiles] + list(self._unreadable)
        data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "profiles": entries}
        if self._active is not None:
            data["active"] = self._active
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        folder = self.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, lambda tmp: tmp.write_text(text, "utf-8", newline="\n"))
        except OSError as exc:
            raise ProfileError(tr_app("app.connections", "No se pudo guardar el archivo de "
                                      "perfiles: {why}. Los perfiles guardados antes siguen "
                                      "intactos.").format(why=_why(exc)), "file") from None

    # -- keeping damaged files -------------------------------------------------------------

    def _free_backup_name(self, path: Path) -> Path:
        candidate = path.with_name(path.name + ".bak")
        n = 2
        while candidate.exists():
            candidate = path.with_name(f"{path.name}.bak{n}")
            n += 1
        return candidate

    def _backup(self, path: Path) -> None:
        """Copy a file with unreadable entries once (a .bak with the same bytes is enough)."""
        data = path.read_bytes()
        for existing in sorted(path.parent.glob(path.name + ".bak*")):
            try:
                if existing.read_bytes() == data:
                    return
            except OSError:
                continue
        try:
            shutil.copy2(path, self._free_backup_name(path))
        except OSError:
            log.warning("could not back up the profiles file")

    def _move_aside(self, path: Path) -> Path | None:
        target = self._free_backup_name(path)
        try:
            os.replace(path, target)
        except OSError:
            log.warning("could not move the damaged profiles file aside")
            return None
        return target


def _why(exc: OSError) -> str:
    """Why a file could not be read or written: the system's words, else «error de disco»."""
    return exc.strerror or tr_app("app.connections", "error de disco")
