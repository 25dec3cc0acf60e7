#!/bin/sh
# Installs the Debian packages Qt (and the package build) needs, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
#   system-deps.sh test     libraries for the offscreen platform (tests)
#   system-deps.sh run      also the X11 (xcb) libraries and Xvfb, to show the window
#   system-deps.sh package  the tools `make package` uses: binutils (PyInstaller reads libraries
#                           with objdump), dpkg, and desktop-file-utils and appstream (to check
#                           the desktop entry and metainfo)
set -e
mode=${1:-test}
installing="Installing system libraries Qt needs:"
lacking="Qt needs these system libraries, which are missing:"
pkgs="libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0"
if [ "$mode" = run ]; then
  pkgs="$pkgs libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth"
elif [ "$mode" = package ]; then
  installing="package: installing"
  lacking="package: these Debian packages are missing:"
  pkgs="binutils dpkg desktop-file-utils appstream"
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not a Debian-based system: nothing to do
missing=""
for p in $pkgs; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "$installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "$lacking$missing" >&2
  echo "Install them with:  sudo apt-get install -y$missing" >&2
  # A package build needs only objdump (binutils); without the other tools it skips their checks.
  if [ "$mode" = package ] && command -v objdump >/dev/null 2>&1; then exit 0; fi
  exit 1
fi
