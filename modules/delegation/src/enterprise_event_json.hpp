// The identity module's enterprise events as the delegation module reads them.
#pragma once

#include <optional>
#include <string>

namespace tongban::delegation {

struct EnterpriseRepresentation {
  std::string enterprise_id;
  std::string legal_representative_person_id;
};

// {"enterprise_id": "ent_…", "legal_representative_person_id": "person_…", …}
// → both ids; nullopt when either is missing or not of its kind.
std::optional<EnterpriseRepresentation> ParseEnterpriseEvent(const std::string& payload);

}  // namespace tongban::delegation
