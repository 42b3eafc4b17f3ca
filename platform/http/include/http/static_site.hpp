// The built web front end (web/dist), read into memory at start and served by
// the router's fallback so that `tongban serve` alone is a working site.
//   GET /assets/app.3f2a.js → the file, cached for a year (names carry a hash)
//   GET /index.html, /favicon.ico → the file, revalidated on every use (no-cache)
//   GET /cases/123           → index.html (the SPA routes it in the browser)
//   GET /missing.png         → 404 problem;  /api/… → 404 problem (never the SPA)
// Every file has a strong ETag (a hash of its bytes); If-None-Match gives 304.
// Immutable after Load: Serve is thread-safe and never touches the disk.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/error.hpp"
#include "http/message.hpp"

namespace tongban::http {

class StaticSite {
 public:
  // Reads every regular file under `dir` (which must contain index.html).
  static Result<std::unique_ptr<StaticSite>> Load(const std::string& dir);

  // For GET and HEAD (the server strips the body of HEAD). A path with a ".."
  // or "." segment, a backslash or a NUL byte is refused (400 http.invalid_path).
  Response Serve(const Request& request) const;

  std::size_t file_count() const { return files_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;  // strong, quoted
    std::string cache_control;
  };
  StaticSite() = default;
  Response ServeFile(const File& file, const Request& request) const;

  std::unordered_map<std::string, File> files_;  // key: "/assets/app.js"
  std::size_t total_bytes_ = 0;
};

}  // namespace tongban::http
