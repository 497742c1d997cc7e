/* libssh2 (libcurl's scp:// and sftp://), answered "unavailable".
 *
 * Without these, libcurl.a pulls in libssh2.a (~0.19 MB). guardduty-slack restricts every transfer to
 * CURLOPT_PROTOCOLS_STR "http,https" (src/http/curl_http_client.cc), so libcurl never starts an SSH session.
 * Two calls do happen in every process: libssh2_init() from curl_global_init() (answers 0, success, or
 * curl_global_init would fail) and libssh2_version() from curl_version(). If a transfer did use scp:// or
 * sftp://, the first call, libssh2_session_init_ex(), answers NULL and libcurl ends the transfer with
 * CURLE_FAILED_INIT; the rest fail the same way and are never reached after that. Signatures come from
 * libssh2's own headers. Tested by `probe --stub-selftest` (scp:// and sftp:// to a listening port).
 */
#include <libssh2.h>
#include <libssh2_sftp.h>

#include "stub_calls.h"

#define FAIL LIBSSH2_ERROR_ALLOC

int libssh2_init(int flags) {
  (void)flags;
  return 0;
}
void libssh2_exit(void) {}
const char *libssh2_version(int req_version_num) {
  (void)req_version_num;
  return "none";
}

LIBSSH2_SESSION *libssh2_session_init_ex(LIBSSH2_ALLOC_FUNC((*my_alloc)), LIBSSH2_FREE_FUNC((*my_free)),
                                         LIBSSH2_REALLOC_FUNC((*my_realloc)), void *abstract) {
  GDSLACK_STUB_CALLED();
  (void)my_alloc, (void)my_free, (void)my_realloc, (void)abstract;
  return NULL;
}
int libssh2_session_free(LIBSSH2_SESSION *session) {
  (void)session;
  return 0;
}
void **libssh2_session_abstract(LIBSSH2_SESSION *session) {
  (void)session;
  return NULL;
}
int libssh2_session_block_directions(LIBSSH2_SESSION *session) {
  (void)session;
  return 0;
}
void *libssh2_session_callback_set(LIBSSH2_SESSION *session, int cbtype, void *callback) {
  (void)session, (void)cbtype, (void)callback;
  return NULL;
}
int libssh2_session_disconnect_ex(LIBSSH2_SESSION *session, int reason, const char *description, const char *lang) {
  (void)session, (void)reason, (void)description, (void)lang;
  return FAIL;
}
int libssh2_session_flag(LIBSSH2_SESSION *session, int flag, int value) {
  (void)session, (void)flag, (void)value;
  return FAIL;
}
int libssh2_session_handshake(LIBSSH2_SESSION *session, libssh2_socket_t sock) {
  (void)session, (void)sock;
  return FAIL;
}
const char *libssh2_session_hostkey(LIBSSH2_SESSION *session, size_t *len, int *type) {
  (void)session;
  if (len) *len = 0;
  if (type) *type = 0;
  return NULL;
}
const char *libssh2_hostkey_hash(LIBSSH2_SESSION *session, int hash_type) {
  (void)session, (void)hash_type;
  return NULL;
}
int libssh2_session_last_errno(LIBSSH2_SESSION *session) {
  (void)session;
  return FAIL;
}
int libssh2_session_last_error(LIBSSH2_SESSION *session, char **errmsg, int *errmsg_len, int want_buf) {
  (void)session, (void)want_buf;
  if (errmsg) *errmsg = (char *)"SSH is not supported by this build";
  if (errmsg_len) *errmsg_len = 34;
  return FAIL;
}
int libssh2_session_method_pref(LIBSSH2_SESSION *session, int method_type, const char *prefs) {
  (void)session, (void)method_type, (void)prefs;
  return FAIL;
}
void libssh2_session_set_blocking(LIBSSH2_SESSION *session, int blocking) { (void)session, (void)blocking; }

LIBSSH2_AGENT *libssh2_agent_init(LIBSSH2_SESSION *session) {
  (void)session;
  return NULL;
}
int libssh2_agent_connect(LIBSSH2_AGENT *agent) {
  (void)agent;
  return FAIL;
}
int libssh2_agent_disconnect(LIBSSH2_AGENT *agent) {
  (void)agent;
  return FAIL;
}
void libssh2_agent_free(LIBSSH2_AGENT *agent) { (void)agent; }
int libssh2_agent_get_identity(LIBSSH2_AGENT *agent, struct libssh2_agent_publickey **store,
                               struct libssh2_agent_publickey *prev) {
  (void)agent, (void)prev;
  if (store) *store = NULL;
  return FAIL;
}
int libssh2_agent_list_identities(LIBSSH2_AGENT *agent) {
  (void)agent;
  return FAIL;
}
int libssh2_agent_userauth(LIBSSH2_AGENT *agent, const char *username, struct libssh2_agent_publickey *identity) {
  (void)agent, (void)username, (void)identity;
  return FAIL;
}

