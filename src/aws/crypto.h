// SHA-256 and HMAC-SHA-256 over OpenSSL 3 EVP, for SigV4. Pure functions; no OpenSSL type leaves this
// header. Byte strings are std::string holding raw bytes.
#pragma once

#include <string>
#include <string_view>

namespace gdslack {

// Raw 32-byte SHA-256 digest of `data`.
std::string Sha256(std::string_view data);
// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);
// Raw 32-byte HMAC-SHA-256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);
// Lower-case hex of raw bytes.
std::string HexEncode(std::string_view bytes);

}  // namespace gdslack
