/* nghttp2 (HTTP/2 framing) for libcurl, answered "unavailable".
 *
 * Without these, libcurl.a pulls in libnghttp2.a (~0.14 MB). guardduty-slack speaks HTTP/1.1 only: every
 * transfer sets CURLOPT_HTTP_VERSION = CURL_HTTP_VERSION_1_1 (src/http/curl_http_client.cc), so libcurl never
 * offers "h2" in TLS ALPN and never starts an HTTP/2 session. Its posts are sequential on one kept-alive
 * connection per peer, where HTTP/2 multiplexing has nothing to gain. If a transfer did ask for HTTP/2, the
 * first call (creating the callbacks) fails with NGHTTP2_ERR_NOMEM and libcurl ends the transfer with an
 * error. nghttp2_version() answers a real structure because curl_version() prints it. Signatures come from
 * nghttp2's own header. Tested by `probe --stub-selftest` (HTTP/2 with prior knowledge).
 */
#include <nghttp2/nghttp2.h>

#include "stub_calls.h"

#define FAIL NGHTTP2_ERR_NOMEM

nghttp2_info *nghttp2_version(int least_version) {
  static nghttp2_info info = {1, 0, "none", "h2"};
  (void)least_version;
  return &info;
}
const char *nghttp2_strerror(int lib_error_code) {
  (void)lib_error_code;
  return "HTTP/2 is not supported by this build";
}
const char *nghttp2_http2_strerror(uint32_t error_code) {
  (void)error_code;
  return "HTTP/2 is not supported by this build";
}
int nghttp2_is_fatal(int lib_error_code) { return lib_error_code < NGHTTP2_ERR_FATAL; }

int nghttp2_session_callbacks_new(nghttp2_session_callbacks **callbacks_ptr) {
  GDSLACK_STUB_CALLED();
  if (callbacks_ptr) *callbacks_ptr = NULL;
  return FAIL;
}
void nghttp2_session_callbacks_del(nghttp2_session_callbacks *callbacks) { (void)callbacks; }
void nghttp2_session_callbacks_set_error_callback(nghttp2_session_callbacks *cbs, nghttp2_error_callback cb) {
  (void)cbs, (void)cb;
}
void nghttp2_session_callbacks_set_on_begin_headers_callback(nghttp2_session_callbacks *cbs,
                                                            nghttp2_on_begin_headers_callback cb) {
  (void)cbs, (void)cb;
}
void nghttp2_session_callbacks_set_on_data_chunk_recv_callback(nghttp2_session_callbacks *cbs,
                                                              nghttp2_on_data_chunk_recv_callback cb) {
  (void)cbs, (void)cb;
}
void nghttp2_session_callbacks_set_on_frame_recv_callback(nghttp2_session_callbacks *cbs,
                                                         nghttp2_on_frame_recv_callback cb) {
  (void)cbs, (void)cb;
}
void nghttp2_session_callbacks_set_on_header_callback(nghttp2_session_callbacks *cbs, nghttp2_on_header_callback cb) {
  (void)cbs, (void)cb;
}
void nghttp2_session_callbacks_set_on_stream_close_callback(nghttp2_session_callbacks *cbs,
                                                           nghttp2_on_stream_close_callback cb) {
  (void)cbs, (void)cb;
}
void nghttp2_session_callbacks_set_send_callback(nghttp2_session_callbacks *cbs, nghttp2_send_callback cb) {
  (void)cbs, (void)cb;
}

int nghttp2_option_new(nghttp2_option **option_ptr) {
  GDSLACK_STUB_CALLED();
  if (option_ptr) *option_ptr = NULL;
  return FAIL;
}
void nghttp2_option_del(nghttp2_option *option) { (void)option; }
void nghttp2_option_set_no_rfc9113_leading_and_trailing_ws_validation(nghttp2_option *option, int val) {
  (void)option, (void)val;
}

