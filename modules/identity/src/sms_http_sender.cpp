// HttpSmsSender: one POST per message over a plain socket (http:// only).
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstring>

#include "core/hex.hpp"
#include "crypto/sm3.hpp"
#include "identity/authentication.hpp"
#include "sms_json.hpp"

namespace tongban::identity {
namespace {

struct Url {
  std::string host;
  std::string port = "80";
  std::string path = "/";
};

std::optional<Url> ParseHttpUrl(const std::string& text) {
  constexpr std::string_view kScheme = "http://";
  if (text.rfind(kScheme, 0) != 0) return std::nullopt;
  std::string rest = text.substr(kScheme.size());
  Url url;
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) url.path = rest.substr(slash);
  auto colon = authority.rfind(':');
  if (colon != std::string::npos) {
    url.port = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
  }
  url.host = authority;
  if (url.host.empty() || url.port.empty()) return std::nullopt;
  return url;
}

Error Unavailable(const std::string& detail) {
  return Error::Make(ErrorCode::kUnavailable, "identity.sms_gateway", "短信发送失败",
                     "The SMS gateway is unreachable")
      .WithDetail(detail);
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Sends `request` and reads the whole response (Connection: close) within `timeout`.
Result<std::string> Exchange(const Url& url, const std::string& request, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found) != 0 || found == nullptr) {
    return Unavailable("cannot resolve " + url.host);
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    Socket s(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (s.fd() < 0) continue;
    timeval tv{static_cast<time_t>(timeout.count() / 1000),
               static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
    setsockopt(s.fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(s.fd(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (::connect(s.fd(), a->ai_addr, a->ai_addrlen) != 0) continue;
    std::size_t sent = 0;
    while (sent < request.size()) {
      ssize_t n = ::send(s.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return Unavailable("send failed");
      sent += static_cast<std::size_t>(n);
    }
    std::string response;
    char buffer[4096];
    for (;;) {
      if (std::chrono::steady_clock::now() > deadline) return Unavailable("timeout");
      ssize_t n = ::recv(s.fd(), buffer, sizeof buffer, 0);
      if (n < 0) return Unavailable("receive failed");
      if (n == 0) break;
      response.append(buffer, static_cast<std::size_t>(n));
      if (response.size() > 1 << 20) return Unavailable("response too large");
    }
    return response;
  }
  return Unavailable("cannot connect to " + url.host + ":" + url.port);
}

}  // namespace

std::optional<std::string> DecodeChunked(std::string_view body) {
  std::string out;
  for (;;) {
    auto line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) return std::nullopt;
    std::string size_text(body.substr(0, line_end));
    if (auto semi = size_text.find(';'); semi != std::string::npos) size_text.resize(semi);  // extensions
    if (size_text.empty() || size_text.size() > 8 ||
        size_text.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
      return std::nullopt;
    }
    std::size_t size = std::stoul(size_text, nullptr, 16);
    body.remove_prefix(line_end + 2);
    if (size == 0) return out;
    if (body.size() < size + 2 || body.substr(size, 2) != "\r\n") return std::nullopt;
    out.append(body.substr(0, size));
    body.remove_prefix(size + 2);
  }
}

std::string HttpSmsSender::Sign(std::string_view secret, std::string_view timestamp, std::string_view body) {
  return crypto::ToHex(crypto::HmacSm3(secret, std::string(timestamp) + "\n" + std::string(body)));
}

Status HttpSmsSender::Send(db::Transaction& /*tx*/, const SmsMessage& message) {
  return Deliver(message);
}

Status HttpSmsSender::Deliver(const SmsMessage& message) {
  auto url = ParseHttpUrl(options_.url);
  if (!url) return Unavailable("sms.gateway_url is not an http:// URL");
  const std::string body = EncodeSmsRequest(message);
  const std::string timestamp = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count());
  std::string request =
      "POST " + url->path + " HTTP/1.1\r\nHost: " + url->host + ":" + url->port +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\nX-App-Key: " + options_.app_key + "\r\nX-Timestamp: " + timestamp +
      "\r\nX-Signature: " + Sign(options_.app_secret, timestamp, body) + "\r\n\r\n" + body;
  auto response = Exchange(*url, request, options_.timeout);
  if (!response) return response.error();
  // "HTTP/1.1 200 OK\r\n…\r\n\r\n<body>", the body plain (Connection: close) or chunked.
  int status = 0;
  if (response->rfind("HTTP/1.", 0) == 0 && response->size() > 12) status = std::atoi(response->c_str() + 9);
  auto head_end = response->find("\r\n\r\n");
  if (head_end == std::string::npos) return DecodeSmsResponse(status, "");
  std::string head = response->substr(0, head_end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string response_body = response->substr(head_end + 4);
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    auto decoded = DecodeChunked(response_body);
    if (!decoded) return Unavailable("malformed chunked response");
    response_body = std::move(*decoded);
  }
  return DecodeSmsResponse(status, response_body);
}

}  // namespace tongban::identity
