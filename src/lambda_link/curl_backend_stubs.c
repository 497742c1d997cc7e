/* "Not supported" entry points for three libcurl protocol back-ends that Debian 12's libcurl.a is compiled
 * with but that have no usable static library on Debian 12 (see docs/PACKAGING.md, "Static libcurl closure"):
 *
 *   GSS-API (Kerberos/SPNEGO auth)  libgssapi_krb5: no .a in libkrb5-dev at all.
 *   LDAP/LDAPS                      libldap.a exists but needs libsasl2 (no .a) and GnuTLS -> p11-kit (no .a).
 *   RTMP                            librtmp.a exists but needs GnuTLS -> p11-kit (no .a) and a second TLS stack.
 *
 * libcurl.a references these symbols from its protocol table, so they must resolve at link time even though
 * guardduty-slack only speaks HTTP(S) (it restricts CURLOPT_PROTOCOLS_STR to "https,http"). Every function here
 * fails the way the real library reports "unavailable", so libcurl turns it into an ordinary error:
 *   rtmp://  -> RTMP_Alloc() == NULL            -> CURLE_OUT_OF_MEMORY
 *   ldap://  -> ldap_url_parse()/ldap_init_fd() fail -> CURLE_URL_MALFORMAT / CURLE_COULDNT_CONNECT
 *   Negotiate/Kerberos auth -> gss_import_name()/gss_init_sec_context() = GSS_S_FAILURE -> auth not performed
 * All symbols are hidden (never exported). Signatures use opaque pointers; on x86_64/aarch64 the ABI only
 * depends on the integer/pointer classes used here. Tested by `probe --stub-selftest` in
 * tests/package/test_chroot.sh. Nothing else in the binary calls them.
 */
#include <stddef.h>
#include <stdint.h>

#include "stub_calls.h"

#define STUB __attribute__((visibility("hidden")))

/* Counts entries into the stubs that libcurl calls first on each back-end, so the self-test
 * (tests/package/probe.cc --stub-selftest) can prove the stubs, not a real library, answered. */
STUB unsigned gdslack_lambda_stub_calls;
#define COUNT() GDSLACK_STUB_CALLED()

/* ---- GSS-API (RFC 2744) ---- */
typedef uint32_t OM_uint32;
#define GSS_S_COMPLETE 0u
#define GSS_S_FAILURE (13u << 16)
typedef struct { OM_uint32 length; void *value; } gss_buffer_desc_stub;
typedef struct { OM_uint32 length; void *elements; } gss_OID_desc_stub;

static gss_OID_desc_stub gdslack_nt_hostbased = {10, (void *)"\x2a\x86\x48\x86\xf7\x12\x01\x02\x01\x04"};
STUB gss_OID_desc_stub *GSS_C_NT_HOSTBASED_SERVICE = &gdslack_nt_hostbased;

static OM_uint32 gss_fail(OM_uint32 *minor) { if (minor) *minor = 0; return GSS_S_FAILURE; }
static OM_uint32 gss_ok(OM_uint32 *minor) { if (minor) *minor = 0; return GSS_S_COMPLETE; }
static void clear_buffer(gss_buffer_desc_stub *b) { if (b) { b->length = 0; b->value = NULL; } }

