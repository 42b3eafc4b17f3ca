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
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "crypto/key_set.hpp"
#include "db/database.hpp"
#include "db/migration.hpp"

namespace tongban::privacy {

class Vault {
 public:
  explicit Vault(const crypto::KeySet& keys);
  std::string Seal(std::string_view plaintext, std::string_view where) const;
  Result<std::string> Open(std::string_view sealed, std::string_view where) const;
  // Lower-case hex HMAC-SM3 over kind ‖ 0x00 ‖ normalised value.
  std::string Index(std::string_view kind, std::string_view normalised) const;
};

// 310***********1234: first 3 and last 4 characters kept, the rest '*'
// (shorter values: all but the last 2 masked).
std::string MaskIdNumber(std::string_view id_number);
// 138****5678
std::string MaskPhone(std::string_view phone);
// 张*, 欧阳**: the first character kept (UTF-8 aware).
std::string MaskName(std::string_view name);

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
// when unmasked). kInvalidArgument privacy.purpose_required (field /purpose)
// when an unmasking has no purpose.
Status RecordAccess(db::Transaction& tx, const Access& access);

// The person's access log, newest first, seq < before (0 = from the newest).
std::vector<StoredAccess> ListAccess(db::Transaction& tx, const std::string& person_id, std::int64_t before,
                                     int limit);

std::span<const db::Migration> Migrations();

}  // namespace tongban::privacy
