#include <algorithm>
#include <condition_variable>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "catalog/catalog.hpp"
#include "catalog/codec.hpp"
#include "catalog/rules.hpp"
#include "core/ids.hpp"
#include "core/utc.hpp"
#include "identity/policy.hpp"
#include "import.hpp"
#include "log/log.hpp"
#include "outbox/outbox.hpp"
#include "snapshot.hpp"
#include "sql_catalog_store.hpp"
#include "time/shanghai_time.hpp"
#include "tongban_catalog_migrations.hpp"

namespace tongban::catalog {
namespace {

using identity::Caller;

// Every catalog write takes this lock first (PostgreSQL: two writer lanes and
// other processes), so that a write reads the versions it replaces unchanged.
constexpr std::int64_t kCatalogLockKey = 0x636174616c6f67;  // "catalog"

constexpr char kCliActor[] = "system:cli";

Error ItemNotFound() {
  return Error::Make(ErrorCode::kNotFound, "catalog.item_not_found", "未找到该事项", "no such service item");
}

Error LifeEventNotFound() {
  return Error::Make(ErrorCode::kNotFound, "catalog.life_event_not_found", "未找到该一件事",
                     "no such life event");
}

Error InvalidDate(std::string field) {
  return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_date", "日期格式应为 YYYY-MM-DD",
                     "a date is YYYY-MM-DD", std::move(field));
}

Error DateInPast(std::string field) {
  return Error::Make(ErrorCode::kInvalidArgument, "catalog.date_in_past", "生效日期不能早于今天",
                     "the date must not be before today", std::move(field));
}

// "2026-11-21T08:00:00.123Z" → the instant; nullopt when it is not that form.
std::optional<calendar::Instant> ParseUtcMillis(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, ms = 0;
  if (s.size() != 24 ||
      std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d, &h, &mi, &se, &ms) != 7)
    return std::nullopt;
  auto day = std::chrono::sys_days(std::chrono::year(y) / mo / d);
  return calendar::Instant(day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(se) + std::chrono::milliseconds(ms);
}

// A timestamp later than `previous`, so that a draft saved twice within one
// millisecond still changes updated_at (the stale-draft check compares it).
std::string StampAfter(const calendar::Clock& clock, const std::string& previous) {
  std::string now = FormatUtcMillis(clock.Now());
  if (previous.empty() || now > previous) return now;
  auto prev = ParseUtcMillis(previous);
  if (!prev) return now;
  return FormatUtcMillis(*prev + std::chrono::milliseconds(1));
}

std::string JsonString(std::string_view s) {
  std::string out;
  log::AppendJsonString(out, s);
  return out;
}

audit::Actor ActorOf(const Caller* caller) {
  if (caller) return caller->ToActor();
  return audit::Actor{kCliActor, "platform_operator", "", ""};
}

std::string SubjectOf(const Caller* caller) {
  return caller ? caller->subject_id : std::string(kCliActor);
}

std::string RequestIdOf(const Caller* caller) {
  return caller && !caller->request_id.empty() ? caller->request_id : NewRequestId();
}

// Who may read drafts of `department`'s records: platform operators, and the
// department's own administrators.
Status MayReadDrafts(const Caller& caller, const std::string& department) {
  if (identity::Authorize(caller, "catalog.draft.read").ok()) return Status::Ok();
  identity::Target target;
  target.department_id = department;
  return identity::Authorize(caller, "catalog.department_draft.read", target);
}

Status MayWriteItem(const Caller& caller, const std::string& department) {
  if (identity::Authorize(caller, "catalog.item.write").ok()) return Status::Ok();
  identity::Target target;
  target.department_id = department;
  return identity::Authorize(caller, "catalog.department_item.write", target);
}

Status MayWriteLifeEvent(const Caller& caller, const std::string&) {
  return identity::Authorize(caller, "catalog.life_event.write");
}

KnownCodes LoadKnown(SqlCatalogStore& store) {
  KnownCodes known;
  for (const Region& v : store.Regions()) known.regions.insert(v.code);
  for (const Department& v : store.Departments()) known.departments.insert(v.code);
  for (const Power& v : store.Powers()) known.powers.insert(v.code);
  for (const LicenceType& v : store.LicenceTypes()) known.licence_types.insert(v.code);
  for (const DataItem& v : store.DataItems()) known.data_items.insert(v.code);
  for (std::string& code : store.Codes(VersionKind::kItem)) known.items.insert(std::move(code));
  return known;
}

// What differs between items and life events, for the shared lifecycle code.
template <typename T>
struct Traits;

template <>
struct Traits<ServiceItem> {
  static constexpr VersionKind kKind = VersionKind::kItem;
  static constexpr const char* kNoun = "item";
  static Error NotFound() { return ItemNotFound(); }
  static ServiceItem Decode(const VersionRow& row) { return DecodeItem(row); }
  static std::vector<Error> Validate(const ServiceItem& v, const KnownCodes& k, bool publishing) {
    return ValidateItem(v, k, publishing);
  }
  static const std::string& Department(const ServiceItem& v) { return v.department_code; }
};

template <>
struct Traits<LifeEvent> {
  static constexpr VersionKind kKind = VersionKind::kLifeEvent;
  static constexpr const char* kNoun = "life_event";
  static Error NotFound() { return LifeEventNotFound(); }
  static LifeEvent Decode(const VersionRow& row) { return DecodeLifeEvent(row); }
  static std::vector<Error> Validate(const LifeEvent& v, const KnownCodes& k, bool publishing) {
    return ValidateLifeEvent(v, k, publishing);
  }
  static const std::string& Department(const LifeEvent& v) { return v.lead_department_code; }
};

using MayWrite = Status (*)(const Caller&, const std::string&);

template <typename T>
void ClearBookkeeping(T& v) {
  v.created_at.clear();
  v.updated_at.clear();
  v.published_at.clear();
  v.published_by.clear();
}

// Whether a write changes what the snapshot offers. Drafts are never offered
// (the console reads them from the database), so creating, saving or
// discarding one leaves the revision — and the snapshot, its search index and
// every public ETag — as they were.
bool ChangesOffer(const std::string& verb) {
  return verb == "publish" || verb == "retire";
}

// The audit record and the events of one write, and the revision bump when
// the write changes what is offered.
template <typename T>
void Record(db::Transaction& tx, SqlCatalogStore& store, const Caller* caller, const std::string& now,
            const std::string& verb, const T& v, bool published_event) {
  std::int64_t revision = ChangesOffer(verb) ? store.BumpRevision(now) : store.Revision();
  std::string noun = Traits<T>::kNoun;
  std::string object_type = noun == "item" ? "catalog_item" : "catalog_life_event";
  std::string request_id = RequestIdOf(caller);
  audit::Append(tx, audit::Record{ActorOf(caller), "catalog." + noun + "." + verb, object_type, v.code,
                                  request_id, audit::Outcome::kSuccess, "v" + std::to_string(v.version)});
  std::string payload = "{\"kind\":" + JsonString(noun) + ",\"code\":" + JsonString(v.code) +
                        ",\"version\":" + std::to_string(v.version) + ",\"action\":" + JsonString(verb) +
                        ",\"revision\":" + std::to_string(revision) + "}";
  if (published_event) {
    outbox::Publish(
        tx, outbox::NewEvent{"catalog." + noun + ".published", object_type, v.code, payload, request_id});
  }
  if (verb == "retire") {
    outbox::Publish(
        tx, outbox::NewEvent{"catalog." + noun + ".retired", object_type, v.code, payload, request_id});
  }
  outbox::Publish(tx, outbox::NewEvent{"catalog.changed", object_type, v.code, payload, request_id});
}

Result<std::string> EffectiveDate(const std::string& given, const std::string& today,
                                  const std::string& field) {
  if (given.empty()) return today;
  auto date = calendar::Date::Parse(given);
  if (!date.ok()) return InvalidDate(field);
  if (given < today) return DateInPast(field);
  return given;
}

std::string DayBefore(const std::string& date) {
  auto d = calendar::Date::Parse(date);
  return d.ok() ? d->AddDays(-1).ToString() : date;
}

// The version a console list shows of one record, whose versions are
// rows[begin, end) oldest first: "all" the latest; "draft" the latest if it is
// a draft; "retired" the latest that is not a draft, if it is retired.
const VersionRow* ChooseForConsole(const std::vector<VersionRow>& rows, std::size_t begin, std::size_t end,
                                   const std::string& status) {
  const VersionRow& latest = rows[end - 1];
  if (status == "all") return &latest;
  if (status == "draft") return latest.status == VersionStatus::kDraft ? &latest : nullptr;
  for (std::size_t k = end; k > begin; --k) {
    if (rows[k - 1].status == VersionStatus::kDraft) continue;
    return rows[k - 1].status == VersionStatus::kRetired ? &rows[k - 1] : nullptr;
  }
  return nullptr;
}

// The console's search box: "mz-qr" finds 310000-MZ-QR-0001; Chinese matches as typed.
bool ContainsIgnoringAsciiCase(std::string_view haystack, std::string_view needle) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [&](char a, char b) { return lower(a) == lower(b); });
  return it != haystack.end();
}

