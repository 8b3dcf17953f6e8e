/* Machine-level CSR fields (privileged spec v1.12, 3.1.1-3.1.7, 3.1.14, 3.1.16, 4.1.1):
 * misa (RV64 with I, M, A, F, D, C, S, U; read-only here and in QEMU), mhartid, mstatus
 * (UXL/SXL, MPP values, little-endian, FS and SD, sstatus being a restricted view), mtvec/stvec
 * modes, mepc/sepc keeping bit 1 (C is on), the scratch registers, and jalr clearing bit 0 of
 * its target (misaligned fetch cannot happen with C enabled).
 *
 * The body runs in M; CATCH_M / MRET_TO visit S and U (mtvec at a body label, s11 = the
 * harness's mtvec).
 */
#include "test.h"

TEST_ONLY_M

#define UNCATCH_M           csrw mtvec, s11
#define GET_FIELD(reg, csr, shift, mask) csrr reg, csr; srli reg, reg, shift; andi reg, reg, mask
#define TEST_TRAP_IN(n, prv, cause, tval, insn...) \
  li TESTNUM, n; CATCH_M(9801f); MRET_TO(prv, 9802f); \
  9802: insn; j test_fail; .balign 4; \
  9801: UNCATCH_M; \
  csrr t5, mcause; li t6, cause; TEST_FAIL_IF_NE(t5, t6); \
  csrr t5, mtval; li t6, tval; TEST_FAIL_IF_NE(t5, t6)

#define MISA_EXT(c)     (1 << ((c) - 'A'))
#define MISA_RV64GC_SU  (MISA_EXT('I') | MISA_EXT('M') | MISA_EXT('A') | MISA_EXT('F') | \
                         MISA_EXT('D') | MISA_EXT('C') | MISA_EXT('S') | MISA_EXT('U'))
#define MSTATUS_TVM     (1 << 20)
#define MSTATUS_TW      (1 << 21)
#define MSTATUS_TSR     (1 << 22)
#define MSTATUS_SD      (1 << 63)
/* fields sstatus must not show or change */
#define M_ONLY_FIELDS   (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | \
                         MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define S_FIELDS        (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)

#include "priv.h"

