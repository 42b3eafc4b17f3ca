// PostgreSQL array literals for batch statements (INSERT … SELECT FROM
// unnest($1::text[], …)): one round trip for many rows. Values are still bound
// as parameters — the literal is the parameter's text, never part of the SQL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tongban::db {

// {1,2,3}
std::string PgIntArray(const std::vector<std::int64_t>& values);
// {"a","b \"quoted\""}: every element quoted, " and \ escaped.
std::string PgTextArray(const std::vector<std::string>& values);
// {"\\x00ff",…}: raw bytes as bytea hex elements.
std::string PgByteaArray(const std::vector<std::string>& values);

}  // namespace tongban::db
