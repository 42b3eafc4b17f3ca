#include "privacy/personal_data.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "core/utc.hpp"
#include "crypto/blind_index.hpp"
#include "tongban_privacy_migrations.hpp"
#include "tongban_privacy_sql.hpp"

namespace tongban::privacy {
namespace {

// Code points of valid UTF-8; nullopt otherwise.
std::optional<std::size_t> CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

// Splits valid UTF-8 into code points (each as its bytes); invalid input is
// split byte by byte, which masks it all the same.
std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    len = std::min(len, text.size() - i);
    out.push_back(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string KeepEnds(std::string_view text, std::size_t head, std::size_t tail) {
  std::string out(text.substr(0, head));
  out.append(text.size() - head - tail, '*');
  out.append(text.substr(text.size() - tail));
  return out;
}

// The masking rule shared by identifiers: first 3 and last 4 when at least one
// character stays hidden in between, else all but the last 2.
std::string MaskIdentifier(std::string_view value) {
  if (value.size() > 7) return KeepEnds(value, 3, 4);
  if (value.size() > 2) return KeepEnds(value, 0, 2);
  return std::string(value.size(), '*');
}

// 复姓: the two-character surnames common enough that a mask keeping only
// their first character would hide part of the surname.
constexpr std::array<std::string_view, 24> kCompoundSurnames = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "申屠", "万俟"};

Error AccessIncomplete() {
  return Error::Make(ErrorCode::kInvalidArgument, "privacy.access_incomplete", "个人信息访问记录不完整",
                     "the personal-data access record is incomplete");
}

}  // namespace

Vault::Vault(const crypto::KeySet& keys)
    : sealing_key_(keys.data_encryption_key), index_key_(keys.blind_index_key) {}

std::string Vault::Seal(std::string_view plaintext, std::string_view where) const {
  return sealing_key_.Seal(plaintext, where);
}

Result<std::string> Vault::Open(std::string_view sealed, std::string_view where) const {
  return sealing_key_.Open(sealed, where);
}

std::string Vault::Index(std::string_view kind, std::string_view normalised) const {
  std::string message(kind);
  message.push_back('\0');
  message.append(normalised);
  return crypto::BlindIndex(index_key_, message);
}

std::string MaskIdNumber(std::string_view id_number) {
  return MaskIdentifier(id_number);
}

std::string MaskPhone(std::string_view phone) {
  return MaskIdentifier(phone);
}

std::string MaskName(std::string_view name) {
  std::vector<std::string_view> chars = Characters(name);
  if (chars.empty()) return "";
  if (chars.size() == 1) return "*";
  std::size_t keep = 1;
  if (chars.size() > 2) {
    std::string first_two = std::string(chars[0]) + std::string(chars[1]);
    if (std::find(kCompoundSurnames.begin(), kCompoundSurnames.end(), first_two) != kCompoundSurnames.end()) {
      keep = 2;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < keep; ++i) out.append(chars[i]);
  out.append(chars.size() - keep, '*');
  return out;
}

Status RecordAccess(db::Transaction& tx, const Access& access) {
  if (access.person_id.empty() || access.reader.subject.empty() || access.fields.empty()) {
    return AccessIncomplete();
  }
  std::optional<std::size_t> chars = CodePoints(access.purpose);
  if (!chars || *chars > kMaxPurposeChars) {
    return Error::Make(ErrorCode::kInvalidArgument, "privacy.purpose_too_long", "查看事由不能超过 200 个字",
                       "the purpose must be at most 200 characters", "/purpose");
  }
  if (access.unmasked && access.purpose.find_first_not_of(" \t\r\n") == std::string::npos) chars = 0;
  if (access.unmasked && *chars < kMinPurposeChars) {
    return Error::Make(ErrorCode::kInvalidArgument, "privacy.purpose_required",
                       "查看明文须说明事由（至少 2 个字）",
                       "state the purpose of viewing the plaintext (at least 2 characters)", "/purpose");
  }
  db::Rows rows = tx.Query(sql::kInsertPrivacyAccess,
                           {NowUtcMillis(), access.person_id, access.reader.subject, access.reader.role,
                            access.reader.department, access.reader.principal, access.purpose, access.fields,
                            access.unmasked, access.object_type, access.object_id, access.request_id});
  if (access.unmasked) {
    std::string seq = rows.empty() ? "" : std::to_string(rows[0].Int(0));
    audit::Append(tx, audit::Record{access.reader, "privacy.personal_data.unmask", "person", access.person_id,
                                    access.request_id, audit::Outcome::kSuccess,
                                    "fields=" + access.fields + " access_seq=" + seq});
  }
  return Status::Ok();
}

std::vector<StoredAccess> ListAccess(db::Transaction& tx, const std::string& person_id, std::int64_t before,
                                     int limit) {
  if (before <= 0) before = INT64_MAX;
  limit = std::clamp(limit, 1, 200);
  std::vector<StoredAccess> out;
  for (db::Row row : tx.Query(sql::kSelectPrivacyAccessByPerson, {person_id, before, limit})) {
    StoredAccess a;
    a.seq = row.Int(0);
    a.at = row.Text(1);
    a.access.person_id = row.Text(2);
    a.access.reader = audit::Actor{row.Text(3), row.Text(4), row.Text(5), row.Text(6)};
    a.access.purpose = row.Text(7);
    a.access.fields = row.Text(8);
    a.access.unmasked = row.Bool(9);
    a.access.object_type = row.Text(10);
    a.access.object_id = row.Text(11);
    a.access.request_id = row.Text(12);
    out.push_back(std::move(a));
  }
  return out;
}

std::span<const db::Migration> Migrations() {
  return migrations::kMigrations;
}

}  // namespace tongban::privacy
