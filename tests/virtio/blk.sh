# shellcheck shell=bash disable=SC2154  # run.sh's variables
# virtio-blk cases of the virtio tier. Sourced by tests/virtio/run.sh, which provides report,
# run_cli, expect_error, boot_once, guest_verdict, sanitizer_report, $polyhart, $log_dir,
# $repo, $scale and $kernel. The guest side is /init's disk-* tests (guest/README.md).
#
# Cases:
#   blk-opt-*   bad -drive / -device virtio-blk-device options and image files: exit 1 with one
#               line (missing file, directory, special file, format, unknown key, bad cache,
#               bad readonly, no file, if=none without id, duplicate id, device without
#               drive=, unknown drive, one drive for two devices, serial too long, an image
#               another polyhart holds)
#   Between them the cases use every cache mode: writeback (blk-ext4 first boot, blk-enospc),
#   writethrough (blk-ext4 second boot, blk-zero), none (blk-smp), directsync (blk-exec),
#   unsafe (blk-ro).
#   blk-ext4    an ext4 image from mkfs.ext4: the guest writes files of known content (serial
#               checked, a deleted file trimmed) and powers off; the host runs e2fsck -fn and
#               reads them back with debugfs; a second boot (if=none + -device,
#               cache=writethrough) finds them
#   blk-ro      readonly=on: the files read, writes fail (mount rw, touch, dd), the image is
#               unchanged
#   blk-exec    the guest runs a program from the disk, overwrites its blocks on /dev/vda
#               with another version, drops its caches and runs it again, six times: the new
#               version must run each time (DMA into pages of translated code)
#   blk-smp     4 harts: 8 threads write, fsync and read back files (page cache and O_DIRECT)
#               on a `-o discard` mount while another process re-reads fixed files; e2fsck
#               and the host's check of the last files afterwards
#   blk-enospc  the image sits on a 16 MiB tmpfs (or, where mounting is not allowed or
#               BLK_ENOSPC=rlimit, under a 16 MiB RLIMIT_FSIZE): raw writes fail with I/O
#               errors in the guest, the emulator goes on, and every acknowledged chunk is
#               in the image
#   blk-zero    BLKZEROOUT (WRITE_ZEROES) and BLKDISCARD (DISCARD) on a raw disk: the ranges
#               read as zeroes, the rest is intact, the discarded range became a hole
#   blk-list    three disks (if=virtio, if=none + -device, readonly + cache=none) around an
#               rng device: each in the slot its place on the command line gives it, with
#               its serial, size and read-only flag

BLK_CASES=(blk-opt-missing blk-opt-dir blk-opt-special blk-opt-format blk-opt-key
           blk-opt-cache blk-opt-readonly blk-opt-nofile blk-opt-noid blk-opt-dupid
           blk-opt-nodrive blk-opt-unknown-drive blk-opt-twice blk-opt-serial blk-opt-locked
           blk-ext4 blk-ro blk-exec blk-smp blk-enospc blk-zero blk-list)

# SEED:SIZE of the files the ext4 cases write and check (sizes around sector, page and
# request boundaries, up to a few MiB).
BLK_FILES="1:1,2:511,3:4096,4:65537,5:1048576,6:3145731"
BLK_SERIAL=polyhart-disk-0

blk_need_tools() {
    local t
    for t in mkfs.ext4 e2fsck debugfs cc riscv64-linux-gnu-gcc; do
        command -v "$t" > /dev/null || { report "$1" "$t not installed (make deps)"; return 1; }
    done
    if ! zcat "$initrd" | grep -aq 'test_disk_write'; then
        report "$1" "guest image in $image_dir predates the disk tests: run guest/build.sh"
        return 1
    fi
}

# The host build of the guest's data generator (same program, same bytes).
blk_tool() {
    local bin=$log_dir/blkdata
    [ -x "$bin" ] || cc -O2 -std=gnu11 -o "$bin" "$repo/guest/linux/tests/blkdata.c" -lpthread
    echo "$bin"
}