bool MatchesTarget(Target item, std::optional<Target> wanted) {
  if (!wanted) return true;
  if (*wanted == Target::kBoth) return item == Target::kBoth;
  return item == *wanted || item == Target::kBoth;
}

// Whether `region` lies in `covering` (equal, or `covering` is an ancestor).
bool RegionWithin(const Snapshot& s, const std::string& region, const std::string& covering) {
  std::string code = region;
  for (int depth = 0; depth < 16 && !code.empty(); ++depth) {
    if (code == covering) return true;
    const Region* r = s.FindRegion(code);
    if (!r) return false;
    code = r->parent_code;
  }
  return false;
}

bool HandledIn(const Snapshot& s, const ServiceItem& item, const std::string& region) {
  if (item.region_codes.empty()) {
    const Department* d = s.FindDepartment(item.department_code);
    // A department handles its items throughout its region (a city department: everywhere).
    return d && (RegionWithin(s, region, d->region_code) || RegionWithin(s, d->region_code, region));
  }
  for (const std::string& code : item.region_codes) {
    if (RegionWithin(s, region, code) || RegionWithin(s, code, region)) return true;
  }
  return false;
}

ItemSummary SummaryOf(const Snapshot& s, const ServiceItem& item, bool has_draft) {
  ItemSummary out;
  out.code = item.code;
  out.version = item.version;
  out.status = item.status;
  out.name = item.name;
  out.category = item.category;
  out.target = item.target;
  out.department_code = item.department_code;
  if (const Power* p = s.FindPower(item.power_code)) out.power_type = p->type;
  out.processing_depth = item.processing_depth;
  out.trips = item.trips;
  out.committed_limit_days = item.committed_limit_days;
  out.any_location = item.any_location;
  out.zero_material = item.zero_material;
  out.has_draft = has_draft;
  out.updated_at = item.updated_at;
  return out;
}

