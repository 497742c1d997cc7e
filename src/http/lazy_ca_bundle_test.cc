// AddLazyCaBundle against OpenSSL's own verifier: certificates made in-process (EC P-256), bundles written
// to a temporary directory, and the system CA bundle for the DER walk over real roots.
#include "http/lazy_ca_bundle.h"

#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gdslack {
namespace {

namespace fs = std::filesystem;

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;
using StorePtr = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;

struct Issued {
  KeyPtr key{nullptr, &EVP_PKEY_free};
  CertPtr cert{nullptr, &X509_free};
};

// A certificate for `cn`, signed by `issuer` (self-signed when null); a CA when `ca`. `units` adds that many
// 60-character OU entries before the CN (a long name).
Issued Make(const std::string& cn, const Issued* issuer, bool ca, long serial, int units = 0) {
  Issued out;
  out.key.reset(EVP_EC_gen("P-256"));
  out.cert.reset(X509_new());
  X509* x = out.cert.get();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 86400);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("gdslack test"), -1, -1,
                             0);
  for (int i = 0; i < units; ++i) {
    const std::string unit = "organisational unit " + std::to_string(i) + std::string(38, 'x');
    X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(unit.c_str()), -1, -1,
                               0);
  }
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x, issuer != nullptr ? X509_get_subject_name(issuer->cert.get()) : name);
  X509_set_pubkey(x, out.key.get());
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, issuer != nullptr ? issuer->cert.get() : x, x, nullptr, nullptr, 0);
  // Key identifiers, as every real CA and server certificate has: they tell apart a renewed root's keys.
  const std::pair<int, const char*> extensions[] = {
      {NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE"},
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid:always"},
  };
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(x, issuer != nullptr ? issuer->key.get() : out.key.get(), EVP_sha256());
  return out;
}

class LazyCaBundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gdslack-lazy-ca-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes the certificates as one PEM bundle (TRUSTED CERTIFICATE blocks when `aux`), with text between them
  // as Debian's and Amazon Linux's bundles have.
  std::string Bundle(const std::string& name, const std::vector<const Issued*>& certs, bool aux = false) {
    std::string path = (dir_ / name).string();
    FILE* f = std::fopen(path.c_str(), "w");
    for (const Issued* c : certs) {
      std::fputs("# a comment line\n", f);
      if (aux) {
        PEM_write_X509_AUX(f, c->cert.get());
      } else {
        PEM_write_X509(f, c->cert.get());
      }
    }
    std::fclose(f);
    return path;
  }

  std::string Text(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << content;
    return path;
  }

  // OpenSSL's verification of `leaf` with a store holding only the lazy bundle; X509_V_OK on success.
  static int Verify(X509_STORE* store, X509* leaf) {
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    if (X509_STORE_CTX_init(ctx.get(), store, leaf, nullptr) != 1) return -1;
    X509_verify_cert(ctx.get());
    return X509_STORE_CTX_get_error(ctx.get());
  }

  static int Loaded(X509_STORE* store) { return sk_X509_OBJECT_num(X509_STORE_get0_objects(store)); }

  fs::path dir_;
};

StorePtr NewStore() { return StorePtr(X509_STORE_new(), &X509_STORE_free); }

TEST_F(LazyCaBundleTest, VerifiesAndParsesOnlyTheNeededRoot) {
  std::vector<Issued> others;
  others.reserve(20);
  for (int i = 0; i < 20; ++i) others.push_back(Make("unrelated root " + std::to_string(i), nullptr, true, 100 + i));
  Issued root = Make("the root", nullptr, true, 1);
  Issued leaf = Make("127.0.0.1", &root, false, 2);
  std::vector<const Issued*> all;
  all.reserve(others.size());
  for (const Issued& o : others) all.push_back(&o);
  all.insert(all.begin() + 10, &root);
  const std::string path = Bundle("bundle.pem", all);

  StorePtr store = NewStore();
  ASSERT_TRUE(AddLazyCaBundle(store.get(), path).ok());
  EXPECT_EQ(Loaded(store.get()), 0);  // nothing parsed until verification asks
  EXPECT_EQ(Verify(store.get(), leaf.cert.get()), X509_V_OK);
  EXPECT_EQ(Loaded(store.get()), 1);                           // only the issuer, not the 21-certificate bundle
  EXPECT_EQ(Verify(store.get(), leaf.cert.get()), X509_V_OK);  // second time: from the store
  EXPECT_EQ(Loaded(store.get()), 1);
}