# A fresh empty file to use as an image.
blk_image() {
    rm -f "$1"
    truncate -s "$2" "$1"
}

# --- start-up errors

blk_opt_case() {
    local img=$log_dir/opt.img
    [ -f "$img" ] || blk_image "$img" 1M
    case $1 in
        missing) expect_error blk-opt-missing "cannot open '/nonexistent/disk.img'" \
                     "No such file" -- -M virt -kernel /dev/null -drive file=/nonexistent/disk.img ;;
        dir) expect_error blk-opt-dir "'$log_dir' is a directory" -- \
                 -M virt -kernel /dev/null -drive "file=$log_dir,format=raw" ;;
        special) expect_error blk-opt-special "'/dev/null' is a special file" -- \
                     -M virt -kernel /dev/null -drive file=/dev/null ;;
        format) expect_error blk-opt-format "invalid format 'qcow2'" "raw" -- \
                    -M virt -kernel /dev/null -drive "file=$img,format=qcow2" ;;
        key) expect_error blk-opt-key "unknown key 'size'" "known: file" -- \
                 -M virt -kernel /dev/null -drive "file=$img,size=1G" ;;
        cache) expect_error blk-opt-cache "invalid cache 'fast'" "writethrough" -- \
                   -M virt -kernel /dev/null -drive "file=$img,cache=fast" ;;
        readonly) expect_error blk-opt-readonly "invalid readonly 'maybe'" -- \
                      -M virt -kernel /dev/null -drive "file=$img,readonly=maybe" ;;
        nofile) expect_error blk-opt-nofile "no file=IMAGE" -- \
                    -M virt -kernel /dev/null -drive format=raw,if=virtio ;;
        noid) expect_error blk-opt-noid "if=none needs id=ID" -- \
                  -M virt -kernel /dev/null -drive "file=$img,if=none" ;;
        dupid) expect_error blk-opt-dupid "duplicate id 'd0'" -- -M virt -kernel /dev/null \
                   -drive "file=$img,if=none,id=d0" -drive "file=$img,if=none,id=d0" ;;
        nodrive) expect_error blk-opt-nodrive "virtio-blk-device: needs drive=ID" -- \
                     -M virt -kernel /dev/null -device virtio-blk-device ;;
        unknown-drive) expect_error blk-opt-unknown-drive "no -drive with id=nosuch" -- \
                           -M virt -kernel /dev/null -device virtio-blk-device,drive=nosuch ;;
        twice) expect_error blk-opt-twice "drive d0 is used by two devices" -- \
                   -M virt -kernel /dev/null -drive "file=$img,if=none,id=d0" \
                   -device virtio-blk-device,drive=d0 -device virtio-blk-device,drive=d0 ;;
        serial) expect_error blk-opt-serial "invalid serial" "at most 20" -- \
                    -M virt -kernel /dev/null -drive "file=$img,serial=123456789012345678901" ;;
        locked) blk_case_locked "$img" ;;
    esac
}