VersionInfo InfoOf(const VersionRow& r) {
  return VersionInfo{r.version,    r.status,       r.effective_from, r.effective_to,
                     r.updated_at, r.published_at, r.published_by};
}

}  // namespace

std::vector<db::Migration> Migrations() {
  return std::vector<db::Migration>(std::begin(migrations::kMigrations), std::end(migrations::kMigrations));
}

struct CatalogService::State {
  State(db::Database& d, const calendar::Clock& c, std::unique_ptr<text::ChineseText> t, Lexicon l,
        CatalogOptions o)
      : db(d),
        clock(c),
        text(std::move(t)),
        lexicon(std::move(l)),
        options(std::move(o)),
        builder(*text, lexicon) {}

  db::Database& db;
  const calendar::Clock& clock;
  std::unique_ptr<text::ChineseText> text;
  Lexicon lexicon;
  CatalogOptions options;
  SnapshotBuilder builder;
  std::mutex rebuild_mutex;
  std::atomic<std::shared_ptr<const Snapshot>> current;
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::shared_ptr<const Snapshot>>>
      replaced;  // guarded by rebuild_mutex

  std::mutex poll_mutex;
  std::condition_variable poll_wake;
  bool stopping = false;
  std::thread poller;

  std::string Today() const { return calendar::ShanghaiDate(clock.Now()).ToString(); }
  std::string Now() const { return FormatUtcMillis(clock.Now()); }

  void Rebuild() {
    std::lock_guard lock(rebuild_mutex);
    std::shared_ptr<const Snapshot> built;
    std::string today = Today();
    db.Run([&](db::Transaction& tx) { built = builder.Build(tx, today); });
    Install(std::move(built));
  }

  // Swaps the snapshot in. The replaced one stays alive for a minute, so that
  // pointers a read handed out (EvaluateItem's Applicable) outlive the swap.
  void Install(std::shared_ptr<const Snapshot> built) {
    auto now = std::chrono::steady_clock::now();
    std::shared_ptr<const Snapshot> old = current.exchange(std::move(built));
    std::erase_if(replaced, [&](const auto& r) { return now - r.first > std::chrono::minutes(1); });
    if (old) replaced.emplace_back(now, std::move(old));
  }

  // After a committed write: the write is durable, so a failed rebuild must
  // not turn it into an error; the poller rebuilds on the revision it left.
  void RebuildAfterWrite() {
    if (!current.load()) return;  // never loaded: a one-shot command that reads no snapshot
    try {
      Rebuild();
    } catch (const std::exception& e) {
      log::Warn("catalog.snapshot_rebuild_failed", {{"error", std::string(e.what())}});
    }
  }

  std::shared_ptr<const Snapshot> Snap() const { return current.load(); }

  // ---- the lifecycle, shared by items and life events ----

  template <typename T>
  Result<std::vector<VersionRow>> Rows(const std::string& code) {
    std::vector<VersionRow> rows;
    db.Run([&](db::Transaction& tx) { rows = SqlCatalogStore(tx).VersionsOf(Traits<T>::kKind, code); });
    if (rows.empty()) return Traits<T>::NotFound();
    return rows;
  }

