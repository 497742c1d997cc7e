/* Prefaults the pages the bootstrap's init is about to touch, a few system calls instead of ~60 page faults.
 *
 * Why: on the virtual machine measured here (a Firecracker guest, as Lambda's are) a page fault costs ~10 us,
 * and each one maps at most 16 pages (fault-around), while MADV_POPULATE_READ/WRITE (Linux 5.14) maps a whole
 * range in one call, at 0.3-1.5 us a page in a new process. Init faults ~40 times in the ranges below
 * (docs/PERFORMANCE.md §6, "Fourth round"). Each range is one the bootstrap touches anyway, and one where a populate
 * costs less than the faults it saves (measured with strace -T and perf; RELRO is not: populating its 408 KiB took
 * 120-170 us to save ~3 faults):
 *   - text: from the start of the executable segment to gdslack_init_text_end, a marker that the
 *     symbol-ordering file (src/lambda_link/bootstrap.order) places right after everything init runs;
 *   - .data and .bss, written at init (copy-on-write and zero pages);
 *   - the heap malloc has obtained so far (one allocation makes malloc set it up first).
 * Nothing depends on it working: on an older kernel, or under qemu-user, madvise fails or does nothing and the
 * pages fault in as before. It runs as the first constructor of the executable (priority 101), after libc is
 * initialised and before the C++ runtime's and the libraries' constructors.
 * The probe's --prefault-selftest (package test) checks what it did through gdslack_prefault_result.
 */
#include "prefault.h"

#include <elf.h>
#include <errno.h>
#include <link.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22 /* <linux/mman.h>, Linux 5.14 */
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* Beyond this the marker is not where the ordering file puts it (a stale file): populate no text. */
#define MAX_TEXT_BYTES (4u << 20)

struct gdslack_prefault_report gdslack_prefault_result;

/* Its own section (-ffunction-sections); bootstrap.order names it after the last symbol init touches. */
__attribute__((noinline, used)) void gdslack_init_text_end(void) { __asm__ volatile(""); }

/* 0, or the errno of madvise (EINVAL: a kernel before 5.14). */
static int populate(uintptr_t start, uintptr_t end, int advice, size_t* bytes) {
  const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  start &= ~(page - 1);
  end = (end + page - 1) & ~(page - 1);
  if (end <= start) return -1;
  *bytes = end - start;
  return madvise((void*)start, end - start, advice) == 0 ? 0 : errno;
}

__attribute__((constructor(101))) static void gdslack_prefault(void) {
  struct gdslack_prefault_report* r = &gdslack_prefault_result;
  r->text_rc = r->data_rc = r->heap_rc = -1; /* -1: the range was not found */
  const ElfW(Phdr)* phdr = (const ElfW(Phdr)*)getauxval(AT_PHDR);
  const size_t phnum = (size_t)getauxval(AT_PHNUM);
  if (phdr == NULL) return;
  uintptr_t bias = 0; /* 0 for the non-PIE bootstrap; from PT_PHDR for a position-independent one */
  for (size_t i = 0; i < phnum; ++i) {
    if (phdr[i].p_type == PT_PHDR) bias = (uintptr_t)phdr - phdr[i].p_vaddr;
  }
  uintptr_t relro_start = 0, relro_end = 0;
  for (size_t i = 0; i < phnum; ++i) {
    if (phdr[i].p_type == PT_GNU_RELRO) {
      relro_start = bias + phdr[i].p_vaddr;
      relro_end = relro_start + phdr[i].p_memsz;
    }
  }
  const uintptr_t marker = (uintptr_t)&gdslack_init_text_end;
  for (size_t i = 0; i < phnum; ++i) {
    if (phdr[i].p_type != PT_LOAD) continue;
    const uintptr_t start = bias + phdr[i].p_vaddr;
    const uintptr_t end = start + phdr[i].p_memsz;
    if ((phdr[i].p_flags & PF_X) != 0 && marker > start && marker < end && marker - start <= MAX_TEXT_BYTES) {
      r->text_rc = populate(start, marker, MADV_POPULATE_READ, &r->text_bytes);
    } else if ((phdr[i].p_flags & PF_W) != 0 && (end <= relro_start || start >= relro_end)) {
      /* Not the RELRO segment: .data and .bss, which init writes. A first page shared with RELRO is skipped. */
      const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
      const uintptr_t relro_page_end = (relro_end + page - 1) & ~(page - 1);
      uintptr_t from = start;
      if (relro_end != 0 && from >= relro_end && from < relro_page_end) from = relro_page_end;
      r->data_rc = populate(from, end, MADV_POPULATE_WRITE, &r->data_bytes);
    }
  }
  /* The heap: after one allocation, malloc's main arena spans [break - arena, break). */
  void* volatile first = malloc(1); /* volatile: a malloc/free pair may otherwise be removed */
  free(first);
  const struct mallinfo2 info = mallinfo2();
  const uintptr_t brk_now = (uintptr_t)sbrk(0);
  if (info.arena > 0 && brk_now != (uintptr_t)-1 && brk_now > info.arena) {
    r->heap_rc = populate(brk_now - info.arena, brk_now, MADV_POPULATE_WRITE, &r->heap_bytes);
  }
}
