// The published catalog at one revision and date (catalog::Snapshot), read
// from the database. The builder keeps the decoded versions of the last build,
// so a rebuild after one write decodes only what changed.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "catalog/catalog.hpp"
#include "sql_catalog_store.hpp"

namespace tongban::catalog {

// Whether a published or retired version is the one offered on `today`
// (YYYY-MM-DD, Asia/Shanghai): published: effective_from ≤ today and
// effective_to empty or ≥ today (the last day it is offered); retired: the
// same, except that retirement takes effect on effective_to itself.
bool OffersOn(VersionStatus status, const std::string& effective_from, const std::string& effective_to,
              const std::string& today);

class SnapshotBuilder {
 public:
  SnapshotBuilder(const text::ChineseText& text, const Lexicon& lexicon) : text_(text), lexicon_(lexicon) {}

  // Reads everything the snapshot needs in `tx` (one read transaction, so the
  // revision matches the rows). Thread-safe.
  std::shared_ptr<const Snapshot> Build(db::Transaction& tx, const std::string& today);

 private:
  template <typename T>
  struct Cached {
    std::string document;
    std::shared_ptr<const T> value;
  };

  const text::ChineseText& text_;
  const Lexicon& lexicon_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached<ServiceItem>> items_;  // "code\nversion"
  std::unordered_map<std::string, Cached<LifeEvent>> life_events_;
};

}  // namespace tongban::catalog