  template <typename T>
  Result<T> Create(const Caller& caller, T v, MayWrite may_write, std::vector<Error>* violations) {
    TONGBAN_RETURN_IF_ERROR(may_write(caller, Traits<T>::Department(v)));
    v.version = 1;
    v.status = VersionStatus::kDraft;
    v.effective_from.clear();
    v.effective_to.clear();
    ClearBookkeeping(v);
    T created;
    Status st = db.Write([&](db::Transaction& tx) -> Status {
      tx.LockForTransaction(kCatalogLockKey);
      SqlCatalogStore store(tx);
      T draft = v;
      std::vector<Error> errors = Traits<T>::Validate(draft, LoadKnown(store), false);
      if (violations) *violations = errors;
      if (!errors.empty()) return errors.front();
      if (!store.VersionsOf(Traits<T>::kKind, draft.code).empty()) {
        return Error::Make(ErrorCode::kAlreadyExists, "catalog.code_taken", "该编码已被使用",
                           "this code is taken", "/code");
      }
      std::string now = Now();
      draft.created_at = now;
      draft.updated_at = now;
      if (!store.Insert(Traits<T>::kKind, RowOf(draft))) {
        return Error::Make(ErrorCode::kAlreadyExists, "catalog.code_taken", "该编码已被使用",
                           "this code is taken", "/code");
      }
      Record(tx, store, &caller, now, "create", draft, false);
      created = std::move(draft);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    return created;
  }

  template <typename T>
  Result<T> SaveDraft(const Caller& caller, const std::string& code, T v, const std::string& base,
                      MayWrite may_write, std::vector<Error>* violations) {
    if (v.code.empty()) v.code = code;
    if (v.code != code) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.code_mismatch", "编码与地址中的编码不一致",
                         "the code differs from the one in the address", "/code");
    }
    TONGBAN_RETURN_IF_ERROR(may_write(caller, Traits<T>::Department(v)));
    T saved;
    Status st = db.Write([&](db::Transaction& tx) -> Status {
      tx.LockForTransaction(kCatalogLockKey);
      SqlCatalogStore store(tx);
      std::vector<VersionRow> rows = store.VersionsOf(Traits<T>::kKind, code);
      if (rows.empty()) return Traits<T>::NotFound();
      const VersionRow& last = rows.back();
      TONGBAN_RETURN_IF_ERROR(may_write(caller, last.department_code));
      T draft = v;
      draft.status = VersionStatus::kDraft;
      draft.effective_from.clear();
      draft.effective_to.clear();
      ClearBookkeeping(draft);
      bool replacing = last.status == VersionStatus::kDraft;
      if ((replacing && !base.empty() && base != last.updated_at) || (!replacing && !base.empty())) {
        return Error::Make(
            ErrorCode::kConflict, "catalog.stale_draft", "草稿已被他人修改或已发布，请刷新后再编辑",
            "the draft changed (or was published) since you opened it; reload it", "/base_updated_at");
      }
      std::string now = StampAfter(clock, replacing ? last.updated_at : std::string());
      draft.version = replacing ? last.version : last.version + 1;
      draft.created_at = replacing ? last.created_at : now;
      draft.updated_at = now;
      std::vector<Error> errors = Traits<T>::Validate(draft, LoadKnown(store), false);
      if (violations) *violations = errors;
      if (!errors.empty()) return errors.front();
      bool written = replacing ? store.Update(Traits<T>::kKind, RowOf(draft), last.updated_at)
                               : store.Insert(Traits<T>::kKind, RowOf(draft));
      if (!written) {
        return Error::Make(ErrorCode::kConflict, "catalog.stale_draft", "草稿已被他人修改，请刷新后再编辑",
                           "the draft changed since you opened it; reload it", "/base_updated_at");
      }
      Record(tx, store, &caller, now, "save_draft", draft, false);
      saved = std::move(draft);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    return saved;
  }

  template <typename T>
  Status Discard(const Caller& caller, const std::string& code, MayWrite may_write, MayWrite may_write_some) {
    TONGBAN_RETURN_IF_ERROR(may_write_some(caller, caller.department_id));
    Status st = db.Write([&](db::Transaction& tx) -> Status {
      tx.LockForTransaction(kCatalogLockKey);
      SqlCatalogStore store(tx);
      std::vector<VersionRow> rows = store.VersionsOf(Traits<T>::kKind, code);
      if (rows.empty()) return Traits<T>::NotFound();
      const VersionRow& last = rows.back();
      TONGBAN_RETURN_IF_ERROR(may_write(caller, last.department_code));
      if (last.status != VersionStatus::kDraft) {
        return Error::Make(ErrorCode::kNotFound, "catalog.no_draft", "没有未发布的草稿",
                           "there is no open draft");
      }
      if (!store.DeleteDraft(Traits<T>::kKind, code, last.version)) {
        return Error::Make(ErrorCode::kNotFound, "catalog.no_draft", "没有未发布的草稿",
                           "there is no open draft");
      }
      T gone = Traits<T>::Decode(last);
      Record(tx, store, &caller, StampAfter(clock, {}), "discard_draft", gone, false);
      return Status::Ok();
    });
    return st;
  }

  template <typename T>
  Result<T> Publish(const Caller& caller, const std::string& code, int version,
                    const std::string& effective_from, MayWrite may_write, MayWrite may_write_some,
                    std::vector<Error>* violations) {
    TONGBAN_RETURN_IF_ERROR(may_write_some(caller, caller.department_id));
    std::string today = Today();
    TONGBAN_ASSIGN_OR_RETURN(std::string from, EffectiveDate(effective_from, today, "/effective_from"));
    T published;
    Status st = db.Write([&](db::Transaction& tx) -> Status {
      tx.LockForTransaction(kCatalogLockKey);
      SqlCatalogStore store(tx);
      std::vector<VersionRow> rows = store.VersionsOf(Traits<T>::kKind, code);
      auto row =
          std::find_if(rows.begin(), rows.end(), [&](const VersionRow& r) { return r.version == version; });
      if (row == rows.end()) return Traits<T>::NotFound();
      TONGBAN_RETURN_IF_ERROR(may_write(caller, row->department_code));
      if (row->status != VersionStatus::kDraft) {
        return Error::Make(ErrorCode::kFailedPrecondition, "catalog.not_a_draft", "只能发布草稿版本",
                           "only a draft version can be published", "/version");
      }
      T draft = Traits<T>::Decode(*row);
      std::vector<Error> errors = Traits<T>::Validate(draft, LoadKnown(store), true);
      if (violations) *violations = errors;
      if (!errors.empty()) return errors.front();
      std::string now = StampAfter(clock, row->updated_at);
      // The version offered until now ends the day before.
      for (const VersionRow& r : rows) {
        if (r.version == version || r.status != VersionStatus::kPublished) continue;
        if (!r.effective_to.empty() && r.effective_to < from) continue;
        if (r.effective_from > from) {
          return Error::Make(ErrorCode::kInvalidArgument, "catalog.effective_before_previous",
                             "生效日期不能早于上一版本的生效日期 " + r.effective_from,
                             "the date is before the previous version's effective date " + r.effective_from,
                             "/effective_from");
        }
        T previous = Traits<T>::Decode(r);
        if (r.effective_from == from) {
          // Replaced on its first day: it never ends before it began; as a
          // retired version ending on that day it is never offered.
          previous.status = VersionStatus::kRetired;
          previous.effective_to = from;
        } else {
          previous.effective_to = DayBefore(from);
        }
        previous.updated_at = StampAfter(clock, r.updated_at);
        if (!store.Update(Traits<T>::kKind, RowOf(previous), r.updated_at)) {
          return Error::Make(ErrorCode::kConflict, "catalog.concurrent_change", "事项库同时被修改，请重试",
                             "the catalog changed meanwhile; try again");
        }
      }
      draft.status = VersionStatus::kPublished;
      draft.effective_from = from;
      draft.effective_to.clear();
      draft.updated_at = now;
      draft.published_at = now;
      draft.published_by = caller.subject_id;
      if (!store.Update(Traits<T>::kKind, RowOf(draft), row->updated_at)) {
        return Error::Make(ErrorCode::kConflict, "catalog.concurrent_change", "事项库同时被修改，请重试",
                           "the catalog changed meanwhile; try again");
      }
      Record(tx, store, &caller, now, "publish", draft, true);
      published = std::move(draft);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    RebuildAfterWrite();
    return published;
  }

  template <typename T>
  Result<T> Retire(const Caller& caller, const std::string& code, const std::string& effective_to,
                   MayWrite may_write, MayWrite may_write_some) {
    TONGBAN_RETURN_IF_ERROR(may_write_some(caller, caller.department_id));
    std::string today = Today();
    TONGBAN_ASSIGN_OR_RETURN(std::string to, EffectiveDate(effective_to, today, "/effective_to"));
    T retired;
    Status st = db.Write([&](db::Transaction& tx) -> Status {
      tx.LockForTransaction(kCatalogLockKey);
      SqlCatalogStore store(tx);
      std::vector<VersionRow> rows = store.VersionsOf(Traits<T>::kKind, code);
      if (rows.empty()) return Traits<T>::NotFound();
      TONGBAN_RETURN_IF_ERROR(may_write(caller, rows.back().department_code));
      std::string now = StampAfter(clock, {});
      bool any = false;
      T last;
      for (const VersionRow& r : rows) {
        if (r.status != VersionStatus::kPublished) continue;
        if (!r.effective_to.empty() && r.effective_to < to) continue;
        T v = Traits<T>::Decode(r);
        v.status = VersionStatus::kRetired;
        // A version scheduled after the retirement date is never offered; its
        // end is its start (an end before the start breaks the date rule).
        v.effective_to = std::max(to, r.effective_from);
        v.updated_at = StampAfter(clock, r.updated_at);
        if (!store.Update(Traits<T>::kKind, RowOf(v), r.updated_at)) {
          return Error::Make(ErrorCode::kConflict, "catalog.concurrent_change", "事项库同时被修改，请重试",
                             "the catalog changed meanwhile; try again");
        }
        last = std::move(v);
        any = true;
      }
      if (!any) {
        return Error::Make(ErrorCode::kFailedPrecondition, "catalog.not_published", "没有可废止的已发布版本",
                           "there is no published version to retire");
      }
      Record(tx, store, &caller, now, "retire", last, false);
      retired = std::move(last);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    RebuildAfterWrite();
    return retired;
  }

  template <typename T>
  Result<T> GetVersion(const Caller& caller, const std::string& code, int version) {
    TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.published.read"));
    TONGBAN_ASSIGN_OR_RETURN(std::vector<VersionRow> rows, Rows<T>(code));
    for (const VersionRow& r : rows) {
      if (r.version != version) continue;
      if (r.status == VersionStatus::kDraft && !MayReadDrafts(caller, r.department_code).ok()) break;
      return Traits<T>::Decode(r);
    }
    return Traits<T>::NotFound();
  }

  template <typename T>
  Result<std::vector<VersionInfo>> ListVersions(const Caller& caller, const std::string& code) {
    TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.published.read"));
    TONGBAN_ASSIGN_OR_RETURN(std::vector<VersionRow> rows, Rows<T>(code));
    bool drafts = MayReadDrafts(caller, rows.back().department_code).ok();
    std::vector<VersionInfo> out;
    for (const VersionRow& r : rows) {
      if (r.status == VersionStatus::kDraft && !drafts) continue;
      out.push_back(InfoOf(r));
    }
    if (out.empty()) return Traits<T>::NotFound();
    return out;
  }

  Result<ImportReport> RunImport(const Caller* caller, const CatalogDocument& doc, ImportOptions import) {
    if (caller) TONGBAN_RETURN_IF_ERROR(identity::Authorize(*caller, "catalog.document.import"));
    std::string actor = SubjectOf(caller);
    ImportReport report;
    if (import.dry_run) {
      db.Run([&](db::Transaction& tx) {
        SqlCatalogStore store(tx);
        report = PlanImport(store, doc, Now(), actor).report;
      });
      report.applied = false;
      return report;
    }
    Status st = db.Write([&](db::Transaction& tx) -> Status {
      tx.LockForTransaction(kCatalogLockKey);
      SqlCatalogStore store(tx);
      std::string now = Now();
      ImportPlan plan = PlanImport(store, doc, now, actor);
      report = plan.report;
      report.applied = false;
      if (!report.rejected.empty()) return Status::Ok();  // nothing written
      ApplyImport(store, plan);
      std::int64_t revision = store.BumpRevision(now);
      std::string request_id = RequestIdOf(caller);
      std::string counts = "regions " + std::to_string(report.regions) + ", departments " +
                           std::to_string(report.departments) + ", powers " + std::to_string(report.powers) +
                           ", licence types " + std::to_string(report.licence_types) + ", data items " +
                           std::to_string(report.data_items) + ", item versions " +
                           std::to_string(report.item_versions) + ", life event versions " +
                           std::to_string(report.life_event_versions) + ", unchanged " +
                           std::to_string(report.unchanged);
      audit::Append(
          tx, audit::Record{ActorOf(caller), "catalog.document.import", "catalog", std::to_string(revision),
                            request_id, audit::Outcome::kSuccess, counts});
      outbox::Publish(tx, outbox::NewEvent{"catalog.changed", "catalog", std::to_string(revision),
                                           "{\"kind\":\"import\",\"action\":\"import\",\"revision\":" +
                                               std::to_string(revision) + "}",
                                           request_id});
      report.applied = true;
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (report.applied) RebuildAfterWrite();
    return report;
  }

  void PollLoop() {
    std::unique_lock lock(poll_mutex);
    while (!stopping) {
      poll_wake.wait_for(lock, options.poll_interval);
      if (stopping) break;
      lock.unlock();
      try {
        std::int64_t revision = 0;
        db.Run([&](db::Transaction& tx) { revision = SqlCatalogStore(tx).Revision(); });
        auto snap = Snap();
        if (!snap || snap->revision != revision || snap->date != Today()) Rebuild();
      } catch (const std::exception& e) {
        log::Warn("catalog.poll_failed", {{"error", std::string(e.what())}});
      }
      lock.lock();
    }
  }
};

CatalogService::CatalogService(db::Database& db, const calendar::Clock& clock,
                               std::unique_ptr<text::ChineseText> text, Lexicon lexicon,
                               CatalogOptions options)
    : state_(std::make_unique<State>(db, clock, std::move(text), std::move(lexicon), std::move(options))) {}

CatalogService::~CatalogService() {
  Stop();
}

Status CatalogService::Load() {
  try {
    state_->Rebuild();
  } catch (const FatalError& e) {
    return e.error();
  }
  return Status::Ok();
}

void CatalogService::Start() {
  std::lock_guard lock(state_->poll_mutex);
  if (state_->poller.joinable()) return;
  state_->stopping = false;
  state_->poller = std::thread([s = state_.get()] { s->PollLoop(); });
}

void CatalogService::Stop() {
  {
    std::lock_guard lock(state_->poll_mutex);
    state_->stopping = true;
  }
  state_->poll_wake.notify_all();
  if (state_->poller.joinable()) state_->poller.join();
}

std::shared_ptr<const Snapshot> CatalogService::Current() const {
  return state_->Snap();
}

// ---- public reads ----

Result<Page<ItemSummary>> CatalogService::ListItems(const Caller& caller, const ItemFilter& filter) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.published.read"));
  if (filter.limit < 1 || filter.limit > 200) {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_limit", "每页条数应在 1 到 200 之间",
                       "limit is 1..200", "/limit");
  }
  if (filter.offset < 0) {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_offset", "偏移量不能为负数",
                       "offset must not be negative", "/offset");
  }
  const std::string& status = filter.status.empty() ? std::string("published") : filter.status;
  if (status != "published" && status != "draft" && status != "retired" && status != "all") {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_status",
                       "状态应为 published、draft、retired 或 all",
                       "status is published, draft, retired or all", "/status");
  }
  auto snap = state_->Snap();
  ItemFilter f = filter;
  bool console = status != "published";
  // Drafts of every department (platform operators), or of the caller's own
  // (department administrators), or none.
  bool every_draft = identity::Authorize(caller, "catalog.draft.read").ok();
  bool own_drafts = !every_draft && MayReadDrafts(caller, caller.department_id).ok();
  if (console && !every_draft) {
    // Department administrators see their own department's records only.
    if (f.department_code.empty()) f.department_code = caller.department_id;
    TONGBAN_RETURN_IF_ERROR(MayReadDrafts(caller, f.department_code));
  }
  const LifeEvent* event = nullptr;
  if (!f.life_event_code.empty()) {
    event = snap->FindLifeEvent(f.life_event_code);
    if (!event) return Page<ItemSummary>{};
  }
  auto matches = [&](const ServiceItem& item) {
    if (!MatchesTarget(item.target, f.target)) return false;
    if (!f.department_code.empty() && item.department_code != f.department_code) return false;
    if (!f.category.empty() && item.category != f.category) return false;
    if (!f.text.empty() && !ContainsIgnoringAsciiCase(item.name, f.text) &&
        !ContainsIgnoringAsciiCase(item.code, f.text))
      return false;
    if (!f.region_code.empty() && !HandledIn(*snap, item, f.region_code)) return false;
    if (event &&
        std::find(event->item_codes.begin(), event->item_codes.end(), item.code) == event->item_codes.end())
      return false;
    return true;
  };

  Page<ItemSummary> page;
  auto add = [&](const ServiceItem& item, bool has_draft) {
    if (!matches(item)) return;
    if (page.total >= f.offset && static_cast<int>(page.rows.size()) < f.limit) {
      page.rows.push_back(SummaryOf(*snap, item, has_draft));
    }
    ++page.total;
  };

  if (!console) {
    std::set<std::string> draft_codes;
    if (every_draft || own_drafts) {
      state_->db.Run([&](db::Transaction& tx) {
        for (std::string& c : SqlCatalogStore(tx).DraftItemCodes()) draft_codes.insert(std::move(c));
      });
    }
    for (const ServiceItem& item : snap->items) {
      bool visible = every_draft || (own_drafts && item.department_code == caller.department_id);
      add(item, visible && draft_codes.count(item.code) > 0);
    }
    return page;
  }

  std::vector<VersionRow> rows;
  state_->db.Run([&](db::Transaction& tx) { rows = SqlCatalogStore(tx).Versions(VersionKind::kItem); });
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t end = i;
    while (end < rows.size() && rows[end].code == rows[i].code) ++end;
    bool has_draft = rows[end - 1].status == VersionStatus::kDraft;
    const VersionRow* chosen = ChooseForConsole(rows, i, end, status);
    if (chosen && (f.department_code.empty() || chosen->department_code == f.department_code)) {
      add(DecodeItem(*chosen), has_draft);
    }
    i = end;
  }
  return page;
}

Result<ServiceItem> CatalogService::GetItem(const Caller& caller, const std::string& code) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.published.read"));
  auto snap = state_->Snap();
  const ServiceItem* item = snap->FindItem(code);
  if (!item) return ItemNotFound();
  return *item;
}

Result<ServiceItem> CatalogService::GetItemVersion(const Caller& caller, const std::string& code,
                                                   int version) {
  return state_->GetVersion<ServiceItem>(caller, code, version);
}

Result<std::vector<VersionInfo>> CatalogService::ListItemVersions(const Caller& caller,
                                                                  const std::string& code) {
  return state_->ListVersions<ServiceItem>(caller, code);
}

Result<Applicable> CatalogService::EvaluateItem(const Caller& caller, const std::string& code,
                                                const Answers& answers) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.published.read"));
  auto snap = state_->Snap();
  const ServiceItem* item = snap->FindItem(code);
  if (!item) return ItemNotFound();
  // Applicable points into the snapshot's item: replaced snapshots are kept
  // for a minute (State::Install), so the caller may encode it at leisure.
  return Evaluate(*item, answers);
}

Result<std::vector<LifeEvent>> CatalogService::ListLifeEvents(const Caller& caller,
                                                              std::optional<Target> target,
                                                              const std::string& status) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.published.read"));
  std::vector<LifeEvent> out;
  if (status.empty() || status == "published") {
    auto snap = state_->Snap();
    for (const LifeEvent& e : snap->life_events) {
      if (MatchesTarget(e.target, target)) out.push_back(e);
    }
    return out;
  }
  if (status != "draft" && status != "retired" && status != "all") {
    return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_status",
                       "状态应为 published、draft、retired 或 all",
                       "status is published, draft, retired or all", "/status");
  }
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.draft.read"));
  std::vector<VersionRow> rows;
  state_->db.Run([&](db::Transaction& tx) { rows = SqlCatalogStore(tx).Versions(VersionKind::kLifeEvent); });
  // Rows come by code, then version (as for items in ListItems).
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t end = i;
    while (end < rows.size() && rows[end].code == rows[i].code) ++end;
    const VersionRow* chosen = ChooseForConsole(rows, i, end, status);
    if (chosen) {
      LifeEvent event = DecodeLifeEvent(*chosen);
      if (MatchesTarget(event.target, target)) out.push_back(std::move(event));
    }
    i = end;
  }
  return out;
}

