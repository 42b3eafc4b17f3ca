// A deliberately primitive HTTP/1.1 client over a POSIX socket, for driving the
// server in tests byte by byte (half headers, stalls, pipelining, lies in
// Content-Length) — things a well-behaved client library refuses to do.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace tongban::http::testing {

struct RawResponse {
  int status = 0;
  Headers headers;
  std::string body;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class TestConnection {
 public:
  explicit TestConnection(std::uint16_t port);
  ~TestConnection();
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(std::string_view bytes);
  // One response; `head` for a response to HEAD (no body despite Content-Length).
  std::optional<RawResponse> Read(std::chrono::milliseconds timeout = std::chrono::seconds(5),
                                  bool head = false);
  // True when the server closes the connection (EOF or reset) within `timeout`.
  bool WaitClosed(std::chrono::milliseconds timeout);

 private:
  // Appends what arrives within `timeout`; false on EOF, error or timeout.
  bool Fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buffer_;
};

// GET (or any method) on a fresh connection; `extra` is raw header lines ending in \r\n.
std::optional<RawResponse> Fetch(std::uint16_t port, std::string_view method, std::string_view target,
                                 std::string_view extra = {}, std::string_view body = {});

}  // namespace tongban::http::testing
