// Trust anchors from a PEM CA bundle, parsed only when TLS verification asks for them.
//
// Why: OpenSSL 3.0 parses a certificate slowly (every public key goes through the provider decoders), so
// loading the whole 140-certificate system bundle costs tens of milliseconds and ~1.2 MB of heap on the
// first handshake of every sandbox, for the one or two roots that handshake needs (docs/PERFORMANCE.md §6).
// Here the bundle is only split and indexed by subject name (base64 decoding and a DER walk, no key
// parsing); a certificate is fully parsed and added to the verifier's store the first time the chain
// builder asks for an issuer with its subject, as OpenSSL's own hashed-directory lookup (CAPATH) does.
// Verification is OpenSSL's, unchanged: the same certificates are trusted as with SSL_CTX_load_verify_locations.
#pragma once

#include <string>

#include "base/result.h"

// OpenSSL's X509_STORE, forward-declared so this header needs no OpenSSL include.
struct x509_store_st;

namespace gdslack {

// Adds to `store` a lookup that serves trust anchors from the PEM bundle at `path` (blocks
// "CERTIFICATE", "X509 CERTIFICATE" and "TRUSTED CERTIFICATE"). The bundle is read and indexed once per
// process and path (thread-safe), then shared. Errors (kConfig): the file cannot be read, holds no
// certificate, or a certificate block is not a valid certificate.
Status AddLazyCaBundle(x509_store_st* store, const std::string& path);

}  // namespace gdslack