STUB OM_uint32 gss_import_name(OM_uint32 *minor, void *in, void *type, void **out) {
  COUNT();
  (void)in; (void)type; if (out) *out = NULL; return gss_fail(minor);
}
STUB OM_uint32 gss_init_sec_context(OM_uint32 *minor, void *cred, void **ctx, void *target, void *mech,
                                    OM_uint32 flags, OM_uint32 time_req, void *bindings, void *input,
                                    void **actual_mech, gss_buffer_desc_stub *output, OM_uint32 *ret_flags,
                                    OM_uint32 *time_rec) {
  COUNT();
  (void)cred; (void)ctx; (void)target; (void)mech; (void)flags; (void)time_req; (void)bindings; (void)input;
  if (actual_mech) *actual_mech = NULL;
  clear_buffer(output);
  if (ret_flags) *ret_flags = 0;
  if (time_rec) *time_rec = 0;
  return gss_fail(minor);
}
STUB OM_uint32 gss_delete_sec_context(OM_uint32 *minor, void **ctx, gss_buffer_desc_stub *out) {
  if (ctx) *ctx = NULL;
  clear_buffer(out);
  return gss_ok(minor);
}
STUB OM_uint32 gss_release_buffer(OM_uint32 *minor, gss_buffer_desc_stub *b) { clear_buffer(b); return gss_ok(minor); }
STUB OM_uint32 gss_release_name(OM_uint32 *minor, void **name) { if (name) *name = NULL; return gss_ok(minor); }
STUB OM_uint32 gss_display_name(OM_uint32 *minor, void *name, gss_buffer_desc_stub *out, void **type) {
  (void)name; clear_buffer(out); if (type) *type = NULL; return gss_fail(minor);
}
STUB OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status, int type, void *mech, OM_uint32 *msg_ctx,
                                  gss_buffer_desc_stub *out) {
  (void)status; (void)type; (void)mech; if (msg_ctx) *msg_ctx = 0; clear_buffer(out); return gss_fail(minor);
}
STUB OM_uint32 gss_inquire_context(OM_uint32 *minor, void *ctx, void **src, void **targ, OM_uint32 *life,
                                   void **mech, OM_uint32 *flags, int *local, int *open) {
  (void)ctx; if (src) *src = NULL; if (targ) *targ = NULL; if (life) *life = 0; if (mech) *mech = NULL;
  if (flags) *flags = 0;
  if (local) *local = 0;
  if (open) *open = 0;
  return gss_fail(minor);
}
STUB OM_uint32 gss_wrap(OM_uint32 *minor, void *ctx, int conf, OM_uint32 qop, void *in, int *conf_state,
                        gss_buffer_desc_stub *out) {
  (void)ctx; (void)conf; (void)qop; (void)in; if (conf_state) *conf_state = 0; clear_buffer(out);
  return gss_fail(minor);
}
STUB OM_uint32 gss_unwrap(OM_uint32 *minor, void *ctx, void *in, gss_buffer_desc_stub *out, int *conf_state,
                          OM_uint32 *qop) {
  (void)ctx; (void)in; clear_buffer(out); if (conf_state) *conf_state = 0; if (qop) *qop = 0;
  return gss_fail(minor);
}

/* ---- librtmp ---- */
STUB void *RTMP_Alloc(void) { COUNT(); return NULL; } /* curl: rtmp_setup_connection -> CURLE_OUT_OF_MEMORY */
STUB void RTMP_Init(void *r) { (void)r; }
STUB void RTMP_Free(void *r) { (void)r; }
STUB void RTMP_Close(void *r) { (void)r; }
STUB int RTMP_SetupURL(void *r, char *url) { (void)r; (void)url; return 0; }
STUB void RTMP_SetBufferMS(void *r, int ms) { (void)r; (void)ms; }
STUB int RTMP_Connect1(void *r, void *cp) { (void)r; (void)cp; return 0; }
STUB int RTMP_ConnectStream(void *r, int seek) { (void)r; (void)seek; return 0; }
STUB int RTMP_Read(void *r, char *buf, int size) { (void)r; (void)buf; (void)size; return -1; }
STUB int RTMP_Write(void *r, const char *buf, int size) { (void)r; (void)buf; (void)size; return -1; }

