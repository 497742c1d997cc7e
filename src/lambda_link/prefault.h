/* What src/lambda_link/prefault.c did at start, for the package test's probe (--prefault-selftest). */
#ifndef GDSLACK_LAMBDA_LINK_PREFAULT_H_
#define GDSLACK_LAMBDA_LINK_PREFAULT_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Each *_rc: 0 done, an errno from madvise (EINVAL: the kernel predates MADV_POPULATE_*), or -1 when the range
 * was not found; each *_bytes: the range's length. */
struct gdslack_prefault_report {
  int text_rc, data_rc, heap_rc;
  size_t text_bytes, data_bytes, heap_bytes;
};
extern struct gdslack_prefault_report gdslack_prefault_result;

/* The marker the symbol-ordering file places after the last function init runs. */
void gdslack_init_text_end(void);

#ifdef __cplusplus
}
#endif

#endif /* GDSLACK_LAMBDA_LINK_PREFAULT_H_ */
