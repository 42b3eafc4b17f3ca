#include "generate_catalog.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "text/chinese.hpp"

namespace tongban::bench {

namespace {

// splitmix64: small, deterministic on every platform (std::mt19937's
// distributions are not specified bit for bit).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(Next() % n); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  std::uint64_t state_;
};

// The acts that end item names, longest first so 换证 wins over 证.
const std::vector<std::string> kActs = {"申领换领", "换证", "签发", "核发", "申领", "登记", "许可", "备案",
                                        "审批",     "开具", "办理", "申请", "提取", "认定", "确认", "注销",
                                        "变更",     "延续", "补领", "审核", "验收", "给付"};

const std::vector<std::string> kSubcases = {"新办",   "变更",     "延续",     "补证",     "注销",
                                            "换发",   "遗失补办", "首次申请", "迁入",     "迁出",
                                            "个人",   "单位",     "分支机构", "外商投资", "港澳台居民",
                                            "承诺制", "简易程序", "临时",     "跨区迁移", "信息更正"};

std::string StripParenthetical(std::string name) {
  std::size_t open = name.find("（");
  if (open != std::string::npos) name.erase(open);
  return name;
}

struct Parts {
  std::string object;
  std::string act;
};

Parts Split(const std::string& name) {
  std::string base = StripParenthetical(name);
  for (const std::string& act : kActs) {
    if (base.size() > act.size() && base.compare(base.size() - act.size(), act.size(), act) == 0) {
      return {base.substr(0, base.size() - act.size()), act};
    }
  }
  return {base, "办理"};
}

}  // namespace

GeneratedCatalog GenerateCatalog(const catalog::CatalogDocument& demo, std::size_t item_count,
                                 std::uint64_t seed) {
  GeneratedCatalog out;
  Rng rng(seed);
  std::vector<const catalog::ServiceItem*> templates;
  for (const auto& item : demo.items) {
    if (item.status != catalog::VersionStatus::kPublished) continue;
    templates.push_back(&item);
    out.items.push_back(item);
  }
  if (templates.empty()) return out;
  std::vector<std::string> objects;
  std::vector<std::string> acts;
  for (const auto* item : templates) {
    Parts parts = Split(item->name);
    if (!parts.object.empty()) objects.push_back(parts.object);
    acts.push_back(parts.act);
  }
  // Department codes by their parent (a city department → its district counterparts).
  std::vector<std::string> departments;
  for (const auto& d : demo.departments) departments.push_back(d.code);
  auto counterparts = [&demo](const std::string& parent) {
    std::vector<std::string> codes;
    for (const auto& d : demo.departments) {
      if (d.parent_code == parent) codes.push_back(d.code);
    }
    return codes;
  };

  std::vector<std::string> names_seen;
  for (const auto& item : out.items) names_seen.push_back(item.name);
  std::sort(names_seen.begin(), names_seen.end());
  auto taken = [&names_seen](const std::string& name) {
    return std::binary_search(names_seen.begin(), names_seen.end(), name);
  };
  auto remember = [&names_seen](const std::string& name) {
    names_seen.insert(std::upper_bound(names_seen.begin(), names_seen.end(), name), name);
  };

  std::size_t serial = 0;
  while (out.items.size() < item_count) {
    const catalog::ServiceItem& base = *rng.Pick(templates);
    catalog::ServiceItem item = base;
    ++serial;
    item.code = "gen." + std::to_string(serial);
    item.aliases.clear();
    std::string name;
    if (rng.Below(2) == 0) {
      // The same item, a sub-case, often handled by a district counterpart.
      name = StripParenthetical(base.name) + "（" + rng.Pick(kSubcases) + "）";
      std::vector<std::string> local = counterparts(base.department_code);
      if (!local.empty() && rng.Below(3) != 0) item.department_code = rng.Pick(local);
    } else {
      // A new item: one demo object, another demo act.
      name = rng.Pick(objects) + rng.Pick(acts);
      if (rng.Below(3) == 0) name += "（" + rng.Pick(kSubcases) + "）";
      item.department_code = rng.Pick(departments);
    }
    if (taken(name)) name += "（" + std::to_string(serial) + "）";
    remember(name);
    item.name = name;
    item.summary = name + "：" + base.summary;
    out.items.push_back(std::move(item));
  }

  // Queries about generated items.
  const std::size_t first_generated = templates.size();
  const std::size_t generated = out.items.size() - first_generated;
  for (int i = 0; i < 400 && generated > 0; ++i) {
    const catalog::ServiceItem& item = out.items[first_generated + rng.Below(generated)];
    std::u32string cps = text::ToCodePoints(StripParenthetical(item.name));
    switch (i % 4) {
      case 0: out.queries.push_back(item.name); break;
      case 1: out.queries.push_back(text::ToUtf8(cps.substr(0, std::min<std::size_t>(cps.size(), 4)))); break;
      case 2: {
        std::u32string other = text::ToCodePoints(rng.Pick(objects));
        if (!other.empty() && cps.size() > 2)
          cps[1 + rng.Below(cps.size() - 2)] = other[rng.Below(other.size())];
        out.queries.push_back(text::ToUtf8(cps));
        break;
      }
      default: out.queries.push_back(Split(item.name).object + "怎么办"); break;
    }
  }
  return out;
}

}  // namespace tongban::bench
