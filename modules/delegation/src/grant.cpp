#include "delegation/grant.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "core/utc.hpp"
#include "time/date.hpp"
#include "time/shanghai_time.hpp"

namespace tongban::delegation {
namespace {

constexpr std::string_view kScopeField = "/scope";
constexpr std::string_view kModeField = "/mode";
constexpr std::string_view kExpiryField = "/expires_at";

std::string ScopeIndexField(std::size_t i) {
  return std::string(kScopeField) + "/" + std::to_string(i);
}

bool IsCodeChar(char c, bool first) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return !first && (c == '.' || c == '_' || c == '-');
}

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxScopeCodeChars) return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (!IsCodeChar(code[i], i == 0)) return false;
  }
  return true;
}

// `outer` covers `code` as itself or as a category over it ("C01" ⊇ "C01-0003").
bool CodeCovers(std::string_view outer, std::string_view code) {
  if (outer == kAllServices || outer == code) return true;
  return code.size() > outer.size() && code.substr(0, outer.size()) == outer && code[outer.size()] == '-';
}

Error ExpiryFormat() {
  return Error::Make(ErrorCode::kInvalidArgument, "delegation.expiry_format",
                     "有效期格式应为日期（2027-06-30）或 RFC 3339 时间",
                     "expires_at must be a date (2027-06-30) or an RFC 3339 time", std::string(kExpiryField));
}

bool Digits(std::string_view text, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::string_view GrantModeCode(GrantMode mode) {
  return mode == GrantMode::kApply ? "apply" : "view";
}

Result<GrantMode> ParseGrantMode(std::string_view code) {
  if (code == "apply") return GrantMode::kApply;
  if (code == "view") return GrantMode::kView;
  return Error::Make(ErrorCode::kInvalidArgument, "delegation.mode",
                     "授权方式应为 apply（办理）或 view（仅查看）", "mode must be apply or view",
                     std::string(kModeField));
}

std::string_view GrantStatusCode(GrantStatus status) {
  return status == GrantStatus::kRevoked ? "revoked" : "active";
}

Result<GrantStatus> ParseGrantStatus(std::string_view code) {
  if (code == "active") return GrantStatus::kActive;
  if (code == "revoked") return GrantStatus::kRevoked;
  return Error::Make(ErrorCode::kInternal, "delegation.stored_status", "内部错误", "Internal error")
      .WithDetail("unknown stored grant status");
}

std::string_view GranteeKindCode(GranteeKind kind) {
  return kind == GranteeKind::kEnterprise ? "enterprise" : "person";
}

Result<GranteeKind> ParseGranteeKind(std::string_view code) {
  if (code == "person") return GranteeKind::kPerson;
  if (code == "enterprise") return GranteeKind::kEnterprise;
  return Error::Make(ErrorCode::kInternal, "delegation.stored_grantee_kind", "内部错误", "Internal error")
      .WithDetail("unknown stored grantee kind");
}

Result<std::vector<std::string>> NormaliseScope(const std::vector<std::string>& codes) {
  if (codes.empty()) {
    return Error::Make(
        ErrorCode::kInvalidArgument, "delegation.scope_empty", "请至少选择一项事项或类别，或选择全部",
        "name at least one service item or category, or all (\"*\")", std::string(kScopeField));
  }
  if (codes.size() > kMaxScopeCodes) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.scope_too_many",
                       "授权范围最多 " + std::to_string(kMaxScopeCodes) + " 项",
                       "at most " + std::to_string(kMaxScopeCodes) + " scope codes",
                       std::string(kScopeField));
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] != kAllServices && !ValidCode(codes[i])) {
      return Error::Make(ErrorCode::kInvalidArgument, "delegation.scope_code", "事项或类别编码格式不正确",
                         "a scope code must be 1–64 letters, digits, '.', '_' or '-', or \"*\"",
                         ScopeIndexField(i));
    }
  }
  if (std::find(codes.begin(), codes.end(), kAllServices) != codes.end()) {
    return std::vector<std::string>{std::string(kAllServices)};
  }
  std::vector<std::string> sorted = codes;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::string> out;
  for (const std::string& code : sorted) {
    bool covered = std::any_of(sorted.begin(), sorted.end(), [&](const std::string& other) {
      return other != code && CodeCovers(other, code);
    });
    if (!covered) out.push_back(code);
  }
  return out;
}

bool ScopeCovers(const std::vector<std::string>& scope, std::string_view code) {
  return std::any_of(scope.begin(), scope.end(), [&](const std::string& s) { return CodeCovers(s, code); });
}

int FirstOutside(const std::vector<std::string>& inner, const std::vector<std::string>& outer) {
  for (std::size_t i = 0; i < inner.size(); ++i) {
    // "*" inside is covered only by "*" outside (CodeCovers compares it as a code).
    if (!ScopeCovers(outer, inner[i])) return static_cast<int>(i);
  }
  return -1;
}

