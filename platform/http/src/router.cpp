#include "http/router.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>

#include "target.hpp"

namespace tongban::http {
namespace {

// Lower ranks are more specific: literal < {param} < {rest...}.
template <typename Segment>
std::uint64_t Rank(const Segment& s) {
  using Kind = typename Segment::Kind;
  switch (s.kind) {
    case Kind::kLiteral: return 0;
    case Kind::kParam: return 1;
    case Kind::kCatchAll: return 2;
  }
  return 2;
}

// Ranks are packed two bits per segment, first segment in the highest bits,
// so that comparing two integers compares the patterns segment by segment.
constexpr std::size_t kMaxPatternSegments = 32;

bool IsParamNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// One segment of the requested path; decoded only when it holds an escape.
struct PathSegment {
  std::string_view raw;
  std::string decoded;
  bool escaped = false;
  std::size_t offset = 0;  // where `raw` starts in the path
  std::string_view text() const { return escaped ? std::string_view(decoded) : raw; }
};

// The path split at '/', without the leading slash: "/" → {""}, "/a/" → {"a", ""}.
std::optional<std::vector<PathSegment>> Split(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<PathSegment> out;
  out.reserve(static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')));
  std::size_t start = 1;
  for (;;) {
    std::size_t slash = path.find('/', start);
    PathSegment seg;
    seg.raw = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    seg.offset = start;
    if (seg.raw.find('%') != std::string_view::npos) {
      auto decoded = PercentDecode(seg.raw, PlusAsSpace::kNo);
      if (!decoded) return std::nullopt;
      seg.decoded = std::move(*decoded);
      seg.escaped = true;
    }
    out.push_back(std::move(seg));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// Matches and, when `params` is given, extracts; `rank` receives the packed
// ranks of the pattern segments (for the specificity order).
template <typename Segment>
bool MatchSegments(const std::vector<Segment>& pattern, const std::vector<PathSegment>& path,
                   std::string_view raw_path, std::uint64_t* rank,
                   std::map<std::string, std::string>* params) {
  using Kind = typename Segment::Kind;
  std::uint64_t packed = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const Segment& s = pattern[i];
    packed |= Rank(s) << (62 - 2 * i);
    if (i >= path.size()) return false;
    if (s.kind == Kind::kCatchAll) {
      if (params) {
        auto rest = PercentDecode(raw_path.substr(path[i].offset), PlusAsSpace::kNo);
        if (!rest) return false;
        (*params)[s.text] = std::move(*rest);
      }
      if (rank) *rank = packed;
      return true;
    }
    if (s.kind == Kind::kLiteral) {
      if (path[i].text() != s.text) return false;
    } else {
      if (path[i].text().empty()) return false;
      if (params) (*params)[s.text] = std::string(path[i].text());
    }
  }
  if (rank) *rank = packed;
  return pattern.size() == path.size();
}

}  // namespace

void Router::Add(Route route) {
  const std::string& p = route.pattern;
  if (p.empty() || p.front() != '/') throw std::logic_error("route pattern must start with '/': " + p);
  bool async = route.execution == Execution::kAsync || route.execution == Execution::kWorkerAsync;
  if (async ? !route.async_handler : !route.handler) {
    throw std::logic_error("route without handler: " + p);
  }
  if (route.start_inline && route.execution != Execution::kWorkerAsync) {
    throw std::logic_error("start_inline is for kWorkerAsync routes: " + p);
  }
  std::vector<Segment> segments;
  std::set<std::string> names;
  std::string shape = MethodName(route.method);
  shape += ' ';
  std::size_t start = 1;
  for (;;) {
    std::size_t slash = p.find('/', start);
    std::string seg = p.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    Segment s;
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string name = seg.substr(1, seg.size() - 2);
      s.kind = Segment::Kind::kParam;
      if (name.size() > 3 && name.ends_with("...")) {
        name.resize(name.size() - 3);
        s.kind = Segment::Kind::kCatchAll;
        if (slash != std::string::npos) throw std::logic_error("{name...} must be the last segment: " + p);
      }
      if (name.empty() || !std::all_of(name.begin(), name.end(), IsParamNameChar)) {
        throw std::logic_error("bad parameter name in route pattern: " + p);
      }
      if (!names.insert(name).second) throw std::logic_error("repeated parameter in route pattern: " + p);
      s.text = std::move(name);
      shape += s.kind == Segment::Kind::kParam ? "/{}" : "/{...}";
    } else {
      if (seg.find_first_of("{}") != std::string::npos) {
        throw std::logic_error("braces must enclose a whole segment: " + p);
      }
      s.text = seg;
      shape += '/' + seg;
    }
    segments.push_back(std::move(s));
    if (segments.size() > kMaxPatternSegments) throw std::logic_error("route pattern too long: " + p);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  // "/a/{id}" and "/a/{name}" for one method would be ambiguous: same shape.
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    std::string other = MethodName(routes_[i]->method);
    other += ' ';
    for (const Segment& s : segments_[i]) {
      other += s.kind == Segment::Kind::kLiteral ? '/' + s.text
               : s.kind == Segment::Kind::kParam ? std::string("/{}")
                                                 : std::string("/{...}");
    }
    if (other == shape) {
      throw std::logic_error(std::string("duplicate route ") + MethodName(route.method) + " " + p +
                             " (same as " + routes_[i]->pattern + ")");
    }
  }
  routes_.push_back(std::make_unique<Route>(std::move(route)));
  const Route* added = routes_.back().get();
  if (std::all_of(segments.begin(), segments.end(),
                  [](const Segment& s) { return s.kind == Segment::Kind::kLiteral; })) {
    literal_[added->pattern][static_cast<std::size_t>(added->method)] = added;  // nullptr-initialised
  }
  segments_.push_back(std::move(segments));
}

void Router::Add(Method method, std::string pattern, Handler handler, Execution execution,
                 std::string operation_id) {
  Route route;
  route.method = method;
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  route.execution = execution;
  route.operation_id = std::move(operation_id);
  Add(std::move(route));
}

RouteMatch Router::Match(Method method, std::string_view path) const {
  RouteMatch out;
  // A literal pattern for this very method wins outright (its rank is 0, and
  // no two routes share a method and a pattern). Only a path without '%': an
  // escaped one may decode to a literal ("/health%7A" is /healthz) and is
  // compared segment by segment below.
  if (path.find('%') == std::string_view::npos) {
    auto it = literal_.find(path);
    if (it != literal_.end()) {
      const Route* exact = it->second[static_cast<std::size_t>(method)];
      if (exact != nullptr) {
        out.route = exact;
        return out;
      }
    }
  }
  auto split = Split(path);
  if (!split) return out;

  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t best = kNone;
  std::size_t best_get = kNone;  // for HEAD without a HEAD route
  std::uint64_t best_rank = 0;
  std::uint64_t best_get_rank = 0;
  unsigned allowed = 0;  // bit per Method
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    std::uint64_t rank = 0;
    if (!MatchSegments(segments_[i], *split, path, &rank, nullptr)) continue;
    Method m = routes_[i]->method;
    allowed |= 1u << static_cast<unsigned>(m);
    if (m == Method::kGet) allowed |= 1u << static_cast<unsigned>(Method::kHead);
    if (m == method && (best == kNone || rank < best_rank)) {
      best = i;
      best_rank = rank;
    }
    if (m == Method::kGet && (best_get == kNone || rank < best_get_rank)) {
      best_get = i;
      best_get_rank = rank;
    }
  }
  if (best == kNone && method == Method::kHead) best = best_get;
  if (best != kNone) {
    out.route = routes_[best].get();
    MatchSegments(segments_[best], *split, path, nullptr, &out.path_params);
    return out;
  }
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete,
                   Method::kOptions}) {
    if (allowed & (1u << static_cast<unsigned>(m))) out.allowed.push_back(m);
  }
  return out;
}

}  // namespace tongban::http
