# Single-hart CPU benchmarks (bench/README.md). Included by the top-level Makefile, run from the
# repository root. Defines BENCH_ELFS, the rules that build them, and `bench-cpu`, which runs
# them side by side on polyhart and QEMU through bench/cpu.sh.

BENCH_CC ?= riscv64-linux-gnu-gcc
BENCH_POLYHART ?= build/polyhart
BENCH_NAMES := int fp mem
BENCH_ELFS := $(BENCH_NAMES:%=build/bench/%.elf)
BENCH_RUNTIME := guest/baremetal/crt0.S guest/baremetal/lib.c
BENCH_DEPS := bench/bench.h guest/baremetal/lib.h guest/baremetal/link.ld bench/bench.mk

# -fno-tree-loop-distribute-patterns: there is no libc, so GCC must not turn the benchmarks'
# own fill and copy loops into memset/memcpy calls (the loops are the workload anyway).
# -ffp-contract=off: floating-point results then follow the source operation by operation, so
# the checksums in fp.c do not depend on which multiply-adds the compiler chooses to fuse
# (fp.c asks for fused multiply-adds explicitly where it wants them).
BENCH_CFLAGS := -O2 -Wall -Wextra -std=gnu11 -nostdlib -nostartfiles -static \
	-march=rv64gc -mabi=lp64d -mcmodel=medany -ffreestanding \
	-fno-tree-loop-distribute-patterns -ffp-contract=off \
	-Iguest/baremetal -Ibench -T guest/baremetal/link.ld -Wl,--build-id=none

$(BENCH_ELFS): build/bench/%.elf: bench/%.c $(BENCH_RUNTIME) $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(BENCH_CC) $(BENCH_CFLAGS) $(BENCH_RUNTIME) $< -o $@

.PHONY: bench-elfs bench-cpu
bench-elfs: $(BENCH_ELFS)

# Does not build polyhart itself: the top-level `bench` target should depend on both, e.g.
#   bench: build/polyhart bench-cpu
bench-cpu: $(BENCH_ELFS)
	bench/cpu.sh $(BENCH_POLYHART) $(BENCH_ELFS)