Result<std::string> ParseExpiry(std::string_view text) {
  if (text.size() < 10) return ExpiryFormat();
  auto date = calendar::Date::Parse(text.substr(0, 10));
  if (!date) return ExpiryFormat();
  if (text.size() == 10) return FormatUtcMillis(calendar::ShanghaiEndOfDay(*date));
  // YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)
  int hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':' ||
      !Digits(text, 11, 2, hour) || !Digits(text, 14, 2, minute) || !Digits(text, 17, 2, second) ||
      hour > 23 || minute > 59 || second > 59) {
    return ExpiryFormat();
  }
  std::size_t pos = 19;
  int millis = 0;
  if (text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    std::size_t n = pos - start;
    if (n == 0 || n > 9) return ExpiryFormat();
    for (std::size_t i = 0; i < 3; ++i) millis = millis * 10 + (i < n ? text[start + i] - '0' : 0);
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) {
    offset_minutes = 0;
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') && text[pos + 3] == ':') {
    int oh = 0, om = 0;
    if (!Digits(text, pos + 1, 2, oh) || !Digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return ExpiryFormat();
    }
    offset_minutes = (text[pos] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return ExpiryFormat();
  }
  using namespace std::chrono;
  auto instant = system_clock::time_point(duration_cast<system_clock::duration>(
      days(date->DaysSinceEpoch()) + hours(hour) + minutes(minute) + seconds(second) + milliseconds(millis) -
      minutes(offset_minutes)));
  return FormatUtcMillis(instant);
}

std::string AddDays(std::string_view now, int days) {
  auto parsed = ParseExpiry(now);
  if (!parsed) return std::string(now);  // programmer error: now is always canonical
  auto date = calendar::Date::Parse(parsed->substr(0, 10));
  using namespace std::chrono;
  int hour = 0, minute = 0, second = 0, millis = 0;
  Digits(*parsed, 11, 2, hour);
  Digits(*parsed, 14, 2, minute);
  Digits(*parsed, 17, 2, second);
  Digits(*parsed, 20, 3, millis);
  auto instant = system_clock::time_point(
      duration_cast<system_clock::duration>(std::chrono::days(date->DaysSinceEpoch() + days) + hours(hour) +
                                            minutes(minute) + seconds(second) + milliseconds(millis)));
  return FormatUtcMillis(instant);
}

bool IsLive(const Grant& grant, std::string_view now) {
  return grant.status == GrantStatus::kActive && grant.expires_at > now;
}

namespace {

Status CheckExpiryAfterNow(const GrantTerms& terms, std::string_view now) {
  if (terms.expires_at <= now) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.expiry_past", "有效期须晚于当前时间",
                       "expires_at must be in the future", std::string(kExpiryField));
  }
  return Status::Ok();
}

}  // namespace

Status CheckEnterpriseGrantTerms(const GrantTerms& terms, std::string_view now) {
  TONGBAN_RETURN_IF_ERROR(CheckExpiryAfterNow(terms, now));
  if (terms.expires_at > AddDays(now, kMaxGrantDays)) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.expiry_too_far",
                       "授权有效期最长 " + std::to_string(kMaxGrantDays) + " 天",
                       "a grant lasts at most " + std::to_string(kMaxGrantDays) + " days",
                       std::string(kExpiryField));
  }
  return Status::Ok();
}

Status CheckSubGrantTerms(const Grant& parent, const GrantTerms& terms, std::string_view now) {
  if (!IsLive(parent, now)) {
    return Error::Make(ErrorCode::kFailedPrecondition, "delegation.parent_not_live", "该授权已撤销或已过期",
                       "the grant to pass on from is revoked or expired");
  }
  if (!parent.may_delegate) {
    return Error::Make(ErrorCode::kPermissionDenied, "delegation.may_not_delegate", "该授权不允许转授权",
                       "this grant may not be passed on");
  }
  int outside = FirstOutside(terms.scope, parent.scope);
  if (outside >= 0) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.scope_beyond_parent",
                       "转授权范围超出了您自己的授权范围", "the scope is wider than the grant passed on from",
                       ScopeIndexField(static_cast<std::size_t>(outside)));
  }
  if (terms.mode > parent.mode) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.mode_beyond_parent",
                       "仅查看的授权不能转授办理权限", "a view-only grant cannot pass on the right to apply",
                       std::string(kModeField));
  }
  TONGBAN_RETURN_IF_ERROR(CheckExpiryAfterNow(terms, now));
  if (terms.expires_at > parent.expires_at) {
    return Error::Make(ErrorCode::kInvalidArgument, "delegation.expiry_beyond_parent",
                       "转授权有效期不能晚于您自己的授权有效期",
                       "expires_at is later than the grant passed on from", std::string(kExpiryField));
  }
  return Status::Ok();
}

const Grant* ChooseGrant(const std::vector<Grant>& grants) {
  const Grant* best = nullptr;
  auto key = [](const Grant& g) {
    bool all = g.scope.size() == 1 && g.scope[0] == kAllServices;
    return std::make_tuple(g.mode == GrantMode::kApply, all, std::string_view(g.expires_at));
  };
  for (const Grant& g : grants) {
    if (!best || key(g) > key(*best) || (key(g) == key(*best) && g.grant_id < best->grant_id)) best = &g;
  }
  return best;
}

}  // namespace tongban::delegation