int nghttp2_session_client_new2(nghttp2_session **session_ptr, const nghttp2_session_callbacks *callbacks,
                                void *user_data, const nghttp2_option *option) {
  GDSLACK_STUB_CALLED();
  (void)callbacks, (void)user_data, (void)option;
  if (session_ptr) *session_ptr = NULL;
  return FAIL;
}
void nghttp2_session_del(nghttp2_session *session) { (void)session; }
int nghttp2_session_upgrade2(nghttp2_session *session, const uint8_t *settings_payload, size_t settings_payloadlen,
                             int head_request, void *stream_user_data) {
  (void)session, (void)settings_payload, (void)settings_payloadlen, (void)head_request, (void)stream_user_data;
  return FAIL;
}
ssize_t nghttp2_pack_settings_payload(uint8_t *buf, size_t buflen, const nghttp2_settings_entry *iv, size_t niv) {
  (void)buf, (void)buflen, (void)iv, (void)niv;
  return FAIL;
}
void nghttp2_priority_spec_init(nghttp2_priority_spec *pri_spec, int32_t stream_id, int32_t weight, int exclusive) {
  if (pri_spec) {
    pri_spec->stream_id = stream_id;
    pri_spec->weight = weight;
    pri_spec->exclusive = (uint8_t)(exclusive != 0);
  }
}
int nghttp2_session_check_request_allowed(nghttp2_session *session) {
  (void)session;
  return 0;
}
uint32_t nghttp2_session_get_remote_settings(nghttp2_session *session, nghttp2_settings_id id) {
  (void)session, (void)id;
  return 0;
}
int32_t nghttp2_session_get_remote_window_size(nghttp2_session *session) {
  (void)session;
  return 0;
}
int32_t nghttp2_session_get_stream_remote_window_size(nghttp2_session *session, int32_t stream_id) {
  (void)session, (void)stream_id;
  return FAIL;
}
void *nghttp2_session_get_stream_user_data(nghttp2_session *session, int32_t stream_id) {
  (void)session, (void)stream_id;
  return NULL;
}
int nghttp2_session_set_stream_user_data(nghttp2_session *session, int32_t stream_id, void *stream_user_data) {
  (void)session, (void)stream_id, (void)stream_user_data;
  return FAIL;
}
ssize_t nghttp2_session_mem_recv(nghttp2_session *session, const uint8_t *in, size_t inlen) {
  (void)session, (void)in, (void)inlen;
  return FAIL;
}
int nghttp2_session_send(nghttp2_session *session) {
  (void)session;
  return FAIL;
}
int nghttp2_session_resume_data(nghttp2_session *session, int32_t stream_id) {
  (void)session, (void)stream_id;
  return FAIL;
}
int nghttp2_session_set_local_window_size(nghttp2_session *session, uint8_t flags, int32_t stream_id,
                                          int32_t window_size) {
  (void)session, (void)flags, (void)stream_id, (void)window_size;
  return FAIL;
}
int nghttp2_session_want_read(nghttp2_session *session) {
  (void)session;
  return 0;
}
int nghttp2_session_want_write(nghttp2_session *session) {
  (void)session;
  return 0;
}
int nghttp2_submit_ping(nghttp2_session *session, uint8_t flags, const uint8_t *opaque_data) {
  (void)session, (void)flags, (void)opaque_data;
  return FAIL;
}
int nghttp2_submit_priority(nghttp2_session *session, uint8_t flags, int32_t stream_id,
                            const nghttp2_priority_spec *pri_spec) {
  (void)session, (void)flags, (void)stream_id, (void)pri_spec;
  return FAIL;
}
int32_t nghttp2_submit_request(nghttp2_session *session, const nghttp2_priority_spec *pri_spec, const nghttp2_nv *nva,
                               size_t nvlen, const nghttp2_data_provider *data_prd, void *stream_user_data) {
  (void)session, (void)pri_spec, (void)nva, (void)nvlen, (void)data_prd, (void)stream_user_data;
  return FAIL;
}
int nghttp2_submit_rst_stream(nghttp2_session *session, uint8_t flags, int32_t stream_id, uint32_t error_code) {
  (void)session, (void)flags, (void)stream_id, (void)error_code;
  return FAIL;
}
int nghttp2_submit_settings(nghttp2_session *session, uint8_t flags, const nghttp2_settings_entry *iv, size_t niv) {
  (void)session, (void)flags, (void)iv, (void)niv;
  return FAIL;
}
