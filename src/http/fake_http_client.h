// FakeHttpClient (tests only): returns scripted responses in order and records every request, like
// ninja's VirtualFileSystem. A scripted Status stands for a transport failure (reset, timeout).
#pragma once

#include <deque>
#include <vector>

#include "http/http_client.h"

namespace gdslack {

class FakeHttpClient : public HttpClient {
 public:
  void Push(HttpResponse response) { script_.emplace_back(std::move(response)); }
  void Push(long status, std::string body, HttpHeaders headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    script_.emplace_back(std::move(r));
  }
  void PushError(Status status) { script_.emplace_back(std::move(status)); }

  Result<HttpResponse> Send(const HttpRequest& request) override {
    requests_.push_back(request);
    if (script_.empty()) return Status(Code::kInternal, "FakeHttpClient: no scripted response left");
    Result<HttpResponse> next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  const std::vector<HttpRequest>& requests() const { return requests_; }
  std::size_t remaining() const { return script_.size(); }

 private:
  std::deque<Result<HttpResponse>> script_;
  std::vector<HttpRequest> requests_;
};

}  // namespace gdslack