// The index decodes only each certificate's first lines; a root whose (long) subject ends beyond them is
// indexed from its whole body instead, and still found.
TEST_F(LazyCaBundleTest, LongSubjectBeyondTheIndexedPrefixIsStillFound) {
  Issued other = Make("unrelated root", nullptr, true, 1);
  Issued root = Make("the long root", nullptr, true, 2, 12);  // subject ends ~1.6 KB into the certificate
  Issued leaf = Make("127.0.0.1", &root, false, 3);
  const std::string path = Bundle("long.pem", {&other, &root});
  StorePtr store = NewStore();
  ASSERT_TRUE(AddLazyCaBundle(store.get(), path).ok());
  EXPECT_EQ(Verify(store.get(), leaf.cert.get()), X509_V_OK);
  EXPECT_EQ(Loaded(store.get()), 1);
}

// The index remembers where each root sits in the file and reads it again when asked. If the file changed in
// between (a root removed, another in its place), what is there now is not trusted under the old entry.
TEST_F(LazyCaBundleTest, BundleRewrittenAfterIndexingIsNotTrusted) {
  // Same name length, serial and key type: the other root's body lands at exactly the same place in the file.
  Issued root = Make("the root A", nullptr, true, 1);
  Issued other = Make("the root B", nullptr, true, 2);
  Issued leaf = Make("127.0.0.1", &root, false, 3);
  const std::string path = Bundle("rewritten.pem", {&root});
  StorePtr store = NewStore();
  ASSERT_TRUE(AddLazyCaBundle(store.get(), path).ok());
  ASSERT_EQ(Bundle("rewritten.pem", {&other}), path);  // same path, another root at the same place
  EXPECT_NE(Verify(store.get(), leaf.cert.get()), X509_V_OK);
  EXPECT_EQ(Loaded(store.get()), 0);  // read back, its subject compared, refused
  Text("rewritten.pem", "");          // and a file that is now empty: nothing to read back
  EXPECT_NE(Verify(store.get(), leaf.cert.get()), X509_V_OK);
  EXPECT_EQ(Loaded(store.get()), 0);
}

