# polyhart build. `make` builds build/polyhart; `make check` runs every test tier;
# `make SAN=address|thread|undefined ...` builds and tests a sanitized variant in build/san-$(SAN);
# `make DEBUG=1 ...` an unoptimised one in build/debug. Both check the lock order (util/lock.h).

CC      ?= gcc
SAN     ?=
DEBUG   ?=
BUILD   := $(if $(SAN),build/san-$(SAN),$(if $(DEBUG),build/debug,build))
POLYHART := $(BUILD)/polyhart

PKGS    := liburcu-qsbr slirp
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Isrc -MMD -MP $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lfdt -lpthread -lm
ifneq ($(DEBUG),)
CFLAGS  := -Og -g $(filter-out -O2 -g,$(CFLAGS)) -DPOLYHART_LOCK_CHECK
endif
ifneq ($(SAN),)
CFLAGS  += -DPOLYHART_LOCK_CHECK
CFLAGS  += -fsanitize=$(SAN) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SAN)
ifeq ($(SAN),undefined)
CFLAGS  += -fno-sanitize-recover=undefined
endif
ifeq ($(SAN),thread)
export TSAN_OPTIONS := suppressions=$(CURDIR)/tests/tsan.supp exitcode=66
endif
endif

SRCS     := $(wildcard src/*/*.c)
MAIN_SRC := src/front/main.c
LIB_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(filter-out $(MAIN_SRC),$(SRCS)))
MAIN_OBJ := $(BUILD)/obj/front/main.o
LIB      := $(BUILD)/libpolyhart.a

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))

RESULTS := $(BUILD)/results

.PHONY: all clean deps check check-unit check-isa check-cli check-boot check-boot-qemu check-smp check-debug check-virtio bench \
        bench-boot bench-smp bench-net bench-disk run run-baremetal guest
all: $(POLYHART)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(POLYHART): $(MAIN_OBJ) $(LIB)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/unit/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) -lcmocka -o $@

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)

# Guest programs (cross-compiled bare-metal ELFs)
include tests/isa/isa.mk
include bench/bench.mk

GUEST_CC     := riscv64-linux-gnu-gcc
GUEST_CFLAGS := -O2 -march=rv64gc -mabi=lp64d -mcmodel=medany -static -nostdlib -nostartfiles \
                -ffreestanding -Wl,--build-id=none -Iguest/baremetal -T guest/baremetal/link.ld
GUEST_RT     := guest/baremetal/crt0.S guest/baremetal/lib.c
build/guest/%.elf: guest/baremetal/%.c $(GUEST_RT) guest/baremetal/lib.h guest/baremetal/link.ld
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_RT) $< -o $@

# Multi-hart programs: every hart runs smp_main() on its own stack (guest/baremetal/smp_rt.h).
build/guest/smp_%.elf: guest/baremetal/smp_%.c guest/baremetal/smp_crt0.S guest/baremetal/lib.c \
                       guest/baremetal/smp_rt.h guest/baremetal/lib.h guest/baremetal/smp_link.ld
	@mkdir -p $(@D)
	$(GUEST_CC) $(subst link.ld,smp_link.ld,$(GUEST_CFLAGS)) -Wall -Wextra -Werror \
	  guest/baremetal/smp_crt0.S guest/baremetal/lib.c $< -o $@

deps:
	scripts/deps.sh

# Test tiers: each writes PASS:/FAIL: lines to $(RESULTS)/TIER.txt; `check` sums them up.
check-unit: $(UNIT_BINS)
	@mkdir -p $(RESULTS)
	@tests/unit/run.sh $(UNIT_BINS) | tee $(RESULTS)/unit.txt; \
	  tests/lib/summary.sh $(RESULTS)/unit.txt

check-isa: $(POLYHART) $(ISA_ELFS)
	@mkdir -p $(RESULTS)
	@{ tests/isa/run.sh "$(POLYHART)" $(ISA_ELFS); \
	   ISA_SUFFIX=-interp tests/isa/run.sh "$(POLYHART) -accel tcg,jit=off" $(ISA_ELFS); } \
	  | tee $(RESULTS)/isa.txt; \
	  tests/lib/summary.sh $(RESULTS)/isa.txt

check-cli: $(POLYHART) build/guest/hello.elf build/guest/exitcode.elf build/guest/chaos.elf \
           build/guest/holes.elf build/guest/idle.elf build/bench/mem.elf
	@mkdir -p $(RESULTS)
	@tests/cli/run.sh $(POLYHART) | tee $(RESULTS)/cli.txt; \
	  tests/lib/summary.sh $(RESULTS)/cli.txt

GUEST_IMAGE := $(or $(POLYHART_CACHE),$(HOME)/.cache/polyhart)/guest/current
guest:
	guest/build.sh

check-boot: $(POLYHART) guest
	@mkdir -p $(RESULTS)
	@tests/boot/run.sh $(POLYHART) | tee $(RESULTS)/boot.txt; \
	  tests/lib/summary.sh $(RESULTS)/boot.txt

# Multi-hart tier: bare-metal programs guest/baremetal/smp_*.c and SMP Linux (tests/smp/).
SMP_ELFS := $(patsubst guest/baremetal/%.c,build/guest/%.elf,$(wildcard guest/baremetal/smp_*.c))
check-smp: $(POLYHART) $(SMP_ELFS) guest
	@mkdir -p $(RESULTS)
	@tests/smp/run.sh $(POLYHART) | tee $(RESULTS)/smp.txt; \
	  tests/lib/summary.sh $(RESULTS)/smp.txt

# GDB stub, QMP and monitor (tests/debug/): gdb-multiarch and Python clients against
# smp_debug.elf and the Linux image.
check-debug: $(POLYHART) build/guest/smp_debug.elf guest
	@mkdir -p $(RESULTS)
	@tests/debug/run.sh $(POLYHART) | tee $(RESULTS)/debug.txt; \
	  tests/lib/summary.sh $(RESULTS)/debug.txt

# virtio tier: -device options, the virtio-mmio slots and the virtio devices under Linux
# (tests/virtio/).
check-virtio: $(POLYHART) build/guest/virtio_bad.elf build/guest/idle.elf guest
	@mkdir -p $(RESULTS)
	@tests/virtio/run.sh $(POLYHART) | tee $(RESULTS)/virtio.txt; \
	  tests/lib/summary.sh $(RESULTS)/virtio.txt

# The guest image's own tests on the reference emulator (reboot needs polyhart's boot count).
check-boot-qemu: guest
	@mkdir -p $(RESULTS)
	@tests/boot/run.sh qemu-system-riscv64 selfcheck-1h selfcheck-2h poweroff fail \
	  | tee $(RESULTS)/boot-qemu.txt; tests/lib/summary.sh $(RESULTS)/boot-qemu.txt

TIERS := unit isa cli boot smp virtio debug
check:
	@rm -f $(RESULTS)/*.txt
	@for t in $(TIERS); do $(MAKE) --no-print-directory check-$$t || true; done
	@echo "== all tiers =="
	@tests/lib/summary.sh $(patsubst %,$(RESULTS)/%.txt,$(TIERS))

bench: $(POLYHART) $(BENCH_ELFS) guest
	bench/cpu.sh $(POLYHART) $(BENCH_ELFS)
	bench/boot.sh $(POLYHART)

bench-boot: $(POLYHART) guest
	bench/boot.sh $(POLYHART)

# TCP throughput over virtio-net and slirp, both directions, against QEMU; see bench/README.md.
bench-net: $(POLYHART) guest
	bench/net.sh $(POLYHART)

# SMP scaling (1, 2, 4, 8 harts) against QEMU's multi-threaded TCG; see bench/README.md.
bench-smp: $(POLYHART) guest
	bench/smp.sh $(POLYHART)

# Sequential guest dd through virtio-blk against QEMU; see bench/README.md.
bench-disk: $(POLYHART) guest
	bench/disk.sh $(POLYHART)

# The default guest: SMP Linux (2 harts) to a busybox shell. Quit with Ctrl-A x or `poweroff`.
RUN_ARGS ?=
run: $(POLYHART) guest
	$(POLYHART) -M virt -smp 2 -m 512M -kernel $(GUEST_IMAGE)/Image \
	  -initrd $(GUEST_IMAGE)/initramfs.cpio.gz -append "console=ttyS0" -nographic $(RUN_ARGS)

run-baremetal: $(POLYHART) build/guest/hello.elf
	$(POLYHART) -M virt -bios none -kernel build/guest/hello.elf -nographic

clean:
	rm -rf build

build/guest/chaos.elf: guest/baremetal/chaos.c guest/baremetal/chaos_entry.S $(GUEST_RT) guest/baremetal/lib.h
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_RT) guest/baremetal/chaos_entry.S $< -o $@
