// 个人信息 — personal data at rest, masked by default, and the access log that
// shows a person who looked at their data ("谁查看了我的信息").
//
// Every module that stores a personal identifier uses this helper:
//   - Seal/Open: SM4-CTR + HMAC-SM3 (crypto/sealing_key.hpp) with the value
//     bound to where it lives (associated data "<table>/<row id>/<column>");
//   - Index: a keyed blind index (HMAC-SM3) for exact-match lookups, over the
//     normalised value and a kind, so equal numbers of different kinds differ;
//   - Mask*: the default display form;
//   - RecordAccess: every read of a person's data by staff or by another
//     system, in the reader's transaction, with a stated purpose; an unmasking
//     also writes an audit record. The person lists them with ListAccess.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "crypto/key_set.hpp"
#include "crypto/sealing_key.hpp"
#include "crypto/symmetric_key.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"

namespace tongban::privacy {

// Thread-safe: every member is const and keeps no shared mutable state.
class Vault {
 public:
  // Copies the two keys it needs (data encryption, blind index) out of `keys`.
  explicit Vault(const crypto::KeySet& keys);
  // Binary (store as BLOB/BYTEA). `where` is the associated data, e.g.
  // "persons/person_01H…/id_number".
  std::string Seal(std::string_view plaintext, std::string_view where) const;
  // kInvalidArgument crypto.tag_mismatch when `sealed` was not sealed here for `where`.
  Result<std::string> Open(std::string_view sealed, std::string_view where) const;
  // Lower-case hex HMAC-SM3 over kind ‖ 0x00 ‖ normalised value.
  std::string Index(std::string_view kind, std::string_view normalised) const;

 private:
  crypto::SealingKey sealing_key_;
  crypto::SymmetricKey index_key_;
};

// 310***********1234: first 3 and last 4 characters kept, the rest '*'
// (shorter values: all but the last 2 masked).
std::string MaskIdNumber(std::string_view id_number);
// 138****5678
std::string MaskPhone(std::string_view phone);
// 张*, 欧阳**: the surname's first character kept — both characters of a
// common two-character surname (欧阳, 司马, …) when the given name follows —
// and one '*' per remaining character (UTF-8 aware). A one-character name is "*".
std::string MaskName(std::string_view name);

inline constexpr std::size_t kMinPurposeChars = 2;
inline constexpr std::size_t kMaxPurposeChars = 200;

struct Access {
  std::string person_id;    // whose data (person_…)
  audit::Actor reader;      // staff_…, client_…, with department
  std::string purpose;      // stated reason, 2–200 characters; required for unmasking
  std::string fields;       // comma-separated: "id_number,phone"
  bool unmasked = false;    // true when the plaintext was shown
  std::string object_type;  // what the read was part of (e.g. "case")
  std::string object_id;
  std::string request_id;
};

struct StoredAccess {
  std::int64_t seq = 0;
  std::string at;  // RFC 3339 UTC
  Access access;
};

// Records a read in `tx` (and an audit record "privacy.personal_data.unmask"
// when unmasked) and returns nothing else. kInvalidArgument, field /purpose:
//   privacy.purpose_required  an unmasking without a purpose of at least 2 characters
//   privacy.purpose_too_long  a purpose over 200 characters (or not UTF-8)
// kInvalidArgument privacy.access_incomplete when person_id, reader.subject
// or fields is empty (a programming error of the reader, refused rather than
// logged half).
Status RecordAccess(db::Transaction& tx, const Access& access);

// The person's access log, newest first, seq < before (0 = from the newest);
// limit is clamped to 1–200.
std::vector<StoredAccess> ListAccess(db::Transaction& tx, const std::string& person_id, std::int64_t before,
                                     int limit);

std::span<const db::Migration> Migrations();

}  // namespace tongban::privacy
