// The catalog's JSON form as text, for the store, the service and the CLI
// (which must not see Boost.JSON). Routes use catalog/json.hpp for the same
// form as boost::json values. docs/catalog-format.md is the reference.
//
// Decoding is strict: an unknown key, a wrong type, an unknown enum code or a
// missing required key is an kInvalidArgument Error whose `field` is the JSON
// pointer of the fault, prefixed by `at` ("/items/12" + "/materials/0/type").
// Reason codes: catalog.malformed_json, catalog.unknown_key,
// catalog.wrong_type, catalog.missing_field, catalog.unknown_enum; a document
// whose "format" is not "tongban.catalog/1": catalog.unsupported_format.
// Encoding then decoding is lossless; encoding is deterministic (keys in the
// order of the struct's fields), so an export of an import is byte-identical.
#pragma once

#include <string>
#include <string_view>

#include "catalog/model.hpp"
#include "core/error.hpp"

namespace tongban::catalog {

std::string ToJsonText(const Region& v);
std::string ToJsonText(const Department& v);
std::string ToJsonText(const Power& v);
std::string ToJsonText(const LicenceType& v);
std::string ToJsonText(const DataItem& v);
std::string ToJsonText(const ServiceItem& v);
std::string ToJsonText(const LifeEvent& v);
// Pretty-printed (two-space indent, one record per line in arrays is not
// required): `tongban export catalog` writes this.
std::string ToJsonText(const CatalogDocument& v, bool pretty = true);

Result<Region> RegionFromJsonText(std::string_view text, std::string_view at = "");
Result<Department> DepartmentFromJsonText(std::string_view text, std::string_view at = "");
Result<Power> PowerFromJsonText(std::string_view text, std::string_view at = "");
Result<LicenceType> LicenceTypeFromJsonText(std::string_view text, std::string_view at = "");
Result<DataItem> DataItemFromJsonText(std::string_view text, std::string_view at = "");
Result<ServiceItem> ServiceItemFromJsonText(std::string_view text, std::string_view at = "");
Result<LifeEvent> LifeEventFromJsonText(std::string_view text, std::string_view at = "");

// A whole document. Records that fail to decode are all reported (not only
// the first): on any failure `errors` is non-empty and `document` incomplete.
struct DecodedDocument {
  CatalogDocument document;
  std::vector<Error> errors;  // field: "/items/12/materials/0/type"
};
DecodedDocument CatalogDocumentFromJsonText(std::string_view text);

}  // namespace tongban::catalog
