// The two back ends, opened by OpenDatabase according to the URL scheme.
#pragma once

#include <memory>

#include "core/error.hpp"
#include "db/database.hpp"

namespace tongban::db {

// "sqlite:PATH" or "sqlite::memory:".
Result<std::unique_ptr<Database>> OpenSqliteDatabase(const DatabaseOptions& options);
// "postgresql://…" or "postgres://…", handed to libpq as is.
Result<std::unique_ptr<Database>> OpenPostgresDatabase(const DatabaseOptions& options);

}  // namespace tongban::db
