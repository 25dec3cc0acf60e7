#!/bin/sh
# Installs the Debian libraries Qt needs, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
#   system-deps.sh test   libraries for the offscreen platform (tests)
#   system-deps.sh run    also the X11 (xcb) libraries and Xvfb, to show the window
set -e
mode=${1:-test}
pkgs="libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0"
if [ "$mode" = run ]; then
  pkgs="$pkgs libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth"
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not a Debian-based system: nothing to do
missing=""
for p in $pkgs; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing system libraries Qt needs:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "Qt needs these system libraries, which are missing:$missing" >&2
  echo "Install them with:  sudo apt-get install -y$missing" >&2
  exit 1
fi
