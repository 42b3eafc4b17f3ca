#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "target.hpp"

namespace tongban::http {
namespace {

// Lower ranks are more specific: literal < {param} < {rest...}.
template <typename Segment>
int Rank(const Segment& s) {
  using Kind = typename Segment::Kind;
  switch (s.kind) {
    case Kind::kLiteral: return 0;
    case Kind::kParam: return 1;
    case Kind::kCatchAll: return 2;
  }
  return 2;
}

bool IsParamNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The path split at '/', without the leading slash: "/" → {""}, "/a/" → {"a", ""}.
struct SplitPath {
  std::vector<std::string_view> raw;
  std::vector<std::string> decoded;
  std::vector<std::size_t> offsets;  // where each raw segment starts in the path
};

std::optional<SplitPath> Split(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  SplitPath out;
  std::size_t start = 1;
  for (;;) {
    std::size_t slash = path.find('/', start);
    std::string_view seg = path.substr(start, slash == std::string_view::npos ? std::string_view::npos
                                                                               : slash - start);
    auto decoded = PercentDecode(seg, PlusAsSpace::kNo);
    if (!decoded) return std::nullopt;
    out.raw.push_back(seg);
    out.decoded.push_back(std::move(*decoded));
    out.offsets.push_back(start);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// Matches and, when `params` is given, extracts; `ranks` receives the rank of
// the pattern segment used at each position (for the specificity order).
template <typename Segment>
bool MatchSegments(const std::vector<Segment>& pattern, const SplitPath& path,
                   std::string_view raw_path, std::vector<int>* ranks,
                   std::map<std::string, std::string>* params) {
  using Kind = typename Segment::Kind;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const Segment& s = pattern[i];
    if (s.kind == Kind::kCatchAll) {
      if (i >= path.raw.size()) return false;
      if (params) {
        auto rest = PercentDecode(raw_path.substr(path.offsets[i]), PlusAsSpace::kNo);
        if (!rest) return false;
        (*params)[s.text] = std::move(*rest);
      }
      if (ranks) ranks->push_back(Rank(s));
      return true;
    }
    if (i >= path.raw.size()) return false;
    if (s.kind == Kind::kLiteral) {
      if (path.decoded[i] != s.text) return false;
    } else {
      if (path.decoded[i].empty()) return false;
      if (params) (*params)[s.text] = path.decoded[i];
    }
    if (ranks) ranks->push_back(Rank(s));
  }
  return pattern.size() == path.raw.size();
}

}  // namespace

void Router::Add(Route route) {
  const std::string& p = route.pattern;
  if (p.empty() || p.front() != '/') throw std::logic_error("route pattern must start with '/': " + p);
  if (!route.handler) throw std::logic_error("route without handler: " + p);
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
  auto split = Split(path);
  if (!split) return out;

  // The most specific matching route for `wanted`, or npos.
  std::vector<bool> matches(routes_.size(), false);
  std::vector<std::vector<int>> ranks(routes_.size());
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    matches[i] = MatchSegments(segments_[i], *split, path, &ranks[i], nullptr);
  }
  auto best_for = [&](Method wanted) {
    std::size_t best = std::string::npos;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
      if (!matches[i] || routes_[i]->method != wanted) continue;
      if (best == std::string::npos || ranks[i] < ranks[best]) best = i;
    }
    return best;
  };
  std::size_t best = best_for(method);
  if (best == std::string::npos && method == Method::kHead) best = best_for(Method::kGet);
  if (best != std::string::npos) {
    out.route = routes_[best].get();
    MatchSegments(segments_[best], *split, path, nullptr, &out.path_params);
    return out;
  }
  std::set<Method> allowed;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches[i]) continue;
    allowed.insert(routes_[i]->method);
    if (routes_[i]->method == Method::kGet) allowed.insert(Method::kHead);
  }
  out.allowed.assign(allowed.begin(), allowed.end());
  return out;
}

}  // namespace tongban::http
