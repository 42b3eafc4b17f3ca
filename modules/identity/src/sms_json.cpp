#include "sms_json.hpp"

#include <boost/json.hpp>

namespace tongban::identity {

namespace json = boost::json;

std::string EncodeSmsRequest(const SmsMessage& m) {
  json::object params;
  for (const auto& [k, v] : m.params) params[k] = v;
  return json::serialize(json::object{{"message_id", m.message_id},
                                      {"phone", m.phone},
                                      {"template_id", m.template_id},
                                      {"params", std::move(params)}});
}

Status DecodeSmsResponse(int http_status, const std::string& body) {
  std::string code;
  std::string message;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (!ec && v.is_object()) {
    const json::object& o = v.as_object();
    if (auto* c = o.if_contains("code"); c && c->is_string()) code = std::string(c->as_string());
    if (auto* m = o.if_contains("message"); m && m->is_string()) message = std::string(m->as_string());
  }
  if (http_status == 200 && (code == "OK" || code == "DUPLICATE")) return Status::Ok();
  return Error::Make(ErrorCode::kUnavailable, "identity.sms_gateway", "短信发送失败",
                     "The SMS gateway refused")
      .WithDetail("http " + std::to_string(http_status) + " code=" + code +
                  " message=" + message.substr(0, 200));
}

}  // namespace tongban::identity
