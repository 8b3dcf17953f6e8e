/* LR/SC helpers shared by smp_lrsc.c and smp_lrsc_aba.c: LR/SC increment loops with every
 * aq/rl combination, and the two-hart hand-off that tests when an SC must fail.
 *
 * Hand-off (lrsc_case_run): hart 0 executes LR on `lrsc_target` (value LRSC_OLD), raises
 * lrsc_flag to 1, spins until hart 1 has done the case's action and set the flag to 2, then
 * executes SC of LRSC_NEW, all in one asm block so nothing else runs between LR and SC. The
 * flag lives on another page than the target, so hart 0's own flag store is outside any
 * reasonable reservation set. Hart 1 acts only between hart 0's LR and SC. */
#ifndef SMP_LRSC_H
#define SMP_LRSC_H
#include "smp_rt.h"

/* Increment loops: return the number of failed SCs (retries), a measure of contention. */
#define LRSC_ADD_FN(name, type, lr, sc, add)                                               \
    static inline uint64_t name(type *p, type v)                                           \
    {                                                                                      \
        type tmp;                                                                          \
        uint64_t fail, retries = (uint64_t)-1;                                             \
        __asm__ volatile("1: addi %[r], %[r], 1\n"                                         \
                         "   " lr " %[t], (%[p])\n"                                        \
                         "   " add " %[t], %[t], %[v]\n"                                   \
                         "   " sc " %[f], %[t], (%[p])\n"                                  \
                         "   bnez %[f], 1b\n"                                              \
                         : [t] "=&r"(tmp), [f] "=&r"(fail), [r] "+r"(retries)              \
                         : [p] "r"(p), [v] "r"(v)                                          \
                         : "memory");                                                      \
        return retries;                                                                    \
    }

LRSC_ADD_FN(lrsc_add_w, uint32_t, "lr.w", "sc.w", "addw")
LRSC_ADD_FN(lrsc_add_w_aqrl, uint32_t, "lr.w.aqrl", "sc.w.aqrl", "addw")
LRSC_ADD_FN(lrsc_add_d_aq, uint64_t, "lr.d.aq", "sc.d", "add")
LRSC_ADD_FN(lrsc_add_d_rl, uint64_t, "lr.d", "sc.d.rl", "add")
LRSC_ADD_FN(lrsc_add_d_aqrl, uint64_t, "lr.d.aqrl", "sc.d.aqrl", "add")

/* One LR/SC that stores v (retried until the SC succeeds): another hart's SC store. */
static inline void lrsc_store_d(uint64_t *p, uint64_t v)
{
    uint64_t tmp, fail;
    __asm__ volatile("1: lr.d %[t], (%[p])\n"
                     "   sc.d %[f], %[v], (%[p])\n"
                     "   bnez %[f], 1b\n"
                     : [t] "=&r"(tmp), [f] "=&r"(fail)
                     : [p] "r"(p), [v] "r"(v)
                     : "memory");
}

