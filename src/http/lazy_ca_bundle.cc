#include "http/lazy_ca_bundle.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gdslack {
namespace {

struct NameDeleter {
  void operator()(X509_NAME* name) const { X509_NAME_free(name); }
};

// Where one certificate's base64 body sits in the bundle file: it is read again and decoded only when the chain
// builder asks for its subject (one or two roots per handshake), so the index holds no certificate bytes.
struct Anchor {
  int64_t body_offset = 0;
  std::size_t body_length = 0;
  bool trusted_form = false;  // TRUSTED CERTIFICATE: the DER carries OpenSSL's trust settings
  // The subject's canonical-name hash, as OpenSSL's hashed directories name their files; a match is confirmed
  // by comparing the full name once the certificate is loaded (LoadAnchor), so a collision only costs a read.
  unsigned long subject_hash = 0;
};

struct Bundle {
  std::string path;
  std::vector<Anchor> anchors;
};

// One DER element: tag byte, then content at [content, content + length). Only what an X.509 certificate's
// outer structure needs: single-byte tags, definite lengths up to 4 bytes.
struct Tlv {
  unsigned char tag = 0;
  std::size_t content = 0;
  std::size_t length = 0;
  std::size_t end() const { return content + length; }
};

// `limit` bounds the header always, the content only when `whole` (the outer SEQUENCEs of a certificate read
// from its first bytes only are not whole).
bool ReadTlv(const std::vector<unsigned char>& der, std::size_t pos, std::size_t limit, Tlv* out, bool whole = true) {
  if (pos + 2 > limit) return false;
  out->tag = der[pos];
  std::size_t len = der[pos + 1];
  std::size_t header = 2;
  if (len & 0x80U) {
    const std::size_t n = len & 0x7FU;
    if (n == 0 || n > 4 || pos + 2 + n > limit) return false;
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8U) | der[pos + 2 + i];
    header += n;
  }
  out->content = pos + header;
  out->length = len;
  return !whole || out->end() <= limit;
}

// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature,
// issuer, validity, subject, ... }, ... } (RFC 5280 §4.1). Parses just the subject Name. `der` may be the
// certificate's first bytes only: null when the subject does not end within them.
std::unique_ptr<X509_NAME, NameDeleter> SubjectOf(const std::vector<unsigned char>& der) {
  Tlv cert;
  Tlv field;
  if (!ReadTlv(der, 0, der.size(), &cert, false) || cert.tag != 0x30) return nullptr;
  Tlv tbs;
  if (!ReadTlv(der, cert.content, std::min(cert.end(), der.size()), &tbs, false) || tbs.tag != 0x30) return nullptr;
  const std::size_t limit = std::min(tbs.end(), der.size());
  std::size_t pos = tbs.content;
  if (!ReadTlv(der, pos, limit, &field)) return nullptr;
  if (field.tag == 0xA0) {  // explicit version
    pos = field.end();
    if (!ReadTlv(der, pos, limit, &field)) return nullptr;
  }
  // field = serialNumber; then signature, issuer, validity, subject.
  for (int skip = 0; skip < 4; ++skip) {
    pos = field.end();
    if (!ReadTlv(der, pos, limit, &field)) return nullptr;
  }
  if (field.tag != 0x30) return nullptr;
  const unsigned char* p = der.data() + pos;
  X509_NAME* name = d2i_X509_NAME(nullptr, &p, static_cast<long>(field.end() - pos));
  return std::unique_ptr<X509_NAME, NameDeleter>(name);
}

bool DecodeBase64(std::string_view text, std::vector<unsigned char>* out) {
  out->assign(text.size() * 3 / 4 + 3, 0);
  std::unique_ptr<EVP_ENCODE_CTX, decltype(&EVP_ENCODE_CTX_free)> ctx(EVP_ENCODE_CTX_new(), &EVP_ENCODE_CTX_free);
  if (!ctx) return false;
  EVP_DecodeInit(ctx.get());
  int n = 0;
  int tail = 0;
  if (EVP_DecodeUpdate(ctx.get(), out->data(), &n, reinterpret_cast<const unsigned char*>(text.data()),
                       static_cast<int>(text.size())) < 0 ||
      EVP_DecodeFinal(ctx.get(), out->data() + n, &tail) != 1) {
    return false;
  }
  out->resize(static_cast<std::size_t>(n) + static_cast<std::size_t>(tail));
  return true;
}