/* ---- OpenLDAP (libldap / liblber) ---- */
#define LDAP_NOT_SUPPORTED (-12)
#define LDAP_OPT_ERROR (-1)
#define LDAP_URL_ERR_BADSCHEME 3
STUB int ldap_url_parse(const char *url, void **desc) { COUNT(); (void)url; if (desc) *desc = NULL; return LDAP_URL_ERR_BADSCHEME; }
STUB void ldap_free_urldesc(void *desc) { (void)desc; }
STUB int ldap_pvt_url_scheme2proto(const char *scheme) { (void)scheme; return -1; }
STUB int ldap_init_fd(int fd, int proto, const char *url, void **ld) {
  COUNT();
  (void)fd; (void)proto; (void)url; if (ld) *ld = NULL; return LDAP_NOT_SUPPORTED;
}
STUB char *ldap_err2string(int err) { (void)err; return (char *)"LDAP not supported in this build (guardduty-slack Lambda)"; }
STUB int ldap_set_option(void *ld, int opt, const void *in) { (void)ld; (void)opt; (void)in; return LDAP_OPT_ERROR; }
STUB int ldap_get_option(void *ld, int opt, void *out) { (void)ld; (void)opt; (void)out; return LDAP_OPT_ERROR; }
STUB int ldap_start_tls(void *ld, void *s, void *c, int *id) { (void)ld; (void)s; (void)c; (void)id; return LDAP_NOT_SUPPORTED; }
STUB int ldap_sasl_bind(void *ld, const char *dn, const char *mech, void *cred, void *s, void *c, int *id) {
  (void)ld; (void)dn; (void)mech; (void)cred; (void)s; (void)c; (void)id; return LDAP_NOT_SUPPORTED;
}
STUB int ldap_search_ext(void *ld, const char *base, int scope, const char *filter, char **attrs, int attrsonly,
                         void *s, void *c, void *timeout, int sizelimit, int *id) {
  (void)ld; (void)base; (void)scope; (void)filter; (void)attrs; (void)attrsonly; (void)s; (void)c; (void)timeout;
  (void)sizelimit; (void)id; return LDAP_NOT_SUPPORTED;
}
STUB int ldap_result(void *ld, int id, int all, void *timeout, void **res) {
  (void)ld; (void)id; (void)all; (void)timeout; if (res) *res = NULL; return -1;
}
STUB int ldap_msgtype(void *msg) { (void)msg; return -1; }
STUB int ldap_msgfree(void *msg) { (void)msg; return -1; }
STUB void ldap_memfree(void *p) { (void)p; }
STUB int ldap_parse_result(void *ld, void *res, int *err, char **dn, char **msg, char ***refs, void ***ctrls, int freeit) {
  (void)ld; (void)res; (void)freeit; if (err) *err = LDAP_NOT_SUPPORTED; if (dn) *dn = NULL; if (msg) *msg = NULL;
  if (refs) *refs = NULL;
  if (ctrls) *ctrls = NULL;
  return LDAP_NOT_SUPPORTED;
}
STUB int ldap_parse_sasl_bind_result(void *ld, void *res, void **cred, int freeit) {
  (void)ld; (void)res; (void)freeit; if (cred) *cred = NULL; return LDAP_NOT_SUPPORTED;
}
STUB int ldap_get_dn_ber(void *ld, void *entry, void **ber, void *dn) {
  (void)ld; (void)entry; (void)dn; if (ber) *ber = NULL; return LDAP_NOT_SUPPORTED;
}
STUB int ldap_get_attribute_ber(void *ld, void *entry, void *ber, void *attr, void **vals) {
  (void)ld; (void)entry; (void)ber; (void)attr; if (vals) *vals = NULL; return LDAP_NOT_SUPPORTED;
}
STUB int ldap_abandon_ext(void *ld, int id, void *s, void *c) { (void)ld; (void)id; (void)s; (void)c; return LDAP_NOT_SUPPORTED; }
STUB int ldap_unbind_ext(void *ld, void *s, void *c) { (void)ld; (void)s; (void)c; return 0; }
STUB int ber_sockbuf_add_io(void *sb, void *io, int layer, void *arg) { (void)sb; (void)io; (void)layer; (void)arg; return -1; }
STUB void ber_free(void *ber, int freebuf) { (void)ber; (void)freebuf; }
STUB void ber_bvfree(void *bv) { (void)bv; }
STUB void ber_memfree(void *p) { (void)p; }
STUB void ber_memvfree(void **v) { (void)v; }
