// model: validation of a canary write, no I/O.
#include "canary/canary.hpp"

namespace tongban::canary {
namespace {

std::size_t CodePoints(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Status Validate(const NewCanaryWrite& input) {
  if (input.client_id.empty() || input.client_id.size() > kMaxClientIdChars) {
    return Error::Make(ErrorCode::kInvalidArgument, "canary.bad_client_id", "client_id 须为 1–64 个字符",
                       "client_id must have 1–64 characters", "/client_id");
  }
  for (char c : input.client_id) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) {
      return Error::Make(ErrorCode::kInvalidArgument, "canary.bad_client_id",
                         "client_id 只能包含字母、数字、- 和 _",
                         "client_id may contain only letters, digits, - and _", "/client_id");
    }
  }
  if (input.seq < 0) {
    return Error::Make(ErrorCode::kInvalidArgument, "canary.bad_seq", "seq 不能为负数",
                       "seq must not be negative", "/seq");
  }
  if (CodePoints(input.payload) > kMaxPayloadChars) {
    return Error::Make(ErrorCode::kInvalidArgument, "canary.payload_too_long", "payload 不能超过 1024 个字符",
                       "payload must not exceed 1024 characters", "/payload");
  }
  return Status::Ok();
}

}  // namespace tongban::canary