int libssh2_userauth_authenticated(LIBSSH2_SESSION *session) {
  (void)session;
  return 0;
}
char *libssh2_userauth_list(LIBSSH2_SESSION *session, const char *username, unsigned int username_len) {
  (void)session, (void)username, (void)username_len;
  return NULL;
}
int libssh2_userauth_keyboard_interactive_ex(LIBSSH2_SESSION *session, const char *username, unsigned int username_len,
                                             LIBSSH2_USERAUTH_KBDINT_RESPONSE_FUNC((*response_callback))) {
  (void)session, (void)username, (void)username_len, (void)response_callback;
  return FAIL;
}
int libssh2_userauth_password_ex(LIBSSH2_SESSION *session, const char *username, unsigned int username_len,
                                 const char *password, unsigned int password_len,
                                 LIBSSH2_PASSWD_CHANGEREQ_FUNC((*passwd_change_cb))) {
  (void)session, (void)username, (void)username_len, (void)password, (void)password_len, (void)passwd_change_cb;
  return FAIL;
}
int libssh2_userauth_publickey_fromfile_ex(LIBSSH2_SESSION *session, const char *username, unsigned int username_len,
                                           const char *publickey, const char *privatekey, const char *passphrase) {
  (void)session, (void)username, (void)username_len, (void)publickey, (void)privatekey, (void)passphrase;
  return FAIL;
}

LIBSSH2_KNOWNHOSTS *libssh2_knownhost_init(LIBSSH2_SESSION *session) {
  (void)session;
  return NULL;
}
void libssh2_knownhost_free(LIBSSH2_KNOWNHOSTS *hosts) { (void)hosts; }
int libssh2_knownhost_add(LIBSSH2_KNOWNHOSTS *hosts, const char *host, const char *salt, const char *key, size_t keylen,
                          int typemask, struct libssh2_knownhost **store) {
  (void)hosts, (void)host, (void)salt, (void)key, (void)keylen, (void)typemask;
  if (store) *store = NULL;
  return FAIL;
}
int libssh2_knownhost_checkp(LIBSSH2_KNOWNHOSTS *hosts, const char *host, int port, const char *key, size_t keylen,
                             int typemask, struct libssh2_knownhost **knownhost) {
  (void)hosts, (void)host, (void)port, (void)key, (void)keylen, (void)typemask;
  if (knownhost) *knownhost = NULL;
  return LIBSSH2_KNOWNHOST_CHECK_FAILURE;
}
int libssh2_knownhost_del(LIBSSH2_KNOWNHOSTS *hosts, struct libssh2_knownhost *entry) {
  (void)hosts, (void)entry;
  return FAIL;
}
int libssh2_knownhost_get(LIBSSH2_KNOWNHOSTS *hosts, struct libssh2_knownhost **store,
                          struct libssh2_knownhost *prev) {
  (void)hosts, (void)prev;
  if (store) *store = NULL;
  return 1; /* "no more hosts" */
}
int libssh2_knownhost_readfile(LIBSSH2_KNOWNHOSTS *hosts, const char *filename, int type) {
  (void)hosts, (void)filename, (void)type;
  return FAIL;
}
int libssh2_knownhost_writefile(LIBSSH2_KNOWNHOSTS *hosts, const char *filename, int type) {
  (void)hosts, (void)filename, (void)type;
  return FAIL;
}

int libssh2_channel_free(LIBSSH2_CHANNEL *channel) {
  (void)channel;
  return 0;
}
ssize_t libssh2_channel_read_ex(LIBSSH2_CHANNEL *channel, int stream_id, char *buf, size_t buflen) {
  (void)channel, (void)stream_id, (void)buf, (void)buflen;
  return FAIL;
}
ssize_t libssh2_channel_write_ex(LIBSSH2_CHANNEL *channel, int stream_id, const char *buf, size_t buflen) {
  (void)channel, (void)stream_id, (void)buf, (void)buflen;
  return FAIL;
}
int libssh2_channel_send_eof(LIBSSH2_CHANNEL *channel) {
  (void)channel;
  return FAIL;
}
int libssh2_channel_wait_closed(LIBSSH2_CHANNEL *channel) {
  (void)channel;
  return FAIL;
}
int libssh2_channel_wait_eof(LIBSSH2_CHANNEL *channel) {
  (void)channel;
  return FAIL;
}
LIBSSH2_CHANNEL *libssh2_scp_recv2(LIBSSH2_SESSION *session, const char *path, libssh2_struct_stat *sb) {
  (void)session, (void)path, (void)sb;
  return NULL;
}
LIBSSH2_CHANNEL *libssh2_scp_send64(LIBSSH2_SESSION *session, const char *path, int mode, libssh2_int64_t size,
                                    time_t mtime, time_t atime) {
  (void)session, (void)path, (void)mode, (void)size, (void)mtime, (void)atime;
  return NULL;
}

