/* Counters and their access control (privileged spec v1.12, 3.1.10-3.1.13, 4.1.5; Zicntr):
 * mcounteren gates cycle/time/instret for S and U, scounteren additionally for U (an access that
 * is not enabled is an illegal instruction); M always reads them; mcycle and minstret count,
 * can be written, and stop while inhibited by mcountinhibit.CY/IR; instret/cycle are the
 * unprivileged views of minstret/mcycle. Exact instruction counts are in priv_instret.S.
 *
 * The body runs in M; TEST_TRAP_IN / TEST_OK_IN mret into S or U and catch the next trap at a
 * label of the body (mtvec in direct mode; s11 = the harness's mtvec).
 */
#include "test.h"

TEST_ONLY_M

#define UNCATCH_M           csrw mtvec, s11
#define TEST_TRAP_IN(n, prv, cause, tval, insn...) \
  li TESTNUM, n; CATCH_M(9801f); MRET_TO(prv, 9802f); \
  9802: insn; j test_fail; .balign 4; \
  9801: UNCATCH_M; \
  csrr t5, mcause; li t6, cause; TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mtval; li t6, tval; TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mepc; la t6, 9802b; TEST_FAIL_IF_NE(t5, t6)
#define TEST_OK_IN(n, prv, code...) \
  li TESTNUM, n; CATCH_M(9801f); MRET_TO(prv, 9802f); \
  9802: code; 9803: ecall; j test_fail; .balign 4; \
  9801: UNCATCH_M; \
  csrr t5, mcause; li t6, CAUSE_USER_ECALL + (prv); TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mepc; la t6, 9803b; TEST_FAIL_IF_NE(t5, t6)

#define CY 1
#define TM 2
#define IR 4
#define RDCYCLE   0xc0002573       /* csrr a0, cycle */
#define RDTIME    0xc0102573
#define RDINSTRET 0xc0202573
#define BIG       0x0000010000000000

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero
  csrw mcountinhibit, zero

  /* ---- mcounteren gates S ---- */
  csrw mcounteren, zero
  csrw scounteren, zero
  TEST_TRAP_IN(1, PRV_S, CAUSE_ILLEGAL_INSN, RDCYCLE, csrr a0, cycle)
  TEST_TRAP_IN(2, PRV_S, CAUSE_ILLEGAL_INSN, RDTIME, csrr a0, time)
  TEST_TRAP_IN(3, PRV_S, CAUSE_ILLEGAL_INSN, RDINSTRET, csrr a0, instret)
  li t0, 7
  csrw scounteren, t0                  /* scounteren does not matter for S */
  TEST_TRAP_IN(4, PRV_S, CAUSE_ILLEGAL_INSN, RDINSTRET, csrr a0, instret)
  csrw scounteren, zero
  li t0, CY | TM | IR
  csrw mcounteren, t0
  TEST_OK_IN(5, PRV_S, csrr a0, cycle; csrr a0, time; csrr a0, instret)
  /* one bit each */
  csrwi mcounteren, CY
  TEST_OK_IN(6, PRV_S, csrr a0, cycle)
  TEST_TRAP_IN(7, PRV_S, CAUSE_ILLEGAL_INSN, RDTIME, csrr a0, time)
  TEST_TRAP_IN(8, PRV_S, CAUSE_ILLEGAL_INSN, RDINSTRET, csrr a0, instret)
  csrwi mcounteren, TM
  TEST_OK_IN(9, PRV_S, csrr a0, time)
  TEST_TRAP_IN(10, PRV_S, CAUSE_ILLEGAL_INSN, RDCYCLE, csrr a0, cycle)
  csrwi mcounteren, IR
  TEST_OK_IN(11, PRV_S, csrr a0, instret)
  TEST_TRAP_IN(12, PRV_S, CAUSE_ILLEGAL_INSN, RDTIME, csrr a0, time)

  /* ---- U needs both mcounteren and scounteren ---- */
  csrwi mcounteren, CY | TM | IR
  csrwi scounteren, 0
  TEST_TRAP_IN(13, PRV_U, CAUSE_ILLEGAL_INSN, RDCYCLE, csrr a0, cycle)
  TEST_TRAP_IN(14, PRV_U, CAUSE_ILLEGAL_INSN, RDINSTRET, csrr a0, instret)
  csrwi mcounteren, 0
  csrwi scounteren, CY | TM | IR
  TEST_TRAP_IN(15, PRV_U, CAUSE_ILLEGAL_INSN, RDTIME, csrr a0, time)
  TEST_TRAP_IN(16, PRV_U, CAUSE_ILLEGAL_INSN, RDINSTRET, csrr a0, instret)
  csrwi mcounteren, CY | TM | IR
  TEST_OK_IN(17, PRV_U, csrr a0, cycle; csrr a0, time; csrr a0, instret)
  csrwi scounteren, IR
  TEST_OK_IN(18, PRV_U, csrr a0, instret)
  TEST_TRAP_IN(19, PRV_U, CAUSE_ILLEGAL_INSN, RDCYCLE, csrr a0, cycle)
  csrwi mcounteren, TM
  csrwi scounteren, TM | IR
  TEST_OK_IN(20, PRV_U, csrr a0, time)
  TEST_TRAP_IN(21, PRV_U, CAUSE_ILLEGAL_INSN, RDINSTRET, csrr a0, instret)
  /* M reads everything whatever the enables say */
  csrwi mcounteren, 0
  csrwi scounteren, 0
  TEST_OK_IN(22, PRV_M, csrr a0, cycle; csrr a0, time; csrr a0, instret; csrr a0, mcycle; csrr a0, minstret)
  /* the enable bits read back */
  TEST_CASE(23, a0, CY | TM | IR, csrwi mcounteren, CY | TM | IR; csrr a0, mcounteren; andi a0, a0, 7)
  TEST_CASE(24, a0, TM, csrwi scounteren, TM; csrr a0, scounteren; andi a0, a0, 7)

  /* ---- counting, writing and inhibiting ---- */
  /* minstret and mcycle move forward */
  li TESTNUM, 25
  csrr a1, minstret
  li t0, 100
