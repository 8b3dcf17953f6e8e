/* The JIT's code arena (exec/jit.h); the back end for x86-64 hosts is exec/jit_x86.c. */
#include "exec/jit.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__x86_64__)
#include "exec/x86_emit.h"

bool jit_supported(void) { return true; }
#else
bool jit_supported(void) { return false; }

insn_fn_t jit_compile(jit_t *j, const block_t *b)
{
    (void)j, (void)b;
    return NULL;
}

static size_t jit_x86_stubs(jit_t *j)
{
    (void)j;
    return 0;
}
#endif

bool jit_init(jit_t *j, unsigned mib, char *err, size_t errlen)
{
    memset(j, 0, sizeof(*j));
    if (!mib)
        return true;
    if (!jit_supported()) {
        snprintf(err, errlen, "no JIT for this host architecture (use -accel tcg,jit=off)");
        return false;
    }
    size_t size = (size_t)mib << 20;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS |
                   MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        snprintf(err, errlen,
                 "cannot map %u MiB of executable memory for the JIT: %s "
                 "(-accel tcg,jit=off runs without it)",
                 mib, strerror(errno));
        return false;
    }
    j->base = p;
    j->size = size;
    j->stub_bytes = jit_x86_stubs(j);
    if (!j->stub_bytes) {
        jit_destroy(j);
        snprintf(err, errlen, "out of memory for the JIT");
        return false;
    }
    atomic_store(&j->used, j->stub_bytes);
    return true;
}

void jit_destroy(jit_t *j)
{
    if (j->base)
        munmap(j->base, j->size);
    j->base = NULL;
}

bool jit_full(const jit_t *j)
{
    return atomic_load_explicit(&j->used, memory_order_relaxed) >= j->size - (64u << 10);
}

void jit_reset(jit_t *j)
{
    atomic_store(&j->used, j->stub_bytes);
}
