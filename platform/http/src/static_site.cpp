#include "http/static_site.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "http/problem.hpp"
#include "http_errors.hpp"

namespace tongban::http {
namespace {

namespace fs = std::filesystem;

// A site larger than this is a build mistake (source maps of node_modules…).
constexpr std::size_t kMaxSiteBytes = 512u << 20;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

std::string_view Extension(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot + 1);
}

std::string ContentTypeFor(std::string_view ext) {
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "gif") return "image/gif";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "pdf") return "application/pdf";
  return "application/octet-stream";
}

bool IsServedType(std::string_view ext) {
  return !ext.empty() && ContentTypeFor(ext) != "application/octet-stream";
}

// 64-bit FNV-1a of the bytes plus their length: stable across processes and
// builds, so caches stay valid when the same file is deployed again.
std::string StrongEtag(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "\"%016llx-%zx\"", static_cast<unsigned long long>(h), bytes.size());
  return buf;
}

// If-None-Match uses the weak comparison (RFC 9110 §13.1.2): "W/" is ignored.
bool EtagMatches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*") return true;
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

std::optional<std::string> ReadWholeFile(const fs::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return std::nullopt;
  std::string out;
  char buf[64 * 1024];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, file)) > 0) out.append(buf, n);
  bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return std::nullopt;
  return out;
}

bool IsSafePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 1;
  for (;;) {
    std::size_t slash = path.find('/', start);
    std::string_view seg =
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (seg == ".." || seg == ".") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

Result<std::unique_ptr<StaticSite>> StaticSite::Load(const std::string& dir) {
  auto fail = [&dir](std::string reason, std::string zh, std::string en, std::string detail) {
    return Error::Make(ErrorCode::kFailedPrecondition, std::move(reason), std::move(zh), std::move(en))
        .WithDetail(dir + ": " + detail);
  };
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return fail("http.static_dir_missing", "前端静态文件目录不存在：" + dir,
                "Static site directory not found: " + dir, "not a directory");
  }
  std::unique_ptr<StaticSite> site(new StaticSite());
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string relative = fs::relative(it->path(), dir, ec).generic_string();
    if (ec) break;
    std::optional<std::string> read = ReadWholeFile(it->path());
    if (!read) {
      return fail("http.static_read_failed", "无法读取前端静态文件：" + relative,
                  "Cannot read static file: " + relative, "read failed");
    }
    std::string body = std::move(*read);
    site->total_bytes_ += body.size();
    if (site->total_bytes_ > kMaxSiteBytes) {
      return fail("http.static_too_large", "前端静态文件总量过大", "Static site too large",
                  "more than " + std::to_string(kMaxSiteBytes) + " bytes");
    }
    std::string key = "/" + relative;
    File file;
    file.content_type = ContentTypeFor(Extension(key));
    file.etag = StrongEtag(body);
    file.cache_control = std::string(key.starts_with("/assets/") ? kImmutable : kRevalidate);
    file.body = std::move(body);
    site->files_.emplace(std::move(key), std::move(file));
  }
  if (ec) {
    return fail("http.static_read_failed", "无法读取前端静态文件目录：" + dir,
                "Cannot read static site directory: " + dir, ec.message());
  }
  if (site->files_.find("/index.html") == site->files_.end()) {
    return fail("http.static_index_missing", "前端静态文件目录中没有 index.html：" + dir,
                "index.html missing in static site directory: " + dir, "no index.html");
  }
  return site;
}

Response StaticSite::ServeFile(const File& file, const Request& request) const {
  Response r;
  r.headers.emplace("ETag", file.etag);
  r.headers.emplace("Cache-Control", file.cache_control);
  if (EtagMatches(request.Header("If-None-Match"), file.etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.status = 200;
  r.content_type = file.content_type;
  r.body = file.body;
  return r;
}

Response StaticSite::Serve(const Request& request) const {
  if (request.method != Method::kGet && request.method != Method::kHead) {
    Response r = Problem(MethodNotAllowedError(), &request, 405);
    r.headers.emplace("Allow", "GET, HEAD");
    return r;
  }
  const std::string& path = request.path;
  if (!IsSafePath(path)) return Problem(InvalidPathError(), &request, 400);
  if (path == "/api" || path.starts_with("/api/")) return Problem(NotFoundError(), &request);
  const auto& index = files_.at("/index.html");
  if (path == "/") return ServeFile(index, request);
  auto it = files_.find(path);
  if (it != files_.end()) return ServeFile(it->second, request);
  // A missing asset, or a name whose extension is a type the site serves (.js,
  // .png …), is a file that is not there; anything else is a page of the
  // single-page application — including pages named by a dotted code
  // (/life-events/le.marriage, /departments/shanghai.civil_affairs).
  if (path.starts_with("/assets/") || IsServedType(Extension(path)))
    return Problem(NotFoundError(), &request);
  return ServeFile(index, request);
}

}  // namespace tongban::http
