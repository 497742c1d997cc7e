/* libidn2 (internationalised host names) and libpsl (the public-suffix check of the cookie engine), answered
 * "unavailable".
 *
 * Without these, libcurl.a pulls in libidn2.a, libunistring.a and libpsl.a (~0.41 MB of Unicode tables and the
 * built-in suffix list). guardduty-slack talks only to ASCII host names (hooks.slack.com, slack.com,
 * *.amazonaws.com, or the host of a configured URL, which src/base/url.cc accepts only in ASCII) and never
 * enables cookies, so:
 *   - a non-ASCII host name reaches idn2_lookup_ul(), which fails: libcurl ends the transfer with
 *     CURLE_URL_MALFORMAT ("Failed to convert ... to ACE") instead of resolving a punycode name;
 *   - the cookie engine gets no suffix list (psl_latest/psl_builtin answer NULL) and falls back to its own
 *     domain check, which libcurl does whenever libpsl has no list.
 * Signatures come from the libraries' own headers. Tested by `probe --stub-selftest`.
 */
#include <idn2.h>
#include <libpsl.h>
#include <stddef.h>

#include "stub_calls.h"

/* Says "present", so libcurl asks idn2_lookup_ul() and gets a clean failure (with NULL it would try to
 * resolve the raw UTF-8 name). */
const char *idn2_check_version(const char *req_version) {
  (void)req_version;
  return IDN2_VERSION;
}
int idn2_lookup_ul(const char *src, char **lookupname, int flags) {
  GDSLACK_STUB_CALLED();
  (void)src, (void)flags;
  if (lookupname) *lookupname = NULL;
  return IDN2_ENCODING_ERROR;
}
void idn2_free(void *ptr) { (void)ptr; }

psl_ctx_t *psl_latest(const char *fname) {
  GDSLACK_STUB_CALLED();
  (void)fname;
  return NULL;
}
const psl_ctx_t *psl_builtin(void) {
  GDSLACK_STUB_CALLED();
  return NULL;
}
void psl_free(psl_ctx_t *psl) { (void)psl; }
int psl_is_cookie_domain_acceptable(const psl_ctx_t *psl, const char *hostname, const char *cookie_domain) {
  (void)psl, (void)hostname, (void)cookie_domain;
  return 0; /* never reached: libcurl calls it only with a list, and there is none */
}
const char *psl_get_version(void) { return "none"; }