LIBSSH2_SFTP *libssh2_sftp_init(LIBSSH2_SESSION *session) {
  (void)session;
  return NULL;
}
int libssh2_sftp_shutdown(LIBSSH2_SFTP *sftp) {
  (void)sftp;
  return 0;
}
unsigned long libssh2_sftp_last_error(LIBSSH2_SFTP *sftp) {
  (void)sftp;
  return LIBSSH2_FX_FAILURE;
}
LIBSSH2_SFTP_HANDLE *libssh2_sftp_open_ex(LIBSSH2_SFTP *sftp, const char *filename, unsigned int filename_len,
                                          unsigned long flags, long mode, int open_type) {
  (void)sftp, (void)filename, (void)filename_len, (void)flags, (void)mode, (void)open_type;
  return NULL;
}
int libssh2_sftp_close_handle(LIBSSH2_SFTP_HANDLE *handle) {
  (void)handle;
  return 0;
}
ssize_t libssh2_sftp_read(LIBSSH2_SFTP_HANDLE *handle, char *buffer, size_t buffer_maxlen) {
  (void)handle, (void)buffer, (void)buffer_maxlen;
  return FAIL;
}
ssize_t libssh2_sftp_write(LIBSSH2_SFTP_HANDLE *handle, const char *buffer, size_t count) {
  (void)handle, (void)buffer, (void)count;
  return FAIL;
}
int libssh2_sftp_readdir_ex(LIBSSH2_SFTP_HANDLE *handle, char *buffer, size_t buffer_maxlen, char *longentry,
                            size_t longentry_maxlen, LIBSSH2_SFTP_ATTRIBUTES *attrs) {
  (void)handle, (void)buffer, (void)buffer_maxlen, (void)longentry, (void)longentry_maxlen, (void)attrs;
  return FAIL;
}
void libssh2_sftp_seek64(LIBSSH2_SFTP_HANDLE *handle, libssh2_uint64_t offset) { (void)handle, (void)offset; }
int libssh2_sftp_mkdir_ex(LIBSSH2_SFTP *sftp, const char *path, unsigned int path_len, long mode) {
  (void)sftp, (void)path, (void)path_len, (void)mode;
  return FAIL;
}
int libssh2_sftp_rmdir_ex(LIBSSH2_SFTP *sftp, const char *path, unsigned int path_len) {
  (void)sftp, (void)path, (void)path_len;
  return FAIL;
}
int libssh2_sftp_rename_ex(LIBSSH2_SFTP *sftp, const char *source_filename, unsigned int source_filename_len,
                           const char *dest_filename, unsigned int dest_filename_len, long flags) {
  (void)sftp, (void)source_filename, (void)source_filename_len, (void)dest_filename, (void)dest_filename_len,
      (void)flags;
  return FAIL;
}
int libssh2_sftp_unlink_ex(LIBSSH2_SFTP *sftp, const char *filename, unsigned int filename_len) {
  (void)sftp, (void)filename, (void)filename_len;
  return FAIL;
}
int libssh2_sftp_stat_ex(LIBSSH2_SFTP *sftp, const char *path, unsigned int path_len, int stat_type,
                         LIBSSH2_SFTP_ATTRIBUTES *attrs) {
  (void)sftp, (void)path, (void)path_len, (void)stat_type, (void)attrs;
  return FAIL;
}
int libssh2_sftp_statvfs(LIBSSH2_SFTP *sftp, const char *path, size_t path_len, LIBSSH2_SFTP_STATVFS *st) {
  (void)sftp, (void)path, (void)path_len, (void)st;
  return FAIL;
}
int libssh2_sftp_symlink_ex(LIBSSH2_SFTP *sftp, const char *path, unsigned int path_len, char *target,
                            unsigned int target_len, int link_type) {
  (void)sftp, (void)path, (void)path_len, (void)target, (void)target_len, (void)link_type;
  return FAIL;
}
