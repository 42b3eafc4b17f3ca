#include "auth_store.hpp"

#include "core/ids.hpp"
#include "tongban_identity_auth_sql.hpp"

namespace tongban::identity {
namespace sql = auth_sql;
namespace {

// Columns of select_auth_session_*.sql, in order.
StoredSession SessionFromRow(const db::Row& row) {
  StoredSession s;
  s.info.session_id = row.Text(0);
  s.csrf_hash = row.Text(1);
  s.info.subject_id = row.Text(2);
  s.info.auth_method = row.Text(3);
  s.info.created_ms = row.Int(4);
  s.info.last_seen_ms = row.Int(5);
  s.info.expires_ms = row.Int(6);
  s.revoked_ms = row.OptInt(7);
  s.info.enterprise_id = row.Text(8);
  s.info.remote_address = row.Text(9);
  s.info.user_agent = row.Text(10);
  return s;
}

}  // namespace

void SqlAuthStore::UpsertPassword(const std::string& subject_id, const std::string& hash,
                                  const std::string& at) {
  tx_.Execute(sql::kUpsertAuthPassword, {subject_id, hash, at});
}

std::optional<std::string> SqlAuthStore::FindPassword(const std::string& subject_id) {
  db::Rows rows = tx_.Query(sql::kSelectAuthPassword, {subject_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

Lockout SqlAuthStore::FindLockout(const std::string& key) {
  db::Rows rows = tx_.Query(sql::kSelectAuthLockout, {key});
  if (rows.empty()) return {};
  return Lockout{static_cast<int>(rows[0].Int(0)), rows[0].Int(1)};
}

int SqlAuthStore::CountAttempt(const std::string& key) {
  db::Rows rows = tx_.Query(sql::kIncrementAuthLockout, {key});
  return static_cast<int>(rows[0].Int(0));
}

void SqlAuthStore::LockUntil(const std::string& key, std::int64_t until_ms) {
  tx_.Execute(sql::kUpdateAuthLockoutUntil, {key, until_ms});
}

void SqlAuthStore::ClearLockout(const std::string& key) {
  tx_.Execute(sql::kDeleteAuthLockout, {key});
}

void SqlAuthStore::AddSourceFailure(const std::string& source, std::int64_t at_ms) {
  tx_.Execute(sql::kInsertAuthSourceFailure, {NewUlid(), source, at_ms});
}

WindowCount SqlAuthStore::SourceFailuresSince(const std::string& source, std::int64_t since_ms) {
  db::Rows rows = tx_.Query(sql::kSelectAuthSourceFailuresSince, {source, since_ms});
  return WindowCount{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)};
}

void SqlAuthStore::ForgetSourceFailuresBefore(const std::string& source, std::int64_t before_ms) {
  tx_.Execute(sql::kDeleteAuthSourceFailuresBefore, {source, before_ms});
}

void SqlAuthStore::InsertSession(const SessionInfo& s, const std::string& token_hash,
                                 const std::string& csrf_hash) {
  tx_.Execute(sql::kInsertAuthSession,
              {s.session_id, token_hash, csrf_hash, s.subject_id, s.auth_method, s.created_ms, s.last_seen_ms,
               s.expires_ms, s.enterprise_id, s.remote_address, s.user_agent});
}

std::optional<StoredSession> SqlAuthStore::FindSessionByTokenHash(const std::string& token_hash) {
  db::Rows rows = tx_.Query(sql::kSelectAuthSessionByTokenHash, {token_hash});
  if (rows.empty()) return std::nullopt;
  return SessionFromRow(rows[0]);
}

std::optional<StoredSession> SqlAuthStore::FindSession(const std::string& session_id) {
  db::Rows rows = tx_.Query(sql::kSelectAuthSessionById, {session_id});
  if (rows.empty()) return std::nullopt;
  return SessionFromRow(rows[0]);
}

std::vector<SessionInfo> SqlAuthStore::ListLiveSessions(const std::string& subject_id, std::int64_t now_ms,
                                                        std::int64_t idle_since_ms) {
  std::vector<SessionInfo> out;
  for (db::Row row : tx_.Query(sql::kSelectAuthSessionsLiveBySubject, {subject_id, now_ms, idle_since_ms})) {
    out.push_back(SessionFromRow(row).info);
  }
  return out;
}

void SqlAuthStore::TouchSession(const std::string& session_id, std::int64_t now_ms) {
  tx_.Execute(sql::kUpdateAuthSessionLastSeen, {session_id, now_ms});
}

bool SqlAuthStore::SetSessionEnterprise(const std::string& session_id, const std::string& enterprise_id) {
  return tx_.Execute(sql::kUpdateAuthSessionEnterprise, {session_id, enterprise_id}) == 1;
}

bool SqlAuthStore::RevokeSession(const std::string& session_id, const std::string& subject_id,
                                 std::int64_t now_ms) {
  return tx_.Execute(sql::kRevokeAuthSession, {session_id, subject_id, now_ms}) == 1;
}

bool SqlAuthStore::RevokeSessionById(const std::string& session_id, std::int64_t now_ms) {
  return tx_.Execute(sql::kRevokeAuthSessionById, {session_id, now_ms}) == 1;
}

std::int64_t SqlAuthStore::RevokeSessionsOf(const std::string& subject_id, std::int64_t now_ms) {
  return tx_.Execute(sql::kRevokeAuthSessionsBySubject, {subject_id, now_ms});
}

void SqlAuthStore::InsertOtp(const std::string& otp_id, const std::string& phone_index,
                             const std::string& purpose, const std::string& code_hash,
                             const std::string& source, std::int64_t created_ms, std::int64_t expires_ms) {
  tx_.Execute(sql::kInsertOtpCode, {otp_id, phone_index, purpose, code_hash, source, created_ms, expires_ms});
}

std::optional<StoredOtp> SqlAuthStore::LatestOtp(const std::string& phone_index, const std::string& purpose) {
  db::Rows rows = tx_.Query(sql::kSelectOtpCodeLatest, {phone_index, purpose});
  if (rows.empty()) return std::nullopt;
  return StoredOtp{rows[0].Text(0), rows[0].Text(1), rows[0].Int(2), static_cast<int>(rows[0].Int(3)),
                   rows[0].OptInt(4)};
}

bool SqlAuthStore::CountOtpAttempt(const std::string& otp_id, int max_tries) {
  return tx_.Execute(sql::kUpdateOtpCodeAttempts, {otp_id, max_tries}) == 1;
}

bool SqlAuthStore::ConsumeOtp(const std::string& otp_id, std::int64_t now_ms) {
  return tx_.Execute(sql::kConsumeOtpCode, {otp_id, now_ms}) == 1;
}

WindowCount SqlAuthStore::OtpSendsByPhoneSince(const std::string& phone_index, std::int64_t since_ms) {
  db::Rows rows = tx_.Query(sql::kSelectOtpSendsByPhoneSince, {phone_index, since_ms});
  return WindowCount{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)};
}

WindowCount SqlAuthStore::OtpSendsBySourceSince(const std::string& source, std::int64_t since_ms) {
  db::Rows rows = tx_.Query(sql::kSelectOtpSendsBySourceSince, {source, since_ms});
  return WindowCount{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)};
}

void SqlAuthStore::QueueSms(const std::string& message_id, const std::string& payload, std::int64_t now_ms) {
  tx_.Execute(sql::kInsertSmsOutgoing, {message_id, payload, now_ms});
}

std::vector<QueuedSms> SqlAuthStore::DueSms(std::int64_t now_ms, int limit) {
  std::vector<QueuedSms> out;
  for (db::Row row : tx_.Query(sql::kSelectSmsOutgoingDue, {now_ms, limit})) {
    out.push_back(QueuedSms{row.Text(0), row.Text(1), static_cast<int>(row.Int(2))});
  }
  return out;
}

void SqlAuthStore::MarkSmsSent(const std::string& message_id, std::int64_t now_ms) {
  tx_.Execute(sql::kUpdateSmsOutgoingSent, {message_id, now_ms});
}

void SqlAuthStore::RetrySmsAt(const std::string& message_id, std::int64_t at_ms, const std::string& error) {
  tx_.Execute(sql::kUpdateSmsOutgoingRetry, {message_id, at_ms, error.substr(0, 500)});
}

void SqlAuthStore::InsertDevInbox(const DevInboxMessage& m) {
  tx_.Execute(sql::kInsertSmsDevInbox, {m.message_id, m.phone, m.template_id, m.text, m.created_at});
}

std::vector<DevInboxMessage> SqlAuthStore::ListDevInbox(int limit) {
  std::vector<DevInboxMessage> out;
  for (db::Row row : tx_.Query(sql::kSelectSmsDevInbox, {limit})) {
    out.push_back(DevInboxMessage{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
  }
  return out;
}

}  // namespace tongban::identity
