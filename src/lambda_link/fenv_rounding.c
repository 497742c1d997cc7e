/* fegetround(3)/fesetround(3) for the provided.al2023 link recipe (see cmake/LambdaPackage.cmake).
 *
 * Why: libstdc++.a's floating_from_chars.o (std::from_chars for double, used to read numbers that arrive as
 * strings) references fesetround, which lives in libm.so.6, not libc. The code that calls it is removed by
 * --gc-sections, but GNU ld decides DT_NEEDED before collecting sections, so the bootstrap would still load
 * libm.so.6 at every start: ~0.1 ms of loading and ~380 KiB resident for no function it calls
 * (docs/PERFORMANCE.md §6). These hidden local definitions satisfy the reference, so --as-needed drops libm.
 * They are correct, not placeholders (the probe's --fenv-selftest checks them in the package test): they set
 * and read the rounding mode the way glibc does, in both the x87 control word and MXCSR on x86_64, and in
 * FPCR.RMode on aarch64. The FE_* values are the architectures' own, from <fenv.h>.
 */
#include <fenv.h>
#include <stdint.h>

#define GDSLACK_HIDDEN __attribute__((visibility("hidden")))

#if defined(__x86_64__)
#define ROUND_MASK (FE_TONEAREST | FE_DOWNWARD | FE_UPWARD | FE_TOWARDZERO) /* 0xc00, x87 RC bits */

GDSLACK_HIDDEN int fegetround(void) {
  unsigned short cw;
  __asm__ volatile("fnstcw %0" : "=m"(cw));
  return cw & ROUND_MASK;
}

GDSLACK_HIDDEN int fesetround(int round) {
  if ((round & ~ROUND_MASK) != 0) return 1;
  unsigned short cw;
  __asm__ volatile("fnstcw %0" : "=m"(cw));
  cw = (unsigned short)((cw & ~(unsigned int)ROUND_MASK) | (unsigned int)round);
  __asm__ volatile("fldcw %0" : : "m"(cw));
  unsigned int mxcsr;
  __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
  mxcsr = (mxcsr & ~((unsigned int)ROUND_MASK << 3)) | ((unsigned int)round << 3); /* MXCSR RC is bits 13-14 */
  __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
  return 0;
}
#elif defined(__aarch64__)
#define ROUND_MASK ((uint64_t)(FE_TONEAREST | FE_UPWARD | FE_DOWNWARD | FE_TOWARDZERO)) /* FPCR bits 22-23 */

GDSLACK_HIDDEN int fegetround(void) {
  uint64_t fpcr;
  __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
  return (int)(fpcr & ROUND_MASK);
}

GDSLACK_HIDDEN int fesetround(int round) {
  if (((uint64_t)round & ~ROUND_MASK) != 0) return 1;
  uint64_t fpcr;
  __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
  fpcr = (fpcr & ~ROUND_MASK) | (uint64_t)round;
  __asm__ volatile("msr fpcr, %0" : : "r"(fpcr));
  return 0;
}
#else
#error "fenv_rounding.c: add this architecture's rounding-mode register"
#endif
