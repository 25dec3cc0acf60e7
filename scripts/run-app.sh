#!/bin/sh
# Starts the app, or explains how to when there is no screen to show it on.
exe=$1; shift
if [ -z "$DISPLAY" ] && [ -z "$WAYLAND_DISPLAY" ] && [ -z "$QT_QPA_PLATFORM" ]; then
  echo "No display found, so the window has nowhere to appear." >&2
  echo "To run the app on a virtual screen:  xvfb-run -a make run" >&2
  echo "To check the installation without a screen:  $exe --self-test" >&2
  exit 1
fi
exec "$exe" "$@"