TEST_F(LazyCaBundleTest, IssuerMissingFromTheBundleFailsVerification) {
  Issued other = Make("unrelated root", nullptr, true, 1);
  Issued root = Make("the root", nullptr, true, 2);
  Issued leaf = Make("127.0.0.1", &root, false, 3);
  StorePtr store = NewStore();
  ASSERT_TRUE(AddLazyCaBundle(store.get(), Bundle("other.pem", {&other})).ok());
  EXPECT_EQ(Verify(store.get(), leaf.cert.get()), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

TEST_F(LazyCaBundleTest, SameSubjectDifferentKeysFindsTheSigningOne) {
  // A renewed root keeps its name with a new key: both must be candidates, as with a hashed directory.
  Issued old_root = Make("the root", nullptr, true, 1);
  Issued new_root = Make("the root", nullptr, true, 2);
  Issued leaf = Make("127.0.0.1", &new_root, false, 3);
  const std::string path = Bundle("renewed.pem", {&old_root, &new_root});
  StorePtr store = NewStore();
  ASSERT_TRUE(AddLazyCaBundle(store.get(), path).ok());
  EXPECT_EQ(Verify(store.get(), leaf.cert.get()), X509_V_OK);
  // Same answer as OpenSSL's own eager loading of the file (what CURLOPT_CAINFO does).
  StorePtr eager = NewStore();
  ASSERT_EQ(X509_STORE_load_file(eager.get(), path.c_str()), 1);
  EXPECT_EQ(Verify(eager.get(), leaf.cert.get()), X509_V_OK);
  Issued stranger = Make("127.0.0.1", &old_root, false, 4);  // signed by the old key: also still trusted
  EXPECT_EQ(Verify(store.get(), stranger.cert.get()), Verify(eager.get(), stranger.cert.get()));
}

TEST_F(LazyCaBundleTest, TrustedCertificateBlocksAreRead) {
  Issued root = Make("the root", nullptr, true, 1);
  Issued leaf = Make("127.0.0.1", &root, false, 2);
  const std::string path = Bundle("aux.pem", {&root}, /*aux=*/true);
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_NE(text.find("BEGIN TRUSTED CERTIFICATE"), std::string::npos);
  StorePtr store = NewStore();
  ASSERT_TRUE(AddLazyCaBundle(store.get(), path).ok());
  EXPECT_EQ(Verify(store.get(), leaf.cert.get()), X509_V_OK);
}

TEST_F(LazyCaBundleTest, UnusableBundlesAreConfigErrors) {
  StorePtr store = NewStore();
  const Status missing = AddLazyCaBundle(store.get(), (dir_ / "missing.pem").string());
  EXPECT_EQ(missing.code(), Code::kConfig);
  EXPECT_NE(missing.message().find("missing.pem"), std::string::npos) << missing.message();

  EXPECT_EQ(AddLazyCaBundle(store.get(), Text("empty.pem", "")).code(), Code::kConfig);
  const Status no_cert = AddLazyCaBundle(
      store.get(), Text("key-only.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  EXPECT_EQ(no_cert.code(), Code::kConfig);
  EXPECT_NE(no_cert.message().find("no certificate"), std::string::npos) << no_cert.message();

  Issued root = Make("the root", nullptr, true, 1);
  const std::string good = Bundle("good.pem", {&root});
  std::ifstream in(good);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string garbled_b64 = "-----BEGIN CERTIFICATE-----\nMIIBnotAcertificate\n-----END CERTIFICATE-----\n";
  const Status garbled = AddLazyCaBundle(store.get(), Text("garbled.pem", text + garbled_b64));
  EXPECT_EQ(garbled.code(), Code::kConfig);
  EXPECT_NE(garbled.message().find("certificate 2 is not valid"), std::string::npos) << garbled.message();
}

// The DER walk finds the right subject for every root of a real bundle: looking each one up by its subject
// (as the chain builder does) loads it, and at the end every certificate is in the store exactly once.
TEST_F(LazyCaBundleTest, EverySystemRootIsFoundBySubject) {
  const std::string system_bundle = "/etc/ssl/certs/ca-certificates.crt";  // ca-certificates (install-deps.sh)
  ASSERT_TRUE(fs::exists(system_bundle));
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(system_bundle.c_str(), "r"), &BIO_free);
  ASSERT_NE(bio, nullptr);
  std::vector<CertPtr> roots;
  while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) roots.emplace_back(x, &X509_free);
  ASSERT_GT(roots.size(), 50u);

  StorePtr store = NewStore();
  ASSERT_TRUE(AddLazyCaBundle(store.get(), system_bundle).ok());
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
  ASSERT_EQ(X509_STORE_CTX_init(ctx.get(), store.get(), nullptr, nullptr), 1);
  for (const CertPtr& root : roots) {
    std::unique_ptr<X509_OBJECT, decltype(&X509_OBJECT_free)> obj(X509_OBJECT_new(), &X509_OBJECT_free);
    ASSERT_EQ(X509_STORE_CTX_get_by_subject(ctx.get(), X509_LU_X509, X509_get_subject_name(root.get()), obj.get()), 1);
    EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(X509_OBJECT_get0_X509(obj.get())), X509_get_subject_name(root.get())),
              0);
  }
  EXPECT_EQ(static_cast<std::size_t>(Loaded(store.get())), roots.size());
}

}  // namespace
}  // namespace gdslack
