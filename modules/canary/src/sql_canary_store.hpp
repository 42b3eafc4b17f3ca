// store: SQL for canary_writes and canary_tallies only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "canary/canary.hpp"

namespace tongban::canary {

class SqlCanaryStore {
 public:
  explicit SqlCanaryStore(db::Transaction& tx) : tx_(tx) {}

  // False when (client_id, seq) is taken: nothing was written.
  bool InsertIfAbsent(const CanaryWrite& write);
  std::optional<CanaryWrite> FindByClientSeq(const std::string& client_id, std::int64_t seq);
  std::optional<CanaryWrite> FindById(const std::string& id);
  std::vector<CanaryWrite> ListByClient(const std::string& client_id, std::int64_t after_seq, int limit);
  // Adds each client's count of delivered events to its tally (client ids
  // are distinct: the keys of the map), in one statement on PostgreSQL.
  void AddTallies(const std::map<std::string, std::int64_t>& counts);
  std::int64_t Tally(const std::string& client_id);

 private:
  db::Transaction& tx_;
};

}  // namespace tongban::canary
