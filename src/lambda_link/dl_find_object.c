/* _dl_find_object(3) for the provided.al2023 link recipe (see docs/PACKAGING.md, cmake/LambdaPackage.cmake).
 *
 * Why: we link libgcc statically (-static-libgcc) so the binary does not need libgcc_s.so.1, whose presence
 * on provided.al2023 is unverified (and Debian's copy needs GLIBC_2.35, so it cannot be shipped). GCC 12's
 * libgcc_eh.a (unwind-dw2-fde-dip.o, built against glibc 2.36) locates unwind tables of the code being
 * unwound through _dl_find_object@GLIBC_2.35, which Amazon Linux 2023 (glibc 2.34) lacks. That code path
 * does not fall back to dl_iterate_phdr, so a stub returning -1 would break every C++ exception.
 *
 * This is a faithful, slower replacement over dl_iterate_phdr(3) (GLIBC_2.2.5) -- the mechanism libgcc used
 * before glibc 2.35: find the loaded object whose PT_LOAD segments contain ADDRESS and report its mapping
 * and PT_GNU_EH_FRAME (.eh_frame_hdr). It is hidden (never exported), so only this executable's own
 * unwinder uses it; glibc itself never calls it through the symbol. dlfo_link_map is left NULL (libgcc does
 * not read it). Tested by tests/package/probe.cc (throws and catches across frames) in the chroot test.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <string.h>

struct gdslack_dlfo_search {
  uintptr_t pc;
  struct dl_find_object *out;
  int found;
};

static int gdslack_dlfo_cb(struct dl_phdr_info *info, size_t size, void *data) {
  struct gdslack_dlfo_search *s = (struct gdslack_dlfo_search *)data;
  (void)size;
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  int contains = 0;
  const void *eh = NULL;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_LOAD) {
      uintptr_t start = info->dlpi_addr + ph->p_vaddr;
      uintptr_t end = start + ph->p_memsz;
      if (start < lo) lo = start;
      if (end > hi) hi = end;
      if (s->pc >= start && s->pc < end) contains = 1;
    } else if (ph->p_type == PT_GNU_EH_FRAME) {
      eh = (const void *)(info->dlpi_addr + ph->p_vaddr);
    }
  }
  if (!contains) return 0;
  memset(s->out, 0, sizeof *s->out);
  s->out->dlfo_map_start = (void *)lo;
  s->out->dlfo_map_end = (void *)hi;
  s->out->dlfo_link_map = NULL;
  s->out->dlfo_eh_frame = (void *)eh;
#if DLFO_STRUCT_HAS_EH_DBASE
  s->out->dlfo_eh_dbase = NULL; /* x86_64/aarch64: DW_EH_PE_datarel unused; 0 here like glibc */
#endif
  s->found = 1;
  return 1;
}

__attribute__((visibility("hidden"))) int _dl_find_object(void *address, struct dl_find_object *result) {
  struct gdslack_dlfo_search s = {(uintptr_t)address, result, 0};
  dl_iterate_phdr(gdslack_dlfo_cb, &s);
  return s.found ? 0 : -1;
}
