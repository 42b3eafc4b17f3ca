// 演示事项库 — `serve --demo` imports data/demo/catalog.json into an empty catalog.
#include <fstream>
#include <sstream>

#include "catalog/catalog.hpp"

namespace tongban::catalog {

Status LoadDemoCatalog(CatalogService& service, const std::string& file) {
  auto existing = service.Export(nullptr);
  if (!existing.ok()) return existing.error();
  const CatalogDocument& d = *existing;
  if (!d.regions.empty() || !d.departments.empty() || !d.items.empty() || !d.life_events.empty()) {
    return Status::Ok();  // loaded before, or the operators' own catalog
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Error::Make(ErrorCode::kNotFound, "catalog.demo_file_missing", "找不到演示事项库文件 " + file,
                       "the demo catalog file is missing: " + file);
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto report = service.ImportText(nullptr, text.str(), ImportOptions{});
  if (!report.ok()) return report.error();
  if (!report->applied) {
    std::string first;
    if (!report->rejected.empty() && !report->rejected.front().errors.empty()) {
      const RejectedRecord& r = report->rejected.front();
      first = r.kind + " " + r.code + ": " + r.errors.front().reason + " at " + r.errors.front().field;
    }
    return Error::Make(
               ErrorCode::kFailedPrecondition, "catalog.demo_rejected",
               "演示事项库未能导入（" + std::to_string(report->rejected.size()) + " 条记录有误）",
               "the demo catalog was rejected (" + std::to_string(report->rejected.size()) + " bad records)")
        .WithDetail(file + ": " + first);
  }
  return Status::Ok();
}

}  // namespace tongban::catalog
