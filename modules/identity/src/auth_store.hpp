// store: SQL for the authentication tables only (auth_*, otp_codes, sms_dev_inbox).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "identity/authentication.hpp"

namespace tongban::identity {

struct StoredSession {
  SessionInfo info;
  std::string csrf_hash;
  std::optional<std::int64_t> revoked_ms;
};

struct StoredOtp {
  std::string otp_id;
  std::string code_hash;
  std::int64_t expires_ms = 0;
  int attempts = 0;
  std::optional<std::int64_t> consumed_ms;
};

struct QueuedSms {
  std::string message_id;
  std::string payload;
  int attempts = 0;
};

struct Lockout {
  int failures = 0;
  std::int64_t locked_until_ms = 0;
};

// Rows in a time window, with the oldest and newest times (0 when none).
struct WindowCount {
  std::int64_t count = 0;
  std::int64_t oldest_ms = 0;
  std::int64_t newest_ms = 0;
};

class SqlAuthStore {
 public:
  explicit SqlAuthStore(db::Transaction& tx) : tx_(tx) {}

  void UpsertPassword(const std::string& subject_id, const std::string& hash, const std::string& at);
  std::optional<std::string> FindPassword(const std::string& subject_id);

  Lockout FindLockout(const std::string& key);
  // Counts one more attempt atomically (concurrent attempts never lose a count); returns the count.
  int CountAttempt(const std::string& key);
  void LockUntil(const std::string& key, std::int64_t until_ms);
  void ClearLockout(const std::string& key);
  void AddSourceFailure(const std::string& source, std::int64_t at_ms);
  WindowCount SourceFailuresSince(const std::string& source, std::int64_t since_ms);
  void ForgetSourceFailuresBefore(const std::string& source, std::int64_t before_ms);

  void InsertSession(const SessionInfo& session, const std::string& token_hash, const std::string& csrf_hash);
  std::optional<StoredSession> FindSessionByTokenHash(const std::string& token_hash);
  std::optional<StoredSession> FindSession(const std::string& session_id);
  std::vector<SessionInfo> ListLiveSessions(const std::string& subject_id, std::int64_t now_ms,
                                            std::int64_t idle_since_ms);
  void TouchSession(const std::string& session_id, std::int64_t now_ms);
  bool SetSessionEnterprise(const std::string& session_id, const std::string& enterprise_id);
  // False when no live session of this subject has that id.
  bool RevokeSession(const std::string& session_id, const std::string& subject_id, std::int64_t now_ms);
  bool RevokeSessionById(const std::string& session_id, std::int64_t now_ms);
  std::int64_t RevokeSessionsOf(const std::string& subject_id, std::int64_t now_ms);

  void InsertOtp(const std::string& otp_id, const std::string& phone_index, const std::string& purpose,
                 const std::string& code_hash, const std::string& source, std::int64_t created_ms,
                 std::int64_t expires_ms);
  std::optional<StoredOtp> LatestOtp(const std::string& phone_index, const std::string& purpose);
  // Counts one try atomically; false when `max_tries` are used up or the code is consumed.
  bool CountOtpAttempt(const std::string& otp_id, int max_tries);
  // False when another request consumed it first (single use under concurrency).
  bool ConsumeOtp(const std::string& otp_id, std::int64_t now_ms);
  WindowCount OtpSendsByPhoneSince(const std::string& phone_index, std::int64_t since_ms);
  WindowCount OtpSendsBySourceSince(const std::string& source, std::int64_t since_ms);

  void QueueSms(const std::string& message_id, const std::string& payload, std::int64_t now_ms);
  std::vector<QueuedSms> DueSms(std::int64_t now_ms, int limit);
  void MarkSmsSent(const std::string& message_id, std::int64_t now_ms);
  void RetrySmsAt(const std::string& message_id, std::int64_t at_ms, const std::string& error);

  void InsertDevInbox(const DevInboxMessage& message);
  std::vector<DevInboxMessage> ListDevInbox(int limit);

 private:
  db::Transaction& tx_;
};

}  // namespace tongban::identity