1:addi t0, t0, -1
  bnez t0, 1b
  csrr a2, minstret
  bgeu a1, a2, test_fail
  li TESTNUM, 26
  csrr a1, mcycle
  li t0, 100
1:addi t0, t0, -1
  bnez t0, 1b
  csrr a2, mcycle
  bgeu a1, a2, test_fail
  /* instret and cycle show minstret and mcycle */
  li TESTNUM, 27
  csrr a1, minstret
  csrr a2, instret
  csrr a3, minstret
  bltu a2, a1, test_fail
  bltu a3, a2, test_fail
  li TESTNUM, 28
  csrr a1, mcycle
  csrr a2, cycle
  csrr a3, mcycle
  bltu a2, a1, test_fail
  bltu a3, a2, test_fail
  /* a written value is where counting continues from */
  li TESTNUM, 29
  li a1, BIG
  csrw minstret, a1
  csrr a2, minstret
  bltu a2, a1, test_fail
  li t0, BIG + 0x100000000
  bgeu a2, t0, test_fail
  li TESTNUM, 30
  li a1, BIG
  csrw mcycle, a1
  csrr a2, mcycle
  bltu a2, a1, test_fail
  li t0, BIG + 0x100000000
  bgeu a2, t0, test_fail
  /* the low bits of mcountinhibit: CY and IR are writable */
  TEST_CASE(31, a0, CY | IR, csrwi mcountinhibit, CY | IR; csrr a0, mcountinhibit; andi a0, a0, CY | IR)
  TEST_CASE(32, a0, 0, csrwi mcountinhibit, 0; csrr a0, mcountinhibit; andi a0, a0, CY | IR)
  /* inhibited: a value written stays, however many instructions run */
  csrwi mcountinhibit, IR
  TEST_CASE(33, a0, 12345, li t0, 12345; csrw minstret, t0; csrr a0, minstret)
  TEST_CASE(34, a0, 12345, li t0, 100; 1: addi t0, t0, -1; bnez t0, 1b; csrr a0, minstret)
  TEST_CASE(35, a0, 12345, csrr a0, instret)
  csrwi mcountinhibit, CY
  TEST_CASE(36, a0, 777, li t0, 777; csrw mcycle, t0; csrr a0, mcycle)
  TEST_CASE(37, a0, 777, li t0, 100; 1: addi t0, t0, -1; bnez t0, 1b; csrr a0, mcycle)
  /* CY inhibit leaves minstret running, and IR inhibit mcycle */
  li TESTNUM, 38
  csrr a1, minstret
  li t0, 100
1:addi t0, t0, -1
  bnez t0, 1b
  csrr a2, minstret
  bgeu a1, a2, test_fail
  csrwi mcountinhibit, IR
  li TESTNUM, 39
  csrr a1, mcycle
  li t0, 100
1:addi t0, t0, -1
  bnez t0, 1b
  csrr a2, mcycle
  bgeu a1, a2, test_fail
  csrwi mcountinhibit, 0
  /* after the inhibit is lifted minstret counts again from the value written */
  li TESTNUM, 40
  li a1, 5000
  csrwi mcountinhibit, IR
  csrw minstret, a1
  csrwi mcountinhibit, 0
  li t0, 100
1:addi t0, t0, -1
  bnez t0, 1b
  csrr a2, minstret
  bgeu a1, a2, test_fail

  li t0, 7
  csrw mcounteren, t0
  csrw scounteren, t0
TEST_END
