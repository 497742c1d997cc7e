#include "aws/sigv4.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "aws/crypto.h"
#include "base/iso8601.h"
#include "base/strings.h"
#include "base/url.h"

namespace gdslack {
namespace {

// Header values are trimmed and inner runs of spaces collapse to one (SigV4 "Trimall").
std::string TrimAll(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// What SigV4 can sign: an http(s) URL with a host and no userinfo.
bool Signable(const Url& url) {
  return (url.scheme == "http" || url.scheme == "https") && !url.host.empty() && !url.has_userinfo;
}

}  // namespace

std::string UriEncode(std::string_view s, bool encode_slash) {
  // RFC 3986 unreserved characters stay; SigV4 keeps '/' in paths, encodes it in query values.
  return PercentEncode(s, encode_slash ? "-_.~" : "-_.~/");
}

std::string CanonicalQueryString(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t pos = 0;
  while (pos <= raw_query.size() && !raw_query.empty()) {
    std::size_t amp = raw_query.find('&', pos);
    if (amp == std::string_view::npos) amp = raw_query.size();
    std::string_view item = raw_query.substr(pos, amp - pos);
    pos = amp + 1;
    if (!item.empty()) {
      std::size_t eq = item.find('=');
      std::string_view k = item.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
      params.emplace_back(UriEncode(PercentDecode(k), true), UriEncode(PercentDecode(v), true));
    }
    if (amp == raw_query.size()) break;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

std::string FormatAmzDate(int64_t unix_ms) { return FormatIso8601BasicUtc(unix_ms); }

namespace {
std::string DeriveSigningKey(const Secret& secret_access_key, std::string_view date, std::string_view region,
                             std::string_view service) {
  std::string k = HmacSha256("AWS4" + secret_access_key.Reveal(), date);
  k = HmacSha256(k, region);
  k = HmacSha256(k, service);
  return HmacSha256(k, "aws4_request");
}
}  // namespace

std::string SigV4SigningKeyHex(const Secret& secret_access_key, std::string_view date, std::string_view region,
                               std::string_view service) {
  return HexEncode(DeriveSigningKey(secret_access_key, date, region, service));
}

SigV4Output ComputeSigV4(const SigV4Input& input, std::string_view access_key_id, const Secret& secret_access_key) {
  SigV4Output out;
  // Canonical headers: lower-case names, sorted; repeated names joined with ',' in order of appearance.
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : input.headers) {
    std::string lname = AsciiLower(name);
    std::string tvalue = TrimAll(value);
    auto it = std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == lname; });
    if (it != headers.end()) {
      it->second += "," + tvalue;
    } else {
      headers.emplace_back(std::move(lname), std::move(tvalue));
    }
  }
  std::stable_sort(headers.begin(), headers.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string canonical_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!out.signed_headers.empty()) out.signed_headers.push_back(';');
    out.signed_headers += name;
  }

  const std::string path = input.path.empty() ? "/" : input.path;
  out.canonical_request = input.method + "\n" + UriEncode(path, false) + "\n" + CanonicalQueryString(input.query) +
                          "\n" + canonical_headers + "\n" + out.signed_headers + "\n" + Sha256Hex(input.body);

  const std::string date = input.amz_date.substr(0, 8);
  out.credential_scope = date + "/" + input.region + "/" + input.service + "/aws4_request";
  out.string_to_sign = std::string(kSigV4Algorithm) + "\n" + input.amz_date + "\n" + out.credential_scope + "\n" +
                       Sha256Hex(out.canonical_request);

  const std::string key = DeriveSigningKey(secret_access_key, date, input.region, input.service);
  out.signature = HexEncode(HmacSha256(key, out.string_to_sign));
  out.authorization = std::string(kSigV4Algorithm) + " Credential=" + std::string(access_key_id) + "/" +
                      out.credential_scope + ", SignedHeaders=" + out.signed_headers + ", Signature=" + out.signature;
  return out;
}

Status SignHttpRequest(HttpRequest* request, const Credentials& credentials, std::string_view region,
                       std::string_view service, int64_t now_unix_ms) {
  const Url url = SplitUrl(request->url);
  if (!Signable(url)) {
    return Status(Code::kInvalidInput, "cannot sign request: malformed endpoint URL for host " + HostOf(request->url));
  }
  const std::string amz_date = FormatAmzDate(now_unix_ms);
  // Replace anything we set ourselves, so re-signing a retried request is idempotent.
  auto& h = request->headers;
  h.erase(std::remove_if(h.begin(), h.end(),
                         [](const auto& kv) {
                           std::string n = AsciiLower(kv.first);
                           return n == "host" || n == "x-amz-date" || n == "x-amz-security-token" ||
                                  n == "authorization";
                         }),
          h.end());
  // The Host curl sends (and so the one that must be signed) omits the scheme's default port.
  h.emplace_back("Host", AsciiLower(url.HostHeader()));
  h.emplace_back("X-Amz-Date", amz_date);
  if (!credentials.session_token.empty()) h.emplace_back("X-Amz-Security-Token", credentials.session_token.Reveal());

  SigV4Input in;
  in.method = request->method;
  in.path = url.path.empty() ? "/" : url.path;
  in.query = url.query;
  in.body = request->body;
  in.amz_date = amz_date;
  in.region = std::string(region);
  in.service = std::string(service);
  for (const auto& [name, value] : h) {
    std::string n = AsciiLower(name);
    if (n == "host" || n == "x-amz-date" || n == "content-type" || n == "x-amz-target" || n == "x-amz-security-token") {
      in.headers.emplace_back(name, value);
    }
  }
  SigV4Output sig = ComputeSigV4(in, credentials.access_key_id, credentials.secret_access_key);
  h.emplace_back("Authorization", std::move(sig.authorization));
  return Status::Ok();
}

}  // namespace gdslack
