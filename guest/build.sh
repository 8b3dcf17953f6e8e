#!/usr/bin/env bash
# Builds the polyhart Linux guest: a RISC-V kernel Image and a gzip'd initramfs (static
# busybox, /init, the test programs of guest/linux/tests), cross-built from Debian's
# linux-source-6.1 and busybox source packages. Nothing else is downloaded.
#
# Results go to a cache outside the repository:
#   ${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/<hash>/{Image,initramfs.cpio.gz}
#   (and vmlinux, System.map: the kernel's symbols, for debugging it with GDB)
#   ${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest/current -> <hash>
# where <hash> covers every input (this script, guest/linux/*, the package versions and the
# cross compiler), so unchanged inputs are never rebuilt. The kernel and busybox trees are
# kept under guest/work/ in the cache, so a changed input rebuilds incrementally.
#
# Usage: guest/build.sh          (JOBS=N overrides make -j, default: all cores)
set -euo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SCRIPT")")
SRC=$REPO/guest/linux
CACHE=${POLYHART_CACHE:-$HOME/.cache/polyhart}/guest
WORK=$CACHE/work
JOBS=${JOBS:-$(nproc)}
CROSS=riscv64-linux-gnu-
KERNEL_PKG=linux-source-6.1
KERNEL_TARBALL=/usr/src/linux-source-6.1.tar.xz
DEBIAN_SOURCES=/etc/apt/sources.list.d/debian.sources
SRC_SOURCES=/etc/apt/sources.list.d/polyhart-src.sources
KEEP_IMAGES=5    # older <hash> directories than this are pruned

# Host tools of the kernel build (make, gcc, bc, bison, flex; xz for the tarball), dpkg-dev
# for `apt-get source`, and the cross toolchain with its static glibc. No libelf/libssl/cpio/
# kmod: the config has no BTF, module signing or modules, and the initramfs is written by
# the kernel's own gen_init_cpio.
PACKAGES=(make gcc libc6-dev bc bison flex xz-utils gzip dpkg-dev "$KERNEL_PKG"
          gcc-riscv64-linux-gnu libc6-dev-riscv64-cross)

apt_updated=0

log() { printf 'guest: %s\n' "$*"; }
die() { printf 'guest: error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root or sudo to run: $*"
    fi
}

apt_update_once() {
    [ "$apt_updated" -eq 1 ] && return 0
    log "apt-get update (log: $CACHE/apt.log)"
    run_logged "$CACHE/apt.log" as_root apt-get update
    apt_updated=1
}

# Runs a build step with its output appended to LOG; shows the log's tail if it fails.
run_logged() {
    local log_file=$1
    shift
    if ! "$@" >> "$log_file" 2>&1; then
        tail -n 40 "$log_file" >&2
        die "failed: $* (full log: $log_file)"
    fi
}

# --- host packages ------------------------------------------------------------------------

# deb-src twin of debian.sources (same URIs, Suites, Components, Signed-By) for busybox.
src_sources_text() {
    echo "# Written by polyhart guest/build.sh: source packages for the guest image (busybox)."
    awk '
        /^#/ { next }
        /^Types:/ { print "Types: deb-src"; keep = 0; next }
        /^(URIs|Suites|Components|Signed-By):/ { print; keep = 1; next }
        /^[ \t]+[^ \t]/ { if (keep) print; next }    # continuation of a kept field
        /^[ \t]*$/ { print ""; keep = 0; next }
        { keep = 0 }
    ' "$DEBIAN_SOURCES"
}

sources_ensure() {
    [ -f "$DEBIAN_SOURCES" ] || die "$DEBIAN_SOURCES not found: cannot derive the deb-src entry"
    local wanted
    wanted=$(src_sources_text)
    if [ -f "$SRC_SOURCES" ] && [ "$(cat "$SRC_SOURCES")" = "$wanted" ]; then
        return 0
    fi
    log "writing $SRC_SOURCES (deb-src for busybox)"
    printf '%s\n' "$wanted" | as_root tee "$SRC_SOURCES" > /dev/null
    apt_updated=0
    apt_update_once
}

packages_ensure() {
    local missing=() pkg
    for pkg in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]} (log: $CACHE/apt.log)"
    apt_update_once
    run_logged "$CACHE/apt.log" as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