Result<LifeEventGuide> CatalogService::GetLifeEventGuide(const Caller& caller, const std::string& code) {
  TONGBAN_RETURN_IF_ERROR(identity::Authorize(caller, "catalog.published.read"));
  auto snap = state_->Snap();
  const LifeEvent* event = snap->FindLifeEvent(code);
  if (!event) return LifeEventNotFound();
  std::vector<const ServiceItem*> items;
  for (const std::string& item_code : event->item_codes) {
    if (const ServiceItem* item = snap->FindItem(item_code)) items.push_back(item);  // retired: skipped
  }
  return BuildLifeEventGuide(*event, items);
}

Result<LifeEvent> CatalogService::GetLifeEventVersion(const Caller& caller, const std::string& code,
                                                      int version) {
  return state_->GetVersion<LifeEvent>(caller, code, version);
}

Result<std::vector<VersionInfo>> CatalogService::ListLifeEventVersions(const Caller& caller,
                                                                       const std::string& code) {
  return state_->ListVersions<LifeEvent>(caller, code);
}

// ---- operator writes ----

Result<std::vector<Error>> CatalogService::CheckItem(const Caller& caller, const ServiceItem& item,
                                                     bool publishing) {
  TONGBAN_RETURN_IF_ERROR(MayWriteItem(caller, item.department_code));
  std::vector<Error> errors;
  state_->db.Run([&](db::Transaction& tx) {
    SqlCatalogStore store(tx);
    errors = ValidateItem(item, LoadKnown(store), publishing);
  });
  return errors;
}