bool SubjectHashOf(const std::vector<unsigned char>& der, unsigned long* hash) {
  std::unique_ptr<X509_NAME, NameDeleter> subject = SubjectOf(der);
  int ok = 0;
  if (subject) *hash = X509_NAME_hash_ex(subject.get(), nullptr, nullptr, &ok);
  return ok == 1;
}

// POSIX I/O here, not std::ifstream: an iostream would bring the C++ locale machinery into the Lambda
// bootstrap for this file alone (~40 libc symbols bound at every start, ~100 KB of package; docs/PERFORMANCE.md §6).
bool ReadBody(const std::string& path, int64_t offset, std::size_t length, std::string* body) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  body->assign(length, '\0');
  std::size_t done = 0;
  while (done < length) {
    const ssize_t n =
        ::pread(fd, body->data() + done, length - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n == 0 || errno != EINTR) {
      break;  // the file is shorter than the index says (it changed) or cannot be read
    }
  }
  ::close(fd);
  return done == length;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

bool IsCertificateLabel(std::string_view label) {
  return label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE";
}

// Base64 characters decoded per certificate while indexing: 528 bytes of DER. The subject of every root in
// Debian 12's bundle (144 roots) ends within 489 bytes (median 255; the average certificate is 1,085 bytes);
// a certificate whose subject ends later falls back to decoding its whole body. Decoding was the largest cost
// of the index (EVP_DecodeUpdate); the rest of each body is decoded, and checked, only if the chain builder
// asks for that root (LoadAnchor).
constexpr std::size_t kIndexPrefixChars = 704;

// Reads the bundle a line at a time (PEM is line-based, as OpenSSL's own reader): the peak heap is one
// certificate's first lines, not the whole 220 KB file (docs/PERFORMANCE.md §6).
Result<std::shared_ptr<const Bundle>> Index(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> in(std::fopen(path.c_str(), "rbe"));
  if (!in) return Status(Code::kConfig, "cannot read the CA bundle " + path);
  auto bundle = std::make_shared<Bundle>();
  bundle->path = path;
  char* line = nullptr;  // getline(3)'s buffer, grown (and moved) as needed; freed on every return
  std::size_t capacity = 0;
  const struct LineFree {
    char** line;
    ~LineFree() { std::free(*line); }
  } line_free{&line};
  std::string label;  // of the open block; empty outside one
  std::string body;   // the block's first kIndexPrefixChars base64 characters, or more
  bool truncated = false;
  int64_t body_offset = 0;
  std::vector<unsigned char> der;
  int64_t line_offset = 0;
  for (ssize_t n; (n = ::getline(&line, &capacity, in.get())) >= 0;) {
    // Counted, not asked: ftell() would be an lseek(2) per line. n counts the '\n', if the line has one.
    const int64_t next_offset = line_offset + static_cast<int64_t>(n);
    std::string_view text(line, static_cast<std::size_t>(n));
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (label.empty()) {
      if (text.size() > 16 && text.substr(0, 11) == "-----BEGIN " && text.substr(text.size() - 5) == "-----") {
        label = std::string(text.substr(11, text.size() - 16));
        body.clear();
        truncated = false;
        body_offset = next_offset;
      }
    } else if (text.substr(0, 9) == "-----END ") {
      if (text == "-----END " + label + "-----") {
        if (IsCertificateLabel(label)) {
          Anchor anchor;
          anchor.trusted_form = label == "TRUSTED CERTIFICATE";
          anchor.body_offset = body_offset;
          anchor.body_length = static_cast<std::size_t>(line_offset - body_offset);
          bool indexed = DecodeBase64(body, &der) && SubjectHashOf(der, &anchor.subject_hash);
          if (!indexed && truncated) {
            indexed = ReadBody(path, body_offset, anchor.body_length, &body) && DecodeBase64(body, &der) &&
                      SubjectHashOf(der, &anchor.subject_hash);
          }
          if (!indexed) {
            return Status(Code::kConfig, "CA bundle " + path + ": certificate " +
                                             std::to_string(bundle->anchors.size() + 1) + " is not valid");
          }
          bundle->anchors.push_back(anchor);
        }
        label.clear();
      }
    } else if (body.size() < kIndexPrefixChars) {
      body.append(text);
    } else {
      truncated = true;
    }
    line_offset = next_offset;
  }
  // getline(3) also stops on ENOMEM without setting the error flag: only a clean end of file is the end.
  if (std::ferror(in.get()) != 0 || std::feof(in.get()) == 0) {
    return Status(Code::kConfig, "cannot read the CA bundle " + path);
  }
  if (bundle->anchors.empty()) return Status(Code::kConfig, "CA bundle " + path + " holds no certificate");
  return std::shared_ptr<const Bundle>(std::move(bundle));
}

