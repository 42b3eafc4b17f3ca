// 法人授权 — an enterprise's grant of rights to an agent (经办人) or to an
// intermediary (代理机构), and the pure rules that bound what may be granted.
//
// The chain. A legal representative (法定代表人) holds every right of their
// enterprise. They, or an enterprise administrator (企业管理员) they appoint,
// make grants: to a person (an agent) or to another enterprise (an
// intermediary, whose legal representative or administrators then pass the
// rights to its own people). A holder allowed to delegate may pass on a
// sub-grant (转授权) within their own rights — scope ⊆, mode ≤, expiry ≤ —
// and the sub-grant keeps its parent's id, so revoking a grant revokes
// everything passed on from it (the service does this in one transaction).
//
// Scope: service item codes or service category codes, or "*" for all. A
// category code covers the items under it: "C01" covers "C01-0003" (the same
// rule as identity::Authorize). Mode: view < apply.
//
// Times are UTC RFC 3339 strings with milliseconds, "2026-11-21T05:42:03.123Z"
// (core/utc.hpp), which sort in time order, so the rules compare text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace tongban::delegation {

// 授权方式 — what the holder may do within the scope: look (view) or also
// apply and act (apply). Ordered: kView < kApply.
enum class GrantMode { kView = 1, kApply = 2 };
// Stable stored codes: "view", "apply".
std::string_view GrantModeCode(GrantMode mode);
// kInvalidArgument delegation.mode, field /mode.
Result<GrantMode> ParseGrantMode(std::string_view code);

// Stored codes "active", "revoked". Expiry is not a status: a grant past its
// expires_at is dead whatever its status says (IsLive).
enum class GrantStatus { kActive, kRevoked };
std::string_view GrantStatusCode(GrantStatus status);
Result<GrantStatus> ParseGrantStatus(std::string_view code);

// To whom: a natural person (person_…) or an intermediary enterprise (ent_…).
enum class GranteeKind { kPerson, kEnterprise };
std::string_view GranteeKindCode(GranteeKind kind);  // "person", "enterprise"
Result<GranteeKind> ParseGranteeKind(std::string_view code);

inline constexpr std::string_view kAllServices = "*";
inline constexpr std::size_t kMaxScopeCodes = 50;
inline constexpr std::size_t kMaxScopeCodeChars = 64;
// A grant made by the enterprise lasts at most this long (about five years);
// a longer relationship is renewed, so a forgotten agent does not stay forever.
inline constexpr int kMaxGrantDays = 5 * 366;

struct Grant {
  std::string grant_id;         // grant_<ULID>
  std::string enterprise_id;    // the principal: whose rights these are (ent_…)
  std::string parent_grant_id;  // empty for a grant made by the enterprise itself
  std::string grantor_person_id;
  GranteeKind grantee_kind = GranteeKind::kPerson;
  std::string grantee_id;          // person_… or ent_…
  std::vector<std::string> scope;  // normalised (NormaliseScope)
  GrantMode mode = GrantMode::kView;
  bool may_delegate = false;
  std::string expires_at;
  GrantStatus status = GrantStatus::kActive;
  std::string created_at;
  std::string revoked_at;  // empty unless revoked
  std::string revoked_by;  // person_… who revoked (or whose revocation of an ancestor cascaded)
};

// What a grantor asks for; validated by the Check… functions below.
struct GrantTerms {
  std::vector<std::string> scope;
  GrantMode mode = GrantMode::kView;
  bool may_delegate = false;
  std::string expires_at;  // canonical (ParseExpiry)
};

// Sorted, without duplicates; "*" absorbs everything else; an item code under a
// category code in the same scope is dropped. Errors (kInvalidArgument):
//   delegation.scope_empty        no code (field /scope)
//   delegation.scope_too_many     more than kMaxScopeCodes (field /scope)
//   delegation.scope_code         a code not of [A-Za-z0-9][A-Za-z0-9._-]{0,63}
//                                 (field /scope/<index>)
Result<std::vector<std::string>> NormaliseScope(const std::vector<std::string>& codes);

// True when `scope` covers the service item or category `code`.
bool ScopeCovers(const std::vector<std::string>& scope, std::string_view code);
// The index in `inner` of the first code `outer` does not cover; -1 when none.
int FirstOutside(const std::vector<std::string>& inner, const std::vector<std::string>& outer);

// Accepts a Shanghai calendar date "2027-06-30" (meaning the end of that day,
// 23:59:59.999 Beijing time) or RFC 3339 "2027-06-30T12:00:00Z",
// "…T20:00:00.5+08:00"; returns the canonical UTC form with milliseconds.
// kInvalidArgument delegation.expiry_format, field /expires_at.
Result<std::string> ParseExpiry(std::string_view text);

// `now` plus `days` in the canonical form.
std::string AddDays(std::string_view now, int days);

// Active and not past its expiry.
bool IsLive(const Grant& grant, std::string_view now);

// A grant made by the enterprise (legal representative or administrator):
//   delegation.expiry_past      expires_at ≤ now (kInvalidArgument, /expires_at)
//   delegation.expiry_too_far   beyond now + kMaxGrantDays (kInvalidArgument, /expires_at)
Status CheckEnterpriseGrantTerms(const GrantTerms& terms, std::string_view now);

// A sub-grant within `parent`, in this order:
//   delegation.parent_not_live       parent revoked or expired (kFailedPrecondition)
//   delegation.may_not_delegate      parent.may_delegate is false (kPermissionDenied)
//   delegation.scope_beyond_parent   a code the parent does not cover (kInvalidArgument, /scope/<i>)
//   delegation.mode_beyond_parent    apply under a view-only parent (kInvalidArgument, /mode)
//   delegation.expiry_past           expires_at ≤ now (kInvalidArgument, /expires_at)
//   delegation.expiry_beyond_parent  expires_at > parent.expires_at (kInvalidArgument, /expires_at)
Status CheckSubGrantTerms(const Grant& parent, const GrantTerms& terms, std::string_view now);

// Of several live grants to one person for one enterprise, the one that acts:
// apply before view, then "*" before a narrower scope, then the later expiry,
// then the smaller id. nullptr when `grants` is empty.
const Grant* ChooseGrant(const std::vector<Grant>& grants);

}  // namespace tongban::delegation
