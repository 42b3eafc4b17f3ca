// The rules that need Boost.JSON (scripts/check-layout keeps it in *_json.cpp):
// the online form's JSON Schema.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace tongban::catalog {

// Limits of a form schema: its text, and the properties of its top object.
inline constexpr std::size_t kMaxFormSchemaBytes = 256 * 1024;
inline constexpr std::size_t kMaxFormProperties = 200;

// catalog.invalid_form_schema at `field` when `text` is not a JSON object, not
// a draft-07 schema valijson can load (remote $ref included), has no
// top-level "type": "object", or more than kMaxFormProperties properties.
// Empty text (no online form) passes.
std::vector<Error> CheckFormSchema(std::string_view text, const std::string& field);

}  // namespace tongban::catalog
