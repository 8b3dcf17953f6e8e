/* The JIT: compiles a decoded block (exec/tcache.h) into host code with the handler
 * signature, so that the block loop runs it exactly as it runs the block's first handler.
 *
 * Instructions with a jit_op_t are emitted natively (registers live in hart->x and hart->f,
 * loads and stores take the TLB fast path inline and the mmu slow paths out of line); every
 * other instruction runs through the interpreter's handlers, on a private copy of each run of
 * such instructions ended by an entry that returns EXEC_NEXT, so the two always agree on
 * semantics. Exits set hart->exit_insn to the block's own instruction, as the interpreter
 * does; a static exit to a block of the same page that the loop chained may go straight on
 * to it (hart->exit_base then names the block that exited, hart->chain_budget bounds it).
 *
 * Code lives in one executable arena per translation cache, filled by an atomic bump pointer
 * (several harts compile at once), after the stubs every block shares. Code of retired blocks
 * is not reused until the whole cache is flushed: a full arena makes jit_compile fail (the
 * block is interpreted) and asks for a flush, which resets the arena while no hart runs
 * (exclusive work). Only x86-64 hosts have a back end; elsewhere jit_supported() is false. */
#ifndef EXEC_JIT_H
#define EXEC_JIT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/insn.h"

#define JIT_DEFAULT_ARENA_MIB 64
#define JIT_MAX_ARENA_MIB 1024 /* blocks reach the stubs at the arena's start with rel32 jumps */
#define JIT_STUBS 8

typedef struct block block_t;

typedef struct jit {
    uint8_t *base;           /* NULL: the JIT is off */
    size_t size;
    size_t stub_bytes;       /* the stubs every block jumps to, at the arena's start */
    const uint8_t *stubs[JIT_STUBS];
    atomic_size_t used;
    atomic_uint_fast64_t blocks, fallbacks, native; /* statistics: blocks, insns by path */
} jit_t;

/* True if this host has a JIT back end. */
bool jit_supported(void);
/* Maps an arena of `mib` MiB; false (with a reason) if it cannot. mib == 0: JIT off. */
bool jit_init(jit_t *j, unsigned mib, char *err, size_t errlen);
void jit_destroy(jit_t *j);
/* Host code for b (not yet published), or NULL: JIT off or the arena is full. */
insn_fn_t jit_compile(jit_t *j, const block_t *b);
/* True once the arena has no room left (the cache should be flushed). */
bool jit_full(const jit_t *j);
/* Forgets all code. No hart may be running or compiling (exclusive work, or stopped). */
void jit_reset(jit_t *j);

#endif