# A second polyhart on an image the first one has open for writing is refused.
blk_case_locked() {
    local img=$1 elf=$repo/build/guest/idle.elf pid
    if [ ! -f "$elf" ]; then
        report blk-opt-locked "$elf missing: make build/guest/idle.elf"
        return
    fi
    "$polyhart" -M virt -bios none -kernel "$elf" -nographic -drive "file=$img" \
        < /dev/null > "$log_dir/locked-first.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do
        grep -q "idle guest ready" "$log_dir/locked-first.log" && break
        sleep 0.1
    done
    expect_error blk-opt-locked "'$img' is in use by another process" -- \
        -M virt -kernel /dev/null -drive "file=$img,readonly=on"
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

# --- guests

# Why image $1 is not a clean ext4 holding the files of BLK_FILES under /data (empty if it is).
blk_check_ext4() {
    local img=$1 out spec tool
    tool=$(blk_tool)
    if ! out=$(e2fsck -fn "$img" 2>&1); then
        echo "e2fsck -fn: $(printf '%s\n' "$out" | grep -v '^e2fsck\|^Pass' | head -n 3 | tr '\n' ' ')"
        return
    fi
    for spec in ${BLK_FILES//,/ }; do
        rm -f "$log_dir/dump"
        debugfs -R "dump /data/f${spec%%:*} $log_dir/dump" "$img" > /dev/null 2>&1
        if ! out=$("$tool" check "${spec%%:*}" "${spec#*:}" "$log_dir/dump" 2>&1); then
            echo "host: /data/f${spec%%:*}: $out"
            return
        fi
    done
}

# A log's sanitizer report as a failure reason (for the logs report() does not look at).
blk_san() {
    local san
    san=$(sanitizer_report "$1")
    [ -z "$san" ] || echo "sanitizer in $1: $san"
}

case_blk_ext4() {
    local img=$log_dir/ext4.img log1=$log_dir/blk-ext4-write.log log2=$log_dir/blk-ext4-read.log
    local args="polyhart.disk.files=$BLK_FILES polyhart.disk.serial=$BLK_SERIAL" why
    blk_image "$img" 64M
    mkfs.ext4 -q -F "$img"
    boot_once 1 "polyhart.test=disk-write $args" "$log1" \
        -drive "file=$img,format=raw,if=virtio,serial=$BLK_SERIAL"
    why=$(guest_verdict disk-write "$log1")
    [ -n "$why" ] || why=$(blk_san "$log1")
    grep -aq 'fstrim: /mnt: [1-9][0-9]* bytes trimmed' "$log1" || why="${why:+$why; }no bytes trimmed"
    [ -n "$why" ] || why=$(blk_check_ext4 "$img")
    if [ -z "$why" ]; then
        boot_once 1 "polyhart.test=disk-read $args" "$log2" \
            -drive "file=$img,if=none,id=d0,cache=writethrough" \
            -device "virtio-blk-device,drive=d0,serial=$BLK_SERIAL"
        why=$(guest_verdict disk-read "$log2")
    fi
    report blk-ext4 "$why" "$log2"
}

# Writes the files of BLK_FILES into directory $1/data.
blk_fill_dir() {
    local spec tool
    tool=$(blk_tool)
    mkdir -p "$1/data"
    for spec in ${BLK_FILES//,/ }; do
        "$tool" gen "${spec%%:*}" "${spec#*:}" > "$1/data/f${spec%%:*}"
    done
}

case_blk_ro() {
    local img=$log_dir/ro.img log=$log_dir/blk-ro.log dir=$log_dir/ro-root why before after
    rm -rf "$dir"
    blk_fill_dir "$dir"
    blk_image "$img" 32M
    mkfs.ext4 -q -F -d "$dir" "$img"
    before=$(sha256sum < "$img")
    boot_once 1 "polyhart.test=disk-ro polyhart.disk.files=$BLK_FILES" "$log" \
        -drive "file=$img,format=raw,if=virtio,readonly=on,cache=unsafe"
    why=$(guest_verdict disk-ro "$log")
    after=$(sha256sum < "$img")
    [ "$before" = "$after" ] || why="${why:+$why; }the read-only image changed"
    report blk-ro "$why" "$log"
}

# The extents of file $2 in image $1 as L:P:N,... (logical block, physical block, count).
blk_extents() {
    debugfs -R "stat $2" "$1" 2> /dev/null | grep -o '([0-9-]*):[0-9-]*' | while read -r ext; do
        local l=${ext%%)*} p=${ext#*:} n
        l=${l#(}
        n=$(( ${l#*-} - ${l%-*} + 1 ))
        printf '%s:%s:%s,' "${l%-*}" "${p%-*}" "$n"
    done | sed 's/,$//'
}

# Builds blkexec versions 1 and 2 (cross, for the disk; native, for the expected output).
blk_build_exec() {
    local dir=$1 v
    mkdir -p "$dir"
    for v in 1 2; do
        riscv64-linux-gnu-gcc -static -O2 -DBLKEXEC_VERSION=$v -o "$dir/blkexec.v$v" \
            "$repo/tests/virtio/blkexec.c" || return 1
        cc -O2 -DBLKEXEC_VERSION=$v -o "$log_dir/blkexec.host$v" "$repo/tests/virtio/blkexec.c" \
            || return 1
        "$log_dir/blkexec.host$v" > "$dir/expect.$v"
    done
    cp "$dir/blkexec.v1" "$dir/blkexec"
    [ "$(stat -c %s "$dir/blkexec.v1")" = "$(stat -c %s "$dir/blkexec.v2")" ]
}

case_blk_exec() {
    local img=$log_dir/exec.img log=$log_dir/blk-exec.log dir=$log_dir/exec-root why extents
    rm -rf "$dir"
    if ! blk_build_exec "$dir"; then
        report blk-exec "building tests/virtio/blkexec.c failed (or the versions differ in size)"
        return
    fi
    blk_image "$img" 32M
    mkfs.ext4 -q -F -b 4096 -d "$dir" "$img"
    extents=$(blk_extents "$img" /blkexec)
    boot_once 1 "polyhart.test=disk-exec polyhart.disk.exec=$extents" "$log" \
        -drive "file=$img,format=raw,if=virtio,cache=directsync"
    why=$(guest_verdict disk-exec "$log")
    [ -n "$extents" ] || why="no extents for /blkexec in the image"
    report blk-exec "$why" "$log"
}

# Why the last round of `blkdata stress DIR 8 ROUNDS SIZE` is not in image $1 (empty if it is).
blk_check_stress() {
    local img=$1 rounds=$2 size=$3 tool t r=$(($2 - 1)) seed len out
    tool=$(blk_tool)
    for t in 0 1 2 3 4 5 6 7; do
        seed=$((1000 * (t + 1) + r))
        len=$((size + (t * 7919 + r * 104729) % (size / 2 + 1)))
        rm -f "$log_dir/dump"
        debugfs -R "dump /stress/s.$t.$r $log_dir/dump" "$img" > /dev/null 2>&1
        out=$("$tool" check "$seed" "$len" "$log_dir/dump" 2>&1) || { echo "host: s.$t.$r: $out"; return; }
    done
}

case_blk_smp() {
    local img=$log_dir/smp.img log=$log_dir/blk-smp.log dir=$log_dir/smp-root why
    local rounds=3 size=1048576
    [ "$scale" -eq 1 ] || rounds=2 size=262144 # sanitizer builds: the same paths, less data
    rm -rf "$dir"
    blk_fill_dir "$dir"
    blk_image "$img" 128M
    mkfs.ext4 -q -F -d "$dir" "$img"
    boot_once 4 "polyhart.test=disk-smp polyhart.threads=8 polyhart.args.stress=$rounds,$size polyhart.disk.files=$BLK_FILES" \
        "$log" -drive "file=$img,format=raw,if=virtio,cache=none"
    why=$(guest_verdict disk-smp "$log")
    [ -n "$why" ] || why=$(blk_check_ext4 "$img")
    [ -n "$why" ] || why=$(blk_check_stress "$img" "$rounds" "$size")
    report blk-smp "$why" "$log"
}

# The host side of the ENOSPC case: the image on a full tmpfs, or under RLIMIT_FSIZE where
# this container may not mount (a write past the limit fails with EFBIG).
case_blk_enospc() {
    local mnt=$log_dir/enospc-mnt log=$log_dir/blk-enospc.log img how why acked j tool
    tool=$(blk_tool)
    mkdir -p "$mnt"
    if [ "${BLK_ENOSPC:-tmpfs}" = tmpfs ] &&
        mount -t tmpfs -o size=16m polyhart-enospc "$mnt" 2> /dev/null; then
        how=tmpfs img=$mnt/disk.img
    else
        how=rlimit img=$log_dir/enospc.img
    fi
    blk_image "$img" 64M
    (
        [ "$how" = tmpfs ] || ulimit -f 16384
        boot_once 1 "polyhart.test=disk-enospc polyhart.disk.chunks=48" "$log" \
            -drive "file=$img,format=raw,if=virtio"
        exit "$boot_status"
    )
    boot_status=$?
    why=$(guest_verdict disk-enospc "$log")
    grep -aq "host write at byte .* failed: \(No space left on device\|File too large\)" "$log" \
        || why="${why:+$why; }no host write error reported ($how)"
    acked=$(grep -ao 'POLYHART-DISK-ACKED [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    [ -n "$acked" ] || why="${why:+$why; }no POLYHART-DISK-ACKED line"
    for ((j = 0; j < ${acked:-0}; j++)); do
        dd if="$img" bs=1M skip="$j" count=1 2> /dev/null > "$log_dir/chunk"
        "$tool" check $((j + 1)) 1048576 "$log_dir/chunk" > /dev/null 2>&1 \
            || { why="${why:+$why; }acknowledged chunk $j is not in the image"; break; }
    done
    [ "$how" = tmpfs ] && umount "$mnt"
    report blk-enospc "$why${why:+ }${why:+($how)}" "$log"
}

case_blk_zero() {
    local img=$log_dir/zero.img exp=$log_dir/zero.expected log=$log_dir/blk-zero.log why tool
    local before after
    tool=$(blk_tool)
    "$tool" gen 7 16777216 > "$img"
    cp "$img" "$exp"
    dd if=/dev/zero of="$exp" bs=1M seek=1 count=1 conv=notrunc 2> /dev/null
    dd if=/dev/zero of="$exp" bs=1M seek=4 count=2 conv=notrunc 2> /dev/null
    before=$(stat -c %b "$img")
    boot_once 1 "polyhart.test=disk-zero" "$log" \
        -drive "file=$img,format=raw,if=virtio,cache=writethrough"
    why=$(guest_verdict disk-zero "$log")
    after=$(stat -c %b "$img")
    cmp -s "$img" "$exp" || why="${why:+$why; }the image is not the expected one"
    # 2 MiB punched (4096 units of 512 bytes), less a block or so the file system may have
    # added for the split extents
    [ $((before - after)) -ge 3968 ] \
        || why="${why:+$why; }the discarded range is still allocated ($before -> $after blocks)"
    report blk-zero "$why" "$log"
}

case_blk_list() {
    local log=$log_dir/blk-list.log why a=$log_dir/list-a.img b=$log_dir/list-b.img
    local c=$log_dir/list-c.img
    blk_image "$a" 64M
    blk_image "$b" 32M
    blk_image "$c" 16M
    local want="10001000.virtio_mmio:disk-a:131072:0,10003000.virtio_mmio:disk-b:65536:0"
    want="$want,10004000.virtio_mmio:disk-c:32768:1"
    boot_once 2 "polyhart.test=disk-list polyhart.disk.expect=$want" "$log" \
        -drive "file=$a,if=virtio,serial=disk-a" -device virtio-rng-device \
        -drive "file=$b,if=none,id=b,format=raw" -device virtio-blk-device,drive=b,serial=disk-b \
        -drive "file=$c,readonly=on,serial=disk-c,cache=none"
    why=$(guest_verdict disk-list "$log")
    report blk-list "$why" "$log"
}

blk_case_run() {
    case $1 in
        blk-opt-*) blk_opt_case "${1#blk-opt-}" ;;
        blk-ext4) blk_need_tools "$1" && case_blk_ext4 ;;
        blk-ro) blk_need_tools "$1" && case_blk_ro ;;
        blk-exec) blk_need_tools "$1" && case_blk_exec ;;
        blk-smp) blk_need_tools "$1" && case_blk_smp ;;
        blk-enospc) blk_need_tools "$1" && case_blk_enospc ;;
        blk-zero) blk_need_tools "$1" && case_blk_zero ;;
        blk-list) blk_need_tools "$1" && case_blk_list ;;
        *) report "$1" "unknown case; cases: ${ALL_CASES[*]}" ;;
    esac
}