// One anchor's certificate, read back from the file; null if the file changed under it (then it is not trusted).
X509* LoadAnchor(const Bundle& bundle, const Anchor& anchor, const X509_NAME* name) {
  std::string body;
  std::vector<unsigned char> der;
  if (!ReadBody(bundle.path, anchor.body_offset, anchor.body_length, &body) || !DecodeBase64(body, &der)) {
    return nullptr;
  }
  const unsigned char* p = der.data();
  const long len = static_cast<long>(der.size());
  X509* cert = anchor.trusted_form ? d2i_X509_AUX(nullptr, &p, len) : d2i_X509(nullptr, &p, len);
  if (cert != nullptr && X509_NAME_cmp(X509_get_subject_name(cert), name) != 0) {
    X509_free(cert);
    return nullptr;
  }
  return cert;
}

// Built once per path for the process; failures are not cached (the file may appear later).
Result<std::shared_ptr<const Bundle>> SharedIndex(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Bundle>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  auto built = Index(path);
  if (built.has_value()) cache.emplace(path, built.value());
  return built;
}

// X509_LOOKUP get_by_subject: parse every anchor with this subject, add it to the store, return one.
int GetBySubject(X509_LOOKUP* lookup, X509_LOOKUP_TYPE type, const X509_NAME* name, X509_OBJECT* ret) {
  if (type != X509_LU_X509) return 0;
  const auto* bundle = static_cast<const Bundle*>(X509_LOOKUP_get_method_data(lookup));
  X509_STORE* store = X509_LOOKUP_get_store(lookup);
  if (bundle == nullptr || store == nullptr) return 0;
  int hashed = 0;
  const unsigned long hash = X509_NAME_hash_ex(name, nullptr, nullptr, &hashed);
  if (hashed != 1) return 0;
  for (const Anchor& anchor : bundle->anchors) {
    if (anchor.subject_hash != hash) continue;
    X509* cert = LoadAnchor(*bundle, anchor, name);
    if (cert == nullptr) continue;
    X509_STORE_add_cert(store, cert);  // the store takes its own reference (or already holds an equal one)
    X509_free(cert);
  }
  // Answer with the store's own copy, borrowed: OpenSSL's caller (X509_STORE_CTX_get_by_subject) takes its own
  // reference to what `ret` holds and never frees `ret`, exactly as with its built-in by_dir lookup. Holding a
  // reference here too leaked one certificate per lookup (LeakSanitizer).
  if (!X509_STORE_lock(store)) return 0;
  X509_OBJECT* obj = X509_OBJECT_retrieve_by_subject(X509_STORE_get0_objects(store), X509_LU_X509, name);
  X509* in_store = obj == nullptr ? nullptr : X509_OBJECT_get0_X509(obj);
  X509_STORE_unlock(store);
  if (in_store == nullptr || X509_OBJECT_set1_X509(ret, in_store) != 1) return 0;
  X509_free(in_store);  // drop set1's reference: the store's keeps the certificate alive
  return 1;
}

X509_LOOKUP_METHOD* Method() {
  static X509_LOOKUP_METHOD* method = [] {
    X509_LOOKUP_METHOD* m = X509_LOOKUP_meth_new("guardduty-slack lazy CA bundle");
    if (m != nullptr) X509_LOOKUP_meth_set_get_by_subject(m, &GetBySubject);
    return m;
  }();
  return method;
}

}  // namespace

Status AddLazyCaBundle(x509_store_st* store, const std::string& path) {
  auto bundle = SharedIndex(path);
  if (!bundle.has_value()) return bundle.error();
  X509_LOOKUP_METHOD* method = Method();
  X509_LOOKUP* lookup = method == nullptr ? nullptr : X509_STORE_add_lookup(store, method);
  // The index outlives every store: SharedIndex keeps it for the life of the process.
  if (lookup == nullptr || X509_LOOKUP_set_method_data(lookup, const_cast<Bundle*>(bundle.value().get())) != 1) {
    return Status(Code::kInternal, "OpenSSL could not add the CA bundle lookup");
  }
  return Status::Ok();
}

}  // namespace gdslack
