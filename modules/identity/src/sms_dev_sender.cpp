// DevSmsSender: demo mode's SMS "gateway" is a table shown at /dev/inbox.
#include "auth_store.hpp"
#include "core/utc.hpp"
#include "identity/authentication.hpp"

namespace tongban::identity {
namespace {

std::string Param(const SmsMessage& m, const std::string& key) {
  for (const auto& [k, v] : m.params) {
    if (k == key) return v;
  }
  return {};
}

}  // namespace

// The text a real gateway would render from the template (短信签名 + body).
std::string RenderSms(const SmsMessage& m) {
  std::string what = m.template_id == "otp_register" ? "注册"
                     : m.template_id == "otp_reset"  ? "重置密码"
                                                     : "登录";
  return "【通办】您的" + what + "验证码是 " + Param(m, "code") + "，" + Param(m, "minutes") +
         " 分钟内有效。请勿告诉他人。";
}

Status DevSmsSender::Send(db::Transaction& tx, const SmsMessage& m) {
  // Keyed by message_id: a redelivered event leaves one message.
  SqlAuthStore(tx).InsertDevInbox(
      DevInboxMessage{m.message_id, m.phone, m.template_id, RenderSms(m), NowUtcMillis()});
  return Status::Ok();
}

std::vector<DevInboxMessage> ListDevInbox(db::Transaction& tx, int limit) {
  return SqlAuthStore(tx).ListDevInbox(limit);
}

}  // namespace tongban::identity
