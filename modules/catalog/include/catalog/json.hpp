// The catalog's JSON form as boost::json values — for routes and *_json.cpp
// files only (scripts/check-layout). Same keys and rules as catalog/codec.hpp.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "catalog/model.hpp"
#include "core/error.hpp"

namespace tongban::catalog {

boost::json::value ToJson(const Region& v);
boost::json::value ToJson(const Department& v);
boost::json::value ToJson(const Power& v);
boost::json::value ToJson(const LicenceType& v);
boost::json::value ToJson(const DataItem& v);
boost::json::value ToJson(const ServiceItem& v);
boost::json::value ToJson(const LifeEvent& v);
boost::json::value ToJson(const CatalogDocument& v);

Result<Region> RegionFromJson(const boost::json::value& v, std::string_view at = "");
Result<Department> DepartmentFromJson(const boost::json::value& v, std::string_view at = "");
Result<Power> PowerFromJson(const boost::json::value& v, std::string_view at = "");
Result<LicenceType> LicenceTypeFromJson(const boost::json::value& v, std::string_view at = "");
Result<DataItem> DataItemFromJson(const boost::json::value& v, std::string_view at = "");
// Bookkeeping keys (created_at, updated_at, published_at, published_by) are
// accepted and kept; the service ignores them on operator input.
Result<ServiceItem> ServiceItemFromJson(const boost::json::value& v, std::string_view at = "");
Result<LifeEvent> LifeEventFromJson(const boost::json::value& v, std::string_view at = "");

}  // namespace tongban::catalog
