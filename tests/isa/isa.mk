# ISA tests (tests/isa/README.md): included by the top-level Makefile, paths relative to the
# repository root. Every tests/isa/NAME.S but the harness becomes build/isa/NAME.m.elf (body in
# M-mode) and build/isa/NAME.s.elf (body in S-mode under Sv39), unless the source has a line
# starting with TEST_ONLY_M or TEST_ONLY_S.

ISA_DIR    := tests/isa
ISA_BUILD  := build/isa
ISA_CC     ?= riscv64-linux-gnu-gcc
ISA_CFLAGS ?= -march=rv64gc_zba_zbb_zbs -mabi=lp64d -mcmodel=medany -static -nostdlib \
              -nostartfiles -ffreestanding -fno-pic -Wl,--build-id=none -Wl,--no-relax
ISA_HARNESS := $(ISA_DIR)/harness.S
ISA_DEPS   := $(ISA_HARNESS) $(ISA_DIR)/test.h $(ISA_DIR)/priv.h $(ISA_DIR)/isa.ld $(ISA_DIR)/isa.mk

ISA_SRCS   := $(filter-out $(ISA_HARNESS),$(wildcard $(ISA_DIR)/*.S))
ISA_ONLY_M := $(if $(ISA_SRCS),$(shell grep -l '^[[:space:]]*TEST_ONLY_M\b' $(ISA_SRCS)))
ISA_ONLY_S := $(if $(ISA_SRCS),$(shell grep -l '^[[:space:]]*TEST_ONLY_S\b' $(ISA_SRCS)))
ISA_NAMES_M := $(basename $(notdir $(filter-out $(ISA_ONLY_S),$(ISA_SRCS))))
ISA_NAMES_S := $(basename $(notdir $(filter-out $(ISA_ONLY_M),$(ISA_SRCS))))
ISA_ELFS   := $(patsubst %,$(ISA_BUILD)/%.m.elf,$(ISA_NAMES_M)) \
              $(patsubst %,$(ISA_BUILD)/%.s.elf,$(ISA_NAMES_S))

# $(1) = mode letter (m/s), $(2) = mode macro suffix (M/S)
define isa_mode_rule
$(ISA_BUILD)/%.$(1).elf: $(ISA_DIR)/%.S $(ISA_DEPS)
	@mkdir -p $$(@D)
	$$(ISA_CC) $$(ISA_CFLAGS) -DTEST_MODE_$(2) -DISA_TEST_NAME='"$$*.$(1)"' -I$(ISA_DIR) \
	  -T $(ISA_DIR)/isa.ld $(ISA_HARNESS) $$< -o $$@
endef
$(eval $(call isa_mode_rule,m,M))
$(eval $(call isa_mode_rule,s,S))

.PHONY: isa-tests
isa-tests: $(ISA_ELFS)

# The top-level Makefile's check-isa runs $(ISA_ELFS) on build/polyhart through run.sh.

# Tests that fail on qemu-system-riscv64 7.2 because of QEMU bugs (see each file's header):
# filter them out when QEMU is the emulator under test.
ISA_QEMU_KNOWN_BAD_NAMES := zbb_ctzw rv64a_misaligned zicsr_ro_write priv_spec_corners priv_instret
ISA_QEMU_KNOWN_BAD := $(foreach n,$(ISA_QEMU_KNOWN_BAD_NAMES),$(ISA_BUILD)/$(n).m.elf $(ISA_BUILD)/$(n).s.elf)
# check-isa-qemu: the reference run on QEMU (every test must pass there except these).
ISA_QEMU ?= qemu-system-riscv64 -cpu rv64,zba=true,zbb=true,zbs=true
.PHONY: check-isa-qemu
check-isa-qemu: $(ISA_ELFS)
	$(ISA_DIR)/run.sh "$(ISA_QEMU)" $(filter-out $(ISA_QEMU_KNOWN_BAD),$(ISA_ELFS))