Result<std::vector<Error>> CatalogService::CheckLifeEvent(const Caller& caller, const LifeEvent& event,
                                                          bool publishing) {
  TONGBAN_RETURN_IF_ERROR(MayWriteLifeEvent(caller, event.lead_department_code));
  std::vector<Error> errors;
  state_->db.Run([&](db::Transaction& tx) {
    SqlCatalogStore store(tx);
    errors = ValidateLifeEvent(event, LoadKnown(store), publishing);
  });
  return errors;
}

Result<ServiceItem> CatalogService::CreateItem(const Caller& caller, ServiceItem item,
                                               std::vector<Error>* violations) {
  return state_->Create(caller, std::move(item), MayWriteItem, violations);
}

Result<ServiceItem> CatalogService::SaveItemDraft(const Caller& caller, const std::string& code,
                                                  ServiceItem item, const std::string& base_updated_at,
                                                  std::vector<Error>* violations) {
  return state_->SaveDraft(caller, code, std::move(item), base_updated_at, MayWriteItem, violations);
}

Status CatalogService::DiscardItemDraft(const Caller& caller, const std::string& code) {
  return state_->Discard<ServiceItem>(caller, code, MayWriteItem, MayWriteItem);
}

Result<ServiceItem> CatalogService::PublishItem(const Caller& caller, const std::string& code, int version,
                                                const std::string& effective_from,
                                                std::vector<Error>* violations) {
  return state_->Publish<ServiceItem>(caller, code, version, effective_from, MayWriteItem, MayWriteItem,
                                      violations);
}

