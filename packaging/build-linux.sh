#!/bin/sh
# `make package`: a one-folder bundle (PyInstaller) and a Debian package (dpkg-deb) in dist/.
#
#   dist/inspection-trainer_<version>_<arch>.deb   installs to /opt/inspection-trainer, with
#       /usr/bin/trainer, the desktop entry, the icon (SVG and PNG 16..512) and AppStream metainfo.
#   build/dist/inspection-trainer/                 the bundle itself (runs without Python).
#
# It installs what it needs: PyInstaller into the project's virtual environment; binutils (PyInstaller
# reads libraries with objdump), Qt's X11 libraries (so the bundle carries them) and, for checking the
# desktop entry and metainfo, desktop-file-utils and appstream, with apt-get when run as root.
set -eu
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
ID=uk.inspectiontrainer.InspectionTrainer
NAME=inspection-trainer
PREFIX=/opt/$NAME

say() { printf '%s\n' "package: $*"; }

# -- 1. tools ------------------------------------------------------------------------------------
sh scripts/system-deps.sh package
sh scripts/system-deps.sh run
"$PY" -m pip install --quiet "pyinstaller>=6.10,<7"
VERSION=$("$PY" -c 'import trainer; print(trainer.__version__)')
ARCH=$(dpkg --print-architecture)

# -- 2. icons, desktop entry and metainfo --------------------------------------------------------
rm -rf build/icons build/dist build/pyinstaller build/deb
"$PY" packaging/render_icons.py build/icons --ico build/icons/$NAME.ico
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate packaging/linux/$ID.desktop
fi
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net packaging/linux/$ID.metainfo.xml >/dev/null \
    || appstreamcli validate --no-net packaging/linux/$ID.metainfo.xml
fi

# -- 3. the bundle -------------------------------------------------------------------------------
say "building the bundle (PyInstaller; a few minutes)"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/pyinstaller packaging/inspection-trainer.spec
BUNDLE=build/dist/$NAME
"$BUNDLE/trainer" --version >/dev/null

# -- 4. the .deb tree ----------------------------------------------------------------------------
ROOTFS=$PWD/build/deb/root
mkdir -p "$ROOTFS$PREFIX" "$ROOTFS/usr/bin" "$ROOTFS/usr/share/applications" \
  "$ROOTFS/usr/share/metainfo" "$ROOTFS/usr/share/icons/hicolor/scalable/apps" \
  "$ROOTFS/usr/share/doc/$NAME" "$ROOTFS/DEBIAN"
cp -a "$BUNDLE/." "$ROOTFS$PREFIX/"
cat > "$ROOTFS/usr/bin/trainer" <<EOF
#!/bin/sh
# Inspection Trainer: the app and its command line (trainer --help).
exec $PREFIX/trainer "\$@"
EOF
chmod 755 "$ROOTFS/usr/bin/trainer"
install -m 644 packaging/linux/$ID.desktop "$ROOTFS/usr/share/applications/"
install -m 644 packaging/linux/$ID.metainfo.xml "$ROOTFS/usr/share/metainfo/"
install -m 644 resources/icons/$NAME.svg "$ROOTFS/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
for dir in build/icons/*x*; do
  size=$(basename "$dir")
  mkdir -p "$ROOTFS/usr/share/icons/hicolor/$size/apps"
  install -m 644 "$dir/$NAME.png" "$ROOTFS/usr/share/icons/hicolor/$size/apps/$NAME.png"
done
cat > "$ROOTFS/usr/share/doc/$NAME/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Inspection Trainer

Files: *
Copyright: Inspection Trainer developers
License: MIT

Files: $PREFIX/_internal/resources/source/*
Copyright: Crown copyright 2017 (Ofsted)
License: OGL-UK-3.0
 Reused under the Open Government Licence v3.0:
 https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/

Files: $PREFIX/_internal/resources/fonts/*
Copyright: Bitstream, Inc.; DejaVu changes are in the public domain
License: Bitstream-Vera
 See $PREFIX/_internal/resources/fonts/LICENSE-DejaVu.txt

Files: $PREFIX/_internal/PySide6/* $PREFIX/_internal/*.so*
License: LGPL-3.0 and others
 Qt for Python and Qt are under the LGPL v3; the other libraries keep their own licences.
EOF

# Depends: the system libraries the bundle links to but does not carry (OpenGL/EGL, xcb, libc).
deps=$(find "$ROOTFS$PREFIX" -type f \( -name '*.so*' -o -name trainer \) | while read -r f; do
    LD_LIBRARY_PATH="$ROOTFS$PREFIX/_internal:$ROOTFS$PREFIX/_internal/PySide6/Qt/lib" \
      ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}'
  done | grep -v "^$PWD/" | sort -u | while read -r lib; do
    dpkg -S "$(readlink -f "$lib")" 2>/dev/null | cut -d: -f1 | head -n 1
  done | sort -u | tr '\n' ' ')
DEPENDS=$(printf '%s\n' $deps | grep -v '^$' | paste -sd, - | sed 's/,/, /g')
SIZE=$(du -sk "$ROOTFS" | cut -f1)
cat > "$ROOTFS/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: Inspection Trainer developers <noreply@localhost>
Installed-Size: $SIZE
Depends: ${DEPENDS:-libc6}
Recommends: libxcb-cursor0, libwayland-cursor0, libwayland-egl1
Section: education
Priority: optional
Description: evidence-linked training for children's social work staff
 Inspection Trainer turns an Ofsted inspection report into learning modules, case
 studies and knowledge checks, each point linked to the report's own words, with
 PDF certificates. Self-contained: it carries its own Python and Qt in $PREFIX.
 Check an installation with: trainer --self-test
EOF

mkdir -p dist
DEB=dist/${NAME}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zxz --build "$ROOTFS" "$DEB" >/dev/null
say "bundle $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE"
say "built $DEB ($(du -h "$DEB" | cut -f1))"
say "install it with:  sudo apt-get install ./$DEB   then check:  trainer --self-test"