# Version of the busybox source package apt would fetch (from the local lists, no download).
busybox_version() {
    local dsc
    dsc=$(apt-get source --print-uris -qq busybox 2>/dev/null | awk '$2 ~ /\.dsc$/ { print $2 }') \
        || true
    if [ -z "$dsc" ]; then
        apt_update_once
        dsc=$(apt-get source --print-uris -qq busybox | awk '$2 ~ /\.dsc$/ { print $2 }') || true
    fi
    [ -n "$dsc" ] || die "apt cannot find the busybox source package (is $SRC_SOURCES used?)"
    dsc=${dsc#busybox_}
    echo "${dsc%.dsc}"
}

# --- inputs and cache -----------------------------------------------------------------------

# Everything the image depends on, one item a line; its sha256 names the cache entry.
inputs_describe() {
    echo "script $(sha256sum < "$SCRIPT" | cut -d' ' -f1)"
    (cd "$REPO/guest" && find linux -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    echo "$KERNEL_PKG $KERNEL_VERSION"
    echo "busybox $BUSYBOX_VERSION"
    echo "cross-gcc $(${CROSS}gcc --version | head -n 1)"
    echo "cross-libc $(dpkg-query -W -f='${Version}' libc6-dev-riscv64-cross)"
}

current_link_update() {
    ln -sfn "$HASH" "$CACHE/current.tmp"
    mv -T "$CACHE/current.tmp" "$CACHE/current"
}

outputs_report() {
    current_link_update
    log "kernel:    $CACHE/current/Image"
    log "initramfs: $CACHE/current/initramfs.cpio.gz"
}

# Keeps the KEEP_IMAGES most recent image directories (the current one always survives).
cache_prune() {
    local dir
    find "$CACHE" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended \
        -regex '.*/[0-9a-f]{16}' -printf '%T@ %p\n' \
        | sort -rn | tail -n +$((KEEP_IMAGES + 1)) | cut -d' ' -f2- \
        | while read -r dir; do
            if [ "$(basename "$dir")" != "$HASH" ]; then
                log "pruning old image $dir"
                rm -rf "$dir"
            fi
        done
}

# Fails unless every line of config fragment $2 holds in .config $1: `CONFIG_X=v` lines must
# appear verbatim, `# CONFIG_X is not set` symbols must not be set.
config_check() {
    local config=$1 fragment=$2 line sym bad=0
    while IFS= read -r line; do
        case $line in
            "# CONFIG_"*" is not set")
                sym=${line#\# }
                sym=${sym%% *}
                if grep -q "^$sym=" "$config"; then
                    echo "  $sym is set, the fragment wants it off" >&2
                    bad=1
                fi ;;
            CONFIG_*)
                if ! grep -qxF "$line" "$config"; then
                    echo "  $line did not stick (now: $(grep -E "^(# )?${line%%=*}[= ]" \
                        "$config" || echo absent))" >&2
                    bad=1
                fi ;;
        esac
    done < "$fragment"
    [ "$bad" -eq 0 ] || die "$config does not match $fragment (missing dependencies?)"
    log "checked: every option of $(basename "$fragment") is in the final .config"
}

# --- kernel ---------------------------------------------------------------------------------