Result<ServiceItem> CatalogService::RetireItem(const Caller& caller, const std::string& code,
                                               const std::string& effective_to) {
  return state_->Retire<ServiceItem>(caller, code, effective_to, MayWriteItem, MayWriteItem);
}

Result<LifeEvent> CatalogService::CreateLifeEvent(const Caller& caller, LifeEvent event,
                                                  std::vector<Error>* violations) {
  return state_->Create(caller, std::move(event), MayWriteLifeEvent, violations);
}

Result<LifeEvent> CatalogService::SaveLifeEventDraft(const Caller& caller, const std::string& code,
                                                     LifeEvent event, const std::string& base_updated_at,
                                                     std::vector<Error>* violations) {
  return state_->SaveDraft(caller, code, std::move(event), base_updated_at, MayWriteLifeEvent, violations);
}

Status CatalogService::DiscardLifeEventDraft(const Caller& caller, const std::string& code) {
  return state_->Discard<LifeEvent>(caller, code, MayWriteLifeEvent, MayWriteLifeEvent);
}

Result<LifeEvent> CatalogService::PublishLifeEvent(const Caller& caller, const std::string& code, int version,
                                                   const std::string& effective_from,
                                                   std::vector<Error>* violations) {
  return state_->Publish<LifeEvent>(caller, code, version, effective_from, MayWriteLifeEvent,
                                    MayWriteLifeEvent, violations);
}

