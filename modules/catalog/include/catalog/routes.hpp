// The catalog's HTTP API (docs/catalog-format.md, "API"), all under
// /api/v1/catalog:
//   public reads of the published snapshot, answered on the I/O thread
//   (Execution::kInline, no database, no credential read — catalog.published.read is
//   anyone's): regions, departments, powers, licence types, data items,
//   categories, an item, its evaluation, life events and their guides, search
//   and suggest; with Cache-Control: public, max-age=60 and an ETag of the
//   snapshot (revision and date), and 304 to a matching If-None-Match;
//   reads that may show drafts (item lists, versions) and every operator
//   write on the worker pool, with the caller's credential (CSRF on cookie
//   sessions): create, validate, save and discard drafts, publish, retire,
//   import and export.
// Bad input is a problem+json naming the query parameter or the JSON pointer
// at fault; a rule failure is 422 with `errors` listing every failure.
#pragma once

#include "catalog/catalog.hpp"
#include "http/router.hpp"
#include "identity/authenticator.hpp"

namespace tongban::catalog {

void RegisterCatalogRoutes(http::Router& router, CatalogService& service,
                           identity::Authenticator& authenticator);

}  // namespace tongban::catalog