kernel_source_prepare() {
    local version=$KERNEL_VERSION stamp
    KSRC=$WORK/linux-source-6.1
    KOUT=$WORK/linux-build
    stamp=$WORK/linux-source-6.1.version
    if [ -d "$KSRC" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
        log "kernel source $version already extracted in $KSRC"
        return 0
    fi
    log "extracting $KERNEL_TARBALL ($KERNEL_PKG $version) into $WORK"
    rm -rf "$KSRC" "$KOUT" "$WORK/extract.tmp" "$stamp"
    mkdir -p "$WORK/extract.tmp"
    tar -C "$WORK/extract.tmp" -xJf "$KERNEL_TARBALL"
    mv "$WORK/extract.tmp/linux-source-6.1" "$KSRC"
    rmdir "$WORK/extract.tmp"
    echo "$version" > "$stamp"
}

# The fixed KBUILD_BUILD_* make the version banner (uname -v) the same on every machine.
kernel_make() {
    make -C "$KSRC" O="$KOUT" ARCH=riscv CROSS_COMPILE="$CROSS" KBUILD_BUILD_USER=polyhart \
        KBUILD_BUILD_HOST=guest KBUILD_BUILD_VERSION=1 \
        KBUILD_BUILD_TIMESTAMP="$KERNEL_PKG $KERNEL_VERSION" "$@"
}

# merge_config.sh leaves temporary files in its working directory: keep them out of the repo.
kernel_merge_fragment() (
    cd "$KOUT"
    ARCH=riscv "$KSRC/scripts/kconfig/merge_config.sh" -m -O "$KOUT" "$KOUT/.config" \
        "$SRC/kernel.config"
)

# tinyconfig + guest/linux/kernel.config, regenerated only when the fragment changes so that
# an unchanged configuration never forces a kernel rebuild.
kernel_configure() {
    local stamp=$KOUT/.polyhart-config wanted
    wanted=$(sha256sum < "$SRC/kernel.config")
    mkdir -p "$KOUT"
    if [ -f "$KOUT/.config" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
        log "kernel config unchanged"
    else
        log "configuring kernel: tinyconfig + guest/linux/kernel.config"
        : > "$WORK/linux-config.log"
        run_logged "$WORK/linux-config.log" kernel_make tinyconfig
        run_logged "$WORK/linux-config.log" kernel_merge_fragment
        run_logged "$WORK/linux-config.log" kernel_make olddefconfig
        echo "$wanted" > "$stamp"
    fi
    config_check "$KOUT/.config" "$SRC/kernel.config"
}

kernel_build() {
    local start=$SECONDS
    log "building kernel Image (make -j$JOBS, log: $WORK/linux-build.log)"
    : > "$WORK/linux-build.log"
    run_logged "$WORK/linux-build.log" kernel_make -j"$JOBS" Image
    log "kernel built in $((SECONDS - start)) s"
}

# --- busybox --------------------------------------------------------------------------------

busybox_source_prepare() {
    local dir=$WORK/busybox-src/$BUSYBOX_VERSION old
    for old in "$WORK"/busybox-src/*; do
        if [ -e "$old" ] && [ "$old" != "$dir" ]; then
            log "removing the old busybox source $old"
            rm -rf "$old"
        fi
    done
    if [ ! -f "$dir/.complete" ]; then
        log "fetching the busybox $BUSYBOX_VERSION source package (apt-get source)"
        rm -rf "$dir"
        mkdir -p "$dir"
        (cd "$dir" && apt-get source -qq busybox > "$WORK/busybox-source.log" 2>&1) \
            || { tail -n 20 "$WORK/busybox-source.log" >&2; die "apt-get source busybox failed"; }
        [ -f "$dir/busybox_$BUSYBOX_VERSION.dsc" ] \
            || die "apt-get source fetched another busybox than $BUSYBOX_VERSION: $(ls "$dir")"
        touch "$dir/.complete"
    else
        log "busybox $BUSYBOX_VERSION source already unpacked"
    fi
    BBSRC=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'busybox-*' | head -n 1)
    [ -n "$BBSRC" ] || die "no busybox-* directory in $dir"
    BBOUT=$WORK/busybox-build
}

busybox_make() {
    make -C "$BBSRC" O="$BBOUT" CROSS_COMPILE="$CROSS" "$@"
}

# oldconfig asks about symbols that the fragment newly exposes: take their defaults.
busybox_oldconfig() (
    set +o pipefail    # yes dies of SIGPIPE when make is done
    yes '' | busybox_make oldconfig
)

# Sets every symbol of the fragment in .config (replacing defconfig's line for it).
busybox_config_apply() {
    local config=$BBOUT/.config line sym
    while IFS= read -r line; do
        case $line in
            "# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *} ;;
            CONFIG_*) sym=${line%%=*} ;;
            *) continue ;;
        esac
        sed -i -e "/^$sym=/d" -e "/^# $sym is not set$/d" "$config"
        echo "$line" >> "$config"
    done < "$SRC/busybox.config"
}

busybox_configure() {
    local stamp=$BBOUT/.polyhart-config wanted
    wanted="$BUSYBOX_VERSION $(sha256sum < "$SRC/busybox.config")"
    if [ -f "$BBOUT/.config" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
        log "busybox config unchanged"
    else
        log "configuring busybox: defconfig + guest/linux/busybox.config"
        case $(cat "$stamp" 2>/dev/null) in
            "$BUSYBOX_VERSION "*) ;;
            *) rm -rf "$BBOUT" ;;    # objects of another busybox version
        esac
        mkdir -p "$BBOUT"
        : > "$WORK/busybox-config.log"
        run_logged "$WORK/busybox-config.log" busybox_make defconfig
        busybox_config_apply
        run_logged "$WORK/busybox-config.log" busybox_oldconfig
        echo "$wanted" > "$stamp"
    fi
    config_check "$BBOUT/.config" "$SRC/busybox.config"
}

busybox_build() {
    local start=$SECONDS
    log "building static busybox (make -j$JOBS, log: $WORK/busybox-build.log)"
    : > "$WORK/busybox-build.log"
    run_logged "$WORK/busybox-build.log" busybox_make -j"$JOBS" busybox busybox.links
    log "busybox built in $((SECONDS - start)) s"
}

# --- test programs and initramfs ------------------------------------------------------------

tests_build() {
    local prog name
    mkdir -p "$WORK/tests"
    rm -f "$WORK"/tests/*
    for prog in "$SRC"/tests/*.c; do
        name=$(basename "$prog" .c)
        log "compiling guest test program $name"
        "${CROSS}gcc" -static -O2 -std=gnu11 -Wall -Wextra -Werror -o "$WORK/tests/$name" "$prog"
    done
}

# The initramfs tree without its device nodes and links: /init, busybox, the tests and the
# guest/linux/rootfs overlay, copied with mtime 0 (gen_init_cpio stores the files' own
# mtimes) so that the same inputs give the same initramfs.
initramfs_stage() {
    local root=$WORK/initramfs-root dir
    rm -rf "$root"
    for dir in bin sbin usr/bin usr/sbin dev proc sys tmp root etc mnt tests; do
        mkdir -p "$root/$dir"
    done
    cp "$SRC/rootfs/." -r "$root/"
    install -m 0755 "$SRC/init" "$root/init"
    install -m 0755 "$BBOUT/busybox" "$root/bin/busybox"
    install -m 0755 "$WORK"/tests/* "$root/tests/"
    chmod -R u=rwX,go=rX "$root"
    chmod 1777 "$root/tmp"
    find "$root" -exec touch -h -d @0 {} +
}

# gen_init_cpio list: the staged tree, device nodes (so no root rights are needed for
# /dev/console) and a link to busybox for each applet.
initramfs_list() {
    local root=$WORK/initramfs-root path mode
    (cd "$root" && find . -mindepth 1 -printf '%y %m %P\n' | LC_ALL=C sort -k3) \
        | while read -r type mode path; do
            case $type in
                d) echo "dir /$path $mode 0 0" ;;
                f) echo "file /$path $root/$path $mode 0 0" ;;
                *) die "unexpected file type $type in $root/$path" ;;
            esac
        done
    echo "nod /dev/console 0600 0 0 c 5 1"
    echo "nod /dev/null 0666 0 0 c 1 3"
    grep -v -x -e /init -e /bin/busybox "$BBOUT/busybox.links" \
        | while read -r path; do echo "slink $path /bin/busybox 0777 0 0"; done
}

initramfs_build() {
    local out=$1
    log "writing initramfs.cpio.gz"
    gcc -O2 -o "$WORK/gen_init_cpio" "$KSRC/usr/gen_init_cpio.c"
    initramfs_stage
    initramfs_list > "$WORK/initramfs.list"
    "$WORK/gen_init_cpio" -t 0 "$WORK/initramfs.list" | gzip -9 -n > "$out/initramfs.cpio.gz"
}

# --- main -----------------------------------------------------------------------------------

main() {
    local start=$SECONDS tmp
    mkdir -p "$CACHE"
    exec 9> "$CACHE/.lock"
    if ! flock -n 9; then
        log "waiting for another guest build to finish"
        flock 9
    fi

    sources_ensure
    packages_ensure
    KERNEL_VERSION=$(dpkg-query -W -f='${Version}' "$KERNEL_PKG")
    BUSYBOX_VERSION=$(busybox_version)
    HASH=$(inputs_describe | sha256sum | cut -c1-16)
    if [ -f "$CACHE/$HASH/Image" ] && [ -f "$CACHE/$HASH/initramfs.cpio.gz" ] &&
        [ -f "$CACHE/$HASH/vmlinux" ]; then
        log "guest image up to date: $CACHE/$HASH"
        outputs_report
        return 0
    fi
    log "building guest image $HASH in $CACHE"
    mkdir -p "$WORK"

    kernel_source_prepare
    kernel_configure
    kernel_build
    busybox_source_prepare
    busybox_configure
    busybox_build
    tests_build

    tmp=$CACHE/$HASH.tmp
    rm -rf "$tmp"
    mkdir -p "$tmp"
    cp "$KOUT/arch/riscv/boot/Image" "$tmp/Image"
    cp "$KOUT/vmlinux" "$KOUT/System.map" "$tmp/"
    cp "$KOUT/.config" "$tmp/kernel.config"
    cp "$BBOUT/.config" "$tmp/busybox.config"
    inputs_describe > "$tmp/inputs.txt"
    initramfs_build "$tmp"
    rm -rf "${CACHE:?}/$HASH"
    mv "$tmp" "$CACHE/$HASH"
    cache_prune
    log "built in $((SECONDS - start)) s: Image $(stat -c %s "$CACHE/$HASH/Image") bytes," \
        "initramfs $(stat -c %s "$CACHE/$HASH/initramfs.cpio.gz") bytes"
    outputs_report
}

main "$@"