TEST_BEGIN
  csrr s11, mtvec
  csrw mie, zero

  /* ---- misa ---- */
  TEST_CASE(1, a0, 2, csrr a0, misa; srli a0, a0, 62)
  TEST_CASE(2, a0, MISA_RV64GC_SU, csrr a0, misa; li t0, MISA_RV64GC_SU; and a0, a0, t0)
  TEST_CASE(3, a0, 0, csrr a0, misa; andi a0, a0, MISA_EXT('E'))
  /* a write changes nothing we rely on (misa is read-only in polyhart and in QEMU 7.2) */
  TEST_CASE(4, a0, 0, csrr a1, misa; csrw misa, zero; csrr a0, misa; sub a0, a0, a1)
  TEST_CASE(5, a0, 0, csrr a1, misa; li t0, ~MISA_EXT('C'); and t0, a1, t0; csrw misa, t0; \
            csrr a0, misa; sub a0, a0, a1)
  /* misa is M-only */
  TEST_TRAP_IN(6, PRV_S, CAUSE_ILLEGAL_INSN, 0x30102573, csrr a0, misa)
  TEST_CASE(7, a0, 0, csrr a0, mhartid)

  /* ---- mstatus ---- */
  TEST_CASE(8, a0, 2, GET_FIELD(a0, mstatus, 32, 3))          /* UXL = 64 */
  TEST_CASE(9, a0, 2, GET_FIELD(a0, mstatus, 34, 3))          /* SXL = 64 */
  TEST_CASE(10, a0, 2, GET_FIELD(a0, sstatus, 32, 3))         /* UXL through sstatus */
  /* little-endian only: UBE, SBE, MBE read 0 */
  TEST_CASE(11, a0, 0, GET_FIELD(a0, mstatus, 6, 1))
  TEST_CASE(12, a0, 0, GET_FIELD(a0, mstatus, 36, 3))
  /* MPP holds each supported mode */
  TEST_CASE(13, a0, PRV_U, li t0, MSTATUS_MPP; csrc mstatus, t0; GET_FIELD(a0, mstatus, 11, 3))
  TEST_CASE(14, a0, PRV_S, li t0, PRV_S << 11; csrs mstatus, t0; GET_FIELD(a0, mstatus, 11, 3))
  TEST_CASE(15, a0, PRV_M, li t0, MSTATUS_MPP; csrs mstatus, t0; GET_FIELD(a0, mstatus, 11, 3))
  TEST_CASE(16, a0, 1, li t0, MSTATUS_SPP; csrs mstatus, t0; GET_FIELD(a0, mstatus, 8, 1))
  TEST_CASE(17, a0, 0, li t0, MSTATUS_SPP; csrc mstatus, t0; GET_FIELD(a0, mstatus, 8, 1))
  /* the trap-virtualization bits hold what is written */
  TEST_CASE(18, a0, 7, li t0, MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR; csrs mstatus, t0; \
            GET_FIELD(a0, mstatus, 20, 7); csrc mstatus, t0)

  /* ---- sstatus: the S fields of mstatus, and nothing else ---- */
  csrr s8, mstatus
  li t0, M_ONLY_FIELDS
  csrs mstatus, t0
  TEST_CASE(19, a0, 0, csrr a0, sstatus; li t0, M_ONLY_FIELDS; and a0, a0, t0)
  li t0, S_FIELDS
  csrc mstatus, t0
  TEST_CASE(20, a0, S_FIELDS, li t0, -1; csrs sstatus, t0; csrr a0, mstatus; li t0, S_FIELDS; and a0, a0, t0)
  TEST_CASE(21, a0, M_ONLY_FIELDS, csrw sstatus, zero; csrr a0, mstatus; li t0, M_ONLY_FIELDS; and a0, a0, t0)
  TEST_CASE(22, a0, 0, csrr a0, mstatus; li t0, S_FIELDS; and a0, a0, t0)
  csrw mstatus, s8                   /* MPRV was set above: put everything back at once */

  /* ---- FS: off makes FP instructions illegal; a write to FP state makes it dirty; SD ---- */
  li t0, MSTATUS_FS
  csrc mstatus, t0
  TEST_CASE(23, a0, 0, csrr a0, mstatus; srli a0, a0, 63)
  TEST_TRAP_IN(24, PRV_M, CAUSE_ILLEGAL_INSN, 0xe2000553, fmv.x.d a0, f0)
  TEST_TRAP_IN(25, PRV_S, CAUSE_ILLEGAL_INSN, 0x00302573, csrr a0, fcsr)
  li t0, (1 << 13)                   /* FS = initial */
  csrs mstatus, t0
  TEST_CASE(26, a0, 1, GET_FIELD(a0, mstatus, 13, 3))
  TEST_CASE(27, a0, 3, fmv.d.x f1, zero; GET_FIELD(a0, mstatus, 13, 3))
  TEST_CASE(28, a0, 1, csrr a0, mstatus; srli a0, a0, 63)
  TEST_CASE(29, a0, 1, csrr a0, sstatus; srli a0, a0, 63)
  li t0, MSTATUS_FS
  csrs mstatus, t0

  /* ---- trap vectors: MODE 0 and 1 are kept with the base ---- */
  TEST_CASE(30, a0, 0, la t1, vec_base; ori t1, t1, 1; csrw mtvec, t1; csrr a0, mtvec; sub a0, a0, t1)
  TEST_CASE(31, a0, 0, la t1, vec_base; csrw mtvec, t1; csrr a0, mtvec; sub a0, a0, t1)
  TEST_CASE(32, a0, 0, la t1, vec_base; ori t1, t1, 1; csrw stvec, t1; csrr a0, stvec; sub a0, a0, t1)
  TEST_CASE(33, a0, 0, la t1, vec_base; csrw stvec, t1; csrr a0, stvec; sub a0, a0, t1)
  csrw mtvec, s11

  /* ---- xepc keep bit 1 (IALIGN = 16); scratch registers keep all 64 bits ---- */
  TEST_CASE(34, a0, 0x80000002, li t0, 0x80000002; csrw mepc, t0; csrr a0, mepc)
  TEST_CASE(35, a0, 0x80000006, li t0, 0x80000006; csrw sepc, t0; csrr a0, sepc)
  TEST_CASE(36, a0, 0xfedcba9876543210, li t0, 0xfedcba9876543210; csrw mscratch, t0; csrr a0, mscratch)
  TEST_CASE(37, a0, 0x0123456789abcdef, li t0, 0x0123456789abcdef; csrw sscratch, t0; csrr a0, sscratch)
  TEST_CASE(38, a0, 0xfffffffffffffff0, li t0, 0xfffffffffffffff0; csrw mtval, t0; csrr a0, mtval)
  TEST_CASE(39, a0, 0x00000000deadbee0, li t0, 0xdeadbee0; csrw stval, t0; csrr a0, stval)

  /* ---- jalr clears bit 0 of the target: an odd target runs the even address ---- */
  TEST_CASE(40, a0, 0x11, la t0, 1f; addi t0, t0, 1; li a0, 0; jalr ra, t0; li a0, 0x22; j 2f; \
            .balign 4; 1: li a0, 0x11; 2:)
  TEST_CASE(41, a0, 0x33, la t0, 1f; li a0, 0; jalr ra, 3(t0); li a0, 0x22; j 2f; \
            .balign 4; 1: c.nop; li a0, 0x33; 2:)   /* (t0 + 3) & ~1 = t0 + 2: the c.nop is skipped */
  /* the same from U and S */
  li TESTNUM, 42
  CATCH_M(3f)
  MRET_TO(PRV_U, 2f)
2:la t0, 1f
  addi t0, t0, 1
  li a0, 0
  jalr ra, t0
  li a0, 0x22
  ecall
  .balign 4
1:li a0, 0x44
  ecall
  .balign 4
3:UNCATCH_M
  TEST_CASE(42, a0, 0x44, )
  TEST_CASE(43, a0, CAUSE_USER_ECALL, csrr a0, mcause)
  li TESTNUM, 44
  CATCH_M(3f)
  MRET_TO(PRV_S, 2f)
2:la t0, 1f
  li a0, 0
  jalr ra, -1(t0)                     /* target - 1 is odd: runs target - 2, the c.nop */
  li a0, 0x22
  ecall
  .balign 4
  c.nop
1:li a0, 0x55
  ecall
  .balign 4
3:UNCATCH_M
  TEST_CASE(44, a0, 0x55, )
  /* the link register holds the address after the jalr, not the target */
  TEST_CASE(45, a0, 0, la t0, 1f; addi t0, t0, 1; jalr ra, t0; 2: .balign 4; 1: la t1, 2b; sub a0, ra, t1)
TEST_END

  .text
  .balign 256
vec_base:
  j test_fail
