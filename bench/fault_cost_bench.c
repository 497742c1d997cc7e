/* What a page fault costs on this machine, against MADV_POPULATE_READ/WRITE (docs/PERFORMANCE.md §6, "Fourth
 * round"): the measurement behind src/lambda_link/bootstrap.order and src/lambda_link/prefault.c.
 *   fault_cost_bench FILE     FILE: any file of 4 MiB or more, read once first so that it is in the page cache
 * For 256 KiB, 1 MiB and 4 MiB of FILE mapped privately, best of 20:
 *   - one read per 64 KiB: a fault each (the kernel maps up to 16 pages around it: fault-around);
 *   - MADV_POPULATE_READ of the whole range, then one read per page;
 *   - anonymous memory: one write per page (a fault each), against MADV_POPULATE_WRITE first.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE (4 MiB or more, in the page cache)\n", argv[0]);
    return 2;
  }
  const int fd = open(argv[1], O_RDONLY);
  if (fd < 0 || lseek(fd, 0, SEEK_END) < (4 << 20)) {
    fprintf(stderr, "fault_cost_bench: %s: cannot read 4 MiB\n", argv[1]);
    return 2;
  }
  const size_t sizes[] = {256 << 10, 1 << 20, 4 << 20};
  printf(
      "| range | faults, one per 64 KiB | populate, then a read per page | anonymous: a write per page | anonymous: "
      "populate, then a write per page |\n|---|---|---|---|---|\n");
  for (int s = 0; s < 3; ++s) {
    const size_t len = sizes[s];
    double fault = 1e9, populate = 1e9, anon = 1e9, anon_populate = 1e9;
    volatile long sink = 0;
    for (int r = 0; r < 20; ++r) {
      volatile char* p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
      double t0 = now_us();
      for (size_t o = 0; o < len; o += 65536) sink += p[o];
      double t = now_us() - t0;
      if (t < fault) fault = t;
      munmap((void*)p, len);

      p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
      t0 = now_us();
      madvise((void*)p, len, MADV_POPULATE_READ);
      for (size_t o = 0; o < len; o += 4096) sink += p[o];
      t = now_us() - t0;
      if (t < populate) populate = t;
      munmap((void*)p, len);

      char* a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      t0 = now_us();
      for (size_t o = 0; o < len; o += 4096) a[o] = 1;
      t = now_us() - t0;
      if (t < anon) anon = t;
      munmap(a, len);

      a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      t0 = now_us();
      madvise(a, len, MADV_POPULATE_WRITE);
      for (size_t o = 0; o < len; o += 4096) a[o] = 1;
      t = now_us() - t0;
      if (t < anon_populate) anon_populate = t;
      munmap(a, len);
    }
    printf("| %zu KiB | %.0f us (%.1f us per fault) | %.0f us | %.0f us (%.1f us per page) | %.0f us |\n", len >> 10,
           fault, fault / (double)(len / 65536), populate, anon, anon / (double)(len / 4096), anon_populate);
  }
  return 0;
}