Result<LifeEvent> CatalogService::RetireLifeEvent(const Caller& caller, const std::string& code,
                                                  const std::string& effective_to) {
  return state_->Retire<LifeEvent>(caller, code, effective_to, MayWriteLifeEvent, MayWriteLifeEvent);
}

// ---- the whole catalog ----

Result<ImportReport> CatalogService::Import(const Caller* caller, const CatalogDocument& doc,
                                            ImportOptions options) {
  return state_->RunImport(caller, doc, options);
}

Result<ImportReport> CatalogService::ImportText(const Caller* caller, std::string_view text,
                                                ImportOptions options) {
  if (caller) TONGBAN_RETURN_IF_ERROR(identity::Authorize(*caller, "catalog.document.import"));
  ImportReport report;
  if (text.size() > kMaxImportBytes) {
    report.rejected.push_back(
        RejectedRecord{"document",
                       "",
                       {Error::Make(ErrorCode::kInvalidArgument, "catalog.import_too_large",
                                    "导入文件超过 64 MiB 上限，请拆分后导入",
                                    "the import document is larger than 64 MiB")}});
    return report;
  }
  DecodedDocument decoded = CatalogDocumentFromJsonText(text);
  if (!decoded.errors.empty()) {
    report.rejected = RejectedFromDecodeErrors(text, decoded.errors);
    return report;
  }
  return state_->RunImport(caller, decoded.document, options);
}

Result<CatalogDocument> CatalogService::Export(const Caller* caller) {
  if (caller) TONGBAN_RETURN_IF_ERROR(identity::Authorize(*caller, "catalog.document.export"));
  CatalogDocument doc;
  state_->db.Run([&](db::Transaction& tx) {
    SqlCatalogStore store(tx);
    doc.regions = store.Regions();
    doc.departments = store.Departments();
    doc.powers = store.Powers();
    doc.licence_types = store.LicenceTypes();
    doc.data_items = store.DataItems();
    for (const VersionRow& r : store.Versions(VersionKind::kItem)) doc.items.push_back(DecodeItem(r));
    for (const VersionRow& r : store.Versions(VersionKind::kLifeEvent))
      doc.life_events.push_back(DecodeLifeEvent(r));
  });
  return doc;
}

std::vector<CatalogService::CategoryCount> CatalogService::Categories(std::optional<Target> target) const {
  auto snap = state_->Snap();
  std::map<std::string, CategoryCount> by_name;
  for (const ServiceItem& item : snap->items) {
    if (item.category.empty() || !MatchesTarget(item.target, target)) continue;
    auto [it, fresh] = by_name.try_emplace(item.category, CategoryCount{item.category, item.target, 0});
    if (!fresh && it->second.target != item.target) it->second.target = Target::kBoth;
    ++it->second.count;
  }
  std::vector<CategoryCount> out;
  for (auto& [name, c] : by_name) out.push_back(std::move(c));
  std::stable_sort(out.begin(), out.end(),
                   [](const CategoryCount& a, const CategoryCount& b) { return a.count > b.count; });
  return out;
}

}  // namespace tongban::catalog
