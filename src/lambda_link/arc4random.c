/* arc4random(3) for the provided.al2023 link recipe (see docs/PACKAGING.md, cmake/LambdaPackage.cmake).
 *
 * Why: libstdc++.a (GCC 12, built on glibc 2.36) references arc4random from random.o, which is pulled in
 * by std::random_device and indirectly by <stdexcept>. arc4random only exists in glibc >= 2.36
 * (arc4random@GLIBC_2.36); Amazon Linux 2023 has glibc 2.34, so linking libstdc++ statically would make
 * the binary fail to start there. This definition satisfies the reference locally (hidden, never exported)
 * with the same contract as glibc's: uniformly random 32 bits from the kernel CSPRNG via getrandom(2)
 * (GLIBC_2.25), blocking only until the pool is initialised, retrying on EINTR, aborting on any other
 * failure (glibc's arc4random also never returns an error).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/types.h>

#define GDSLACK_HIDDEN __attribute__((visibility("hidden")))

GDSLACK_HIDDEN void arc4random_buf(void *buf, size_t n) {
  unsigned char *p = (unsigned char *)buf;
  while (n > 0) {
    ssize_t got = getrandom(p, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      abort();
    }
    p += got;
    n -= (size_t)got;
  }
}

GDSLACK_HIDDEN uint32_t arc4random(void) {
  uint32_t v;
  arc4random_buf(&v, sizeof v);
  return v;
}

GDSLACK_HIDDEN uint32_t arc4random_uniform(uint32_t upper_bound) {
  /* Rejection sampling as in OpenBSD: discard values below 2**32 % upper_bound. */
  if (upper_bound < 2) return 0;
  uint32_t min = (uint32_t)(-upper_bound) % upper_bound;
  for (;;) {
    uint32_t r = arc4random();
    if (r >= min) return r % upper_bound;
  }
}