static inline uint64_t lrsc_lr_d(uint64_t *p)
{
    uint64_t v;
    __asm__ volatile("lr.d %0, (%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

/* SC.D: 0 if it stored, nonzero if it failed. */
static inline uint64_t lrsc_sc_d(uint64_t *p, uint64_t v)
{
    uint64_t rc;
    __asm__ volatile("sc.d %0, %2, (%1)" : "=&r"(rc) : "r"(p), "r"(v) : "memory");
    return rc;
}

#define LRSC_OLD 0x1111ULL   /* the target's value at hart 0's LR */
#define LRSC_NEW 0x2222ULL   /* what hart 0's SC tries to store */
#define LRSC_OTHER 0x3333ULL /* what hart 1 stores when it changes the value */
#define LRSC_TIMEOUT 2       /* not an SC result: hart 1 did not answer */
#define LRSC_SPINS (1ULL << 26)
#define LRSC_EXIT_HANDOFF 97 /* hart 1 never saw hart 0's LR: the hand-off itself broke */

typedef enum lrsc_action {
    ACT_NONE,            /* control: SC succeeds */
    ACT_LOAD,            /* control: a load does not break the reservation */
    ACT_STORE_ELSEWHERE, /* control: a store to another page neither */
    ACT_STORE_NEW,       /* plain store of a different value */
    ACT_AMO_NEW,         /* AMOADD changing the value */
    ACT_SC_NEW,          /* LR/SC changing the value */
    ACT_SC_ABA,          /* LR/SC to OTHER, then LR/SC back to OLD */
    ACT_AMO_ABA,         /* AMOSWAP to OTHER, then AMOSWAP back to OLD */
    ACT_SC_SAME,         /* LR/SC storing OLD again */
    ACT_AMO_SAME,        /* AMOSWAP storing OLD again */
    ACT_PLAIN_SAME,      /* plain store of OLD */
    ACT_PLAIN_ABA,       /* plain stores of OTHER, then OLD */
} lrsc_action_t;

typedef struct lrsc_case {
    const char *name;
    lrsc_action_t act;
} lrsc_case_t;

static uint64_t lrsc_target __attribute__((aligned(4096)));
static uint64_t lrsc_elsewhere __attribute__((aligned(4096)));
static uint32_t lrsc_flag __attribute__((aligned(4096)));
static smp_barrier_t lrsc_pair_barrier;

/* Whether the SC must fail after the action, and what the target holds at the end. */
static inline bool lrsc_must_fail(lrsc_action_t act)
{
    return act != ACT_NONE && act != ACT_LOAD && act != ACT_STORE_ELSEWHERE;
}

static inline uint64_t lrsc_final(lrsc_action_t act)
{
    switch (act) {
    case ACT_NONE:
    case ACT_LOAD:
    case ACT_STORE_ELSEWHERE: return LRSC_NEW;
    case ACT_STORE_NEW:
    case ACT_SC_NEW: return LRSC_OTHER;
    case ACT_AMO_NEW: return LRSC_OLD + LRSC_NEW;
    default: return LRSC_OLD;
    }
}

/* Hart 1's side: changes (or not) the target while hart 0 holds its reservation. */
static inline void lrsc_act(lrsc_action_t act)
{
    volatile uint64_t *plain = &lrsc_target;
    switch (act) {
    case ACT_NONE: break;
    case ACT_LOAD: (void)*plain; break;
    case ACT_STORE_ELSEWHERE: *(volatile uint64_t *)&lrsc_elsewhere = LRSC_OTHER; break;
    case ACT_STORE_NEW: *plain = LRSC_OTHER; break;
    case ACT_AMO_NEW: __atomic_fetch_add(&lrsc_target, LRSC_NEW, __ATOMIC_SEQ_CST); break;
    case ACT_SC_NEW: lrsc_store_d(&lrsc_target, LRSC_OTHER); break;
    case ACT_SC_ABA:
        lrsc_store_d(&lrsc_target, LRSC_OTHER);
        lrsc_store_d(&lrsc_target, LRSC_OLD);
        break;
    case ACT_AMO_ABA:
        __atomic_exchange_n(&lrsc_target, LRSC_OTHER, __ATOMIC_SEQ_CST);
        __atomic_exchange_n(&lrsc_target, LRSC_OLD, __ATOMIC_SEQ_CST);
        break;
    case ACT_SC_SAME: lrsc_store_d(&lrsc_target, LRSC_OLD); break;
    case ACT_AMO_SAME: __atomic_exchange_n(&lrsc_target, LRSC_OLD, __ATOMIC_SEQ_CST); break;
    case ACT_PLAIN_SAME: *plain = LRSC_OLD; break;
    case ACT_PLAIN_ABA:
        *plain = LRSC_OTHER;
        *plain = LRSC_OLD;
        break;
    }
}

/* Hart 0's side: LR, hand-off to hart 1, SC of LRSC_NEW. LR.aq keeps the flag store after
 * the LR, SC.rl keeps the flag load before the SC. Returns the SC's result or LRSC_TIMEOUT. */
static inline uint64_t lrsc_lr_handoff_sc(uint64_t *seen)
{
    uint64_t old, rc, f, spins = LRSC_SPINS;
    __asm__ volatile("   lr.d.aq %[old], (%[a])\n"
                     "   li %[f], 1\n"
                     "   sw %[f], (%[flag])\n"
                     "1: lw %[f], (%[flag])\n"
                     "   addi %[f], %[f], -2\n"
                     "   beqz %[f], 2f\n"
                     "   addi %[spins], %[spins], -1\n"
                     "   bnez %[spins], 1b\n"
                     "2: sc.d.rl %[rc], %[new], (%[a])\n"
                     : [old] "=&r"(old), [rc] "=&r"(rc), [f] "=&r"(f), [spins] "+r"(spins)
                     : [a] "r"(&lrsc_target), [new] "r"(LRSC_NEW), [flag] "r"(&lrsc_flag)
                     : "memory");
    *seen = old;
    return spins ? rc : LRSC_TIMEOUT;
}

static inline void lrsc_case_hart1(const lrsc_case_t *c)
{
    smp_barrier_wait(&lrsc_pair_barrier, 2);
    if (!smp_wait_eq(&lrsc_flag, 1, 5000 * MTIME_PER_MS))
        smp_fail("hart 0 did not hand over its reservation, case", c->act, LRSC_EXIT_HANDOFF);
    __asm__ volatile("fence r, rw" ::: "memory");
    lrsc_act(c->act);
    smp_store(&lrsc_flag, 2);
    smp_barrier_wait(&lrsc_pair_barrier, 2);
}

/* Runs one case on hart 0 and prints "lrsc-case NAME: ok" or "... FAIL (why)"; true if ok. */
static inline bool lrsc_case_hart0(const lrsc_case_t *c)
{
    uint64_t seen;
    lrsc_target = LRSC_OLD;
    lrsc_flag = 0;
    smp_barrier_wait(&lrsc_pair_barrier, 2);
    uint64_t rc = lrsc_lr_handoff_sc(&seen);
    smp_barrier_wait(&lrsc_pair_barrier, 2);
    const char *why = 0;
    if (rc == LRSC_TIMEOUT)
        why = "hart 1 did not answer";
    else if (seen != LRSC_OLD)
        why = "LR loaded a wrong value";
    else if (lrsc_must_fail(c->act) && rc == 0)
        why = "SC succeeded";
    else if (!lrsc_must_fail(c->act) && rc != 0)
        why = "control SC failed";
    else if (lrsc_target != lrsc_final(c->act))
        why = "wrong final value";
    bm_puts("lrsc-case ");
    bm_puts(c->name);
    bm_puts(why ? ": FAIL (" : ": ok");
    if (why) {
        bm_puts(why);
        bm_puts(", memory ");
        bm_put_hex(lrsc_target);
        bm_putc(')');
    }
    bm_putc('\n');
    return !why;
}

/* Runs every case on harts 0 and 1; returns the number of failed cases (on hart 0). */
static inline unsigned lrsc_cases_run(unsigned hartid, const lrsc_case_t *cases, unsigned n)
{
    unsigned failed = 0;
    for (unsigned i = 0; i < n; i++) {
        if (hartid == 1)
            lrsc_case_hart1(&cases[i]);
        else if (!lrsc_case_hart0(&cases[i]))
            failed++;
    }
    return failed;
}
#endif
