// JSON for the import: the codes of records that did not decode (read from
// the raw document where it parses at all), and the report as JSON text.
#include <boost/json.hpp>

#include "catalog/catalog.hpp"
#include "import.hpp"

namespace tongban::catalog {

std::vector<RejectedRecord> RejectedFromDecodeErrors(std::string_view text,
                                                     const std::vector<Error>& errors) {
  boost::system::error_code ec;
  boost::json::value root = boost::json::parse(text, ec);
  auto code_at = [&](const std::string& kind, std::size_t index) -> std::string {
    if (ec || !root.is_object()) return {};
    static const std::pair<const char*, const char*> kArrays[] = {
        {"region", "regions"},        {"department", "departments"},
        {"power", "powers"},          {"licence_type", "licence_types"},
        {"data_item", "data_items"},  {"item", "items"},
        {"life_event", "life_events"}};
    for (const auto& [k, array] : kArrays) {
      if (kind != k) continue;
      const boost::json::value* a = root.as_object().if_contains(array);
      if (!a || !a->is_array() || index >= a->as_array().size()) return {};
      const boost::json::value& record = a->as_array()[index];
      if (!record.is_object()) return {};
      const boost::json::value* code = record.as_object().if_contains("code");
      if (!code || !code->is_string()) return {};
      return std::string(code->as_string());
    }
    return {};
  };
  return GroupByRecord(errors, code_at);
}

std::string ToJsonText(const ImportReport& report) {
  boost::json::array rejected;
  for (const RejectedRecord& r : report.rejected) {
    boost::json::array errors;
    for (const Error& e : r.errors) {
      errors.push_back(boost::json::object{{"code", e.reason},
                                           {"field", e.field},
                                           {"message_zh", e.message_zh},
                                           {"message_en", e.message_en}});
    }
    rejected.push_back(
        boost::json::object{{"kind", r.kind}, {"code", r.code}, {"errors", std::move(errors)}});
  }
  boost::json::object out{{"applied", report.applied},
                          {"regions", report.regions},
                          {"departments", report.departments},
                          {"powers", report.powers},
                          {"licence_types", report.licence_types},
                          {"data_items", report.data_items},
                          {"item_versions", report.item_versions},
                          {"life_event_versions", report.life_event_versions},
                          {"unchanged", report.unchanged},
                          {"rejected", std::move(rejected)}};
  return boost::json::serialize(out);
}

}  // namespace tongban::catalog
