#include "enterprise_event_json.hpp"

#include <boost/json.hpp>

namespace tongban::delegation {

std::optional<EnterpriseRepresentation> ParseEnterpriseEvent(const std::string& payload) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const boost::json::object& o = v.as_object();
  const boost::json::value* e = o.if_contains("enterprise_id");
  const boost::json::value* p = o.if_contains("legal_representative_person_id");
  if (!e || !p || !e->is_string() || !p->is_string()) return std::nullopt;
  EnterpriseRepresentation out{std::string(e->as_string()), std::string(p->as_string())};
  if (out.enterprise_id.rfind("ent_", 0) != 0 ||
      out.legal_representative_person_id.rfind("person_", 0) != 0) {
    return std::nullopt;
  }
  return out;
}

}  // namespace tongban::delegation
