// The catalog service on both back ends: the version lifecycle (draft →
// published → retired) with effective dates under a fake clock, stale drafts,
// who may write what, the all-or-nothing import with its report, the dry run,
// the byte-identical export → import → export round trip, and a second
// service on the same database seeing a change through its poller.
#include <gtest/gtest.h>

#include <thread>

#include "audit/audit.hpp"
#include "catalog/catalog.hpp"
#include "catalog/codec.hpp"
#include "outbox/outbox.hpp"
#include "testing/backend_test.hpp"

namespace tongban::catalog {
namespace {

using identity::Caller;
using identity::CallerKind;
using identity::Role;

constexpr char kCivil[] = "shanghai.civil_affairs";
constexpr char kPolice[] = "shanghai.public_security";

// 2026-11-21 10:00 in Shanghai.
calendar::Instant Start() {
  return std::chrono::sys_days(std::chrono::year(2026) / 11 / 21) + std::chrono::hours(2);
}

const db::Sql kCountEvents{"count_catalog_test_events", "SELECT COUNT(*) FROM outbox_events WHERE topic = $1",
                           "SELECT COUNT(*) FROM outbox_events WHERE topic = $1"};
const db::Sql kCountItemRows{"count_catalog_test_item_rows", "SELECT COUNT(*) FROM catalog_item_versions",
                             "SELECT COUNT(*) FROM catalog_item_versions"};
const db::Sql kCountRegionRows{"count_catalog_test_region_rows", "SELECT COUNT(*) FROM catalog_regions",
                               "SELECT COUNT(*) FROM catalog_regions"};

CatalogDocument ReferenceDocument() {
  CatalogDocument doc;
  doc.regions = {
      Region{"310000", "上海市", RegionLevel::kCity, "", "", ""},
      Region{"310101", "黄浦区", RegionLevel::kDistrict, "310000", "", ""},
  };
  doc.departments = {
      Department{kCivil, "上海市民政局", "市民政局", DepartmentLevel::kCity, "310000", ""},
      Department{kPolice, "上海市公安局", "市公安局", DepartmentLevel::kCity, "310000", ""},
  };
  doc.powers = {
      Power{"SHMZ-QR-001", "结婚登记", PowerType::kConfirmation, kCivil, {"《婚姻登记条例》"}},
      Power{"SHGA-QR-012", "户口迁移", PowerType::kPublicService, kPolice, {}},
  };
  doc.licence_types = {
      LicenceType{"household_register", "居民户口簿", kPolice, Holder::kPerson, 0},
  };
  doc.data_items = {
      DataItem{"population.basic", "人口基本信息", kPolice, ""},
  };
  return doc;
}

// A simple item that passes the publishing rules: one material, a window.
ServiceItem Item(const std::string& code, const std::string& name, const std::string& department) {
  ServiceItem item;
  item.code = code;
  item.name = name;
  item.category = department == kCivil ? "婚姻登记" : "户籍办理";
  item.summary = name + "的办事指南。";
  item.target = Target::kResident;
  item.power_code = department == kCivil ? "SHMZ-QR-001" : "SHGA-QR-012";
  item.department_code = department;
  item.statutory_limit_days = 20;
  item.committed_limit_days = 5;
  Material hukou;
  hukou.id = "hukou";
  hukou.name = "居民户口簿";
  hukou.source = MaterialSource::kElectronicLicence;
  hukou.replaced_by_licence = "household_register";
  item.materials = {hukou};
  item.windows = {
      Window{"黄浦区受理中心", "310101", "黄浦区某路1号", "周一至周五 9:00-17:00", "021-12345678"}};
  item.online_url = "/apply/" + code;
  item.legal_basis = {"《婚姻登记条例》第四条"};
  return item;
}

LifeEvent Event(const std::string& code, std::vector<std::string> items) {
  LifeEvent e;
  e.code = code;
  e.name = "结婚一件事";
  e.summary = "结婚登记、户口迁移一次办。";
  e.target = Target::kResident;
  e.lead_department_code = kCivil;
  e.item_codes = std::move(items);
  return e;
}

Caller Staff(Role role, const std::string& department, const std::string& id) {
  Caller c;
  c.kind = CallerKind::kStaff;
  c.subject_id = id;
  c.roles = {role};
  c.department_id = department;
  c.request_id = "req-" + id;
  return c;
}

Caller Resident() {
  Caller c;
  c.kind = CallerKind::kPerson;
  c.subject_id = "person_1";
  c.roles = {Role::kResident};
  return c;
}

std::unique_ptr<CatalogService> MakeService(
    db::Database& db, const calendar::Clock& clock,
    std::chrono::milliseconds poll = std::chrono::milliseconds(2000)) {
  auto text = text::ChineseText::Create({});
  if (!text.ok()) ADD_FAILURE() << "ChineseText: " << text.error().message_en;
  CatalogOptions options;
  options.poll_interval = poll;
  return std::make_unique<CatalogService>(db, clock, std::move(text).value(), Lexicon{}, options);
}

Status Migrate(db::Database& db) {
  std::vector<db::Migration> all;
  for (auto span : {audit::Migrations(), outbox::Migrations()})
    all.insert(all.end(), span.begin(), span.end());
  for (const db::Migration& m : Migrations()) all.push_back(m);
  return db::ApplyMigrations(db, all).status();
}

std::int64_t Count(db::Database& db, const db::Sql& sql, db::Params params = {}) {
  std::int64_t n = -1;
  db.Run([&](db::Transaction& tx) { n = tx.Query(sql, params)[0].Int(0); });
  return n;
}

std::string Reasons(const ImportReport& r) {
  std::string out;
  for (const RejectedRecord& rec : r.rejected) {
    out += rec.kind + " " + rec.code + ":";
    for (const Error& e : rec.errors) out += " " + e.reason + "@" + e.field;
    out += "\n";
  }
  return out;
}

class CatalogServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(Migrate(db()).ok());
    service_ = MakeService(db(), clock_);
    ASSERT_TRUE(service_->Load().ok());
    auto report = service_->Import(nullptr, ReferenceDocument(), {});
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->applied) << Reasons(*report);
  }

  void TearDown() override {
    service_.reset();
    BackendTest::TearDown();
  }

  ServiceItem MustCreate(const Caller& caller, ServiceItem item) {
    std::vector<Error> violations;
    auto created = service_->CreateItem(caller, std::move(item), &violations);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().reason + " " + created.error().field);
    return created.ok() ? *created : ServiceItem{};
  }

  ServiceItem MustPublish(const Caller& caller, const std::string& code, int version,
                          const std::string& from = "") {
    std::vector<Error> violations;
    auto published = service_->PublishItem(caller, code, version, from, &violations);
    EXPECT_TRUE(published.ok()) << (published.ok()
                                        ? ""
                                        : published.error().reason + " " + published.error().field);
    return published.ok() ? *published : ServiceItem{};
  }

  calendar::FakeClock clock_{Start()};
  std::unique_ptr<CatalogService> service_;
  Caller operator_ = Staff(Role::kPlatformOperator, "shanghai.bigdata", "staff_op");
  Caller civil_admin_ = Staff(Role::kDepartmentAdmin, kCivil, "staff_civil");
  Caller police_admin_ = Staff(Role::kDepartmentAdmin, kPolice, "staff_police");
  Caller anonymous_;
};

TEST_P(CatalogServiceTest, LifecycleWithEffectiveDates) {
  ServiceItem v1 = MustCreate(operator_, Item("310000-MZ-QR-0001", "结婚登记", kCivil));
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v1.status, VersionStatus::kDraft);
  EXPECT_FALSE(v1.created_at.empty());
  // A draft is not public.
  EXPECT_EQ(service_->GetItem(anonymous_, v1.code).error().reason, "catalog.item_not_found");

  ServiceItem published = MustPublish(operator_, v1.code, 1);
  EXPECT_EQ(published.effective_from, "2026-11-21");
  EXPECT_EQ(published.published_by, "staff_op");
  auto current = service_->GetItem(anonymous_, v1.code);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->version, 1);
  EXPECT_EQ(current->name, "结婚登记");

  // Version 2 opens as a draft; the public still sees version 1, from the same
  // snapshot (a draft changes nothing that is offered: no revision, no rebuild).
  std::shared_ptr<const Snapshot> before_draft = service_->Current();
  ServiceItem edit = Item(v1.code, "结婚登记（新）", kCivil);
  auto v2 = service_->SaveItemDraft(operator_, v1.code, edit, "");
  ASSERT_TRUE(v2.ok()) << v2.error().reason;
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(service_->GetItem(anonymous_, v1.code)->version, 1);
  EXPECT_EQ(service_->Current(), before_draft);

  // Publishing version 2 from tomorrow ends version 1 today.
  EXPECT_EQ(service_->PublishItem(operator_, v1.code, 2, "2026-11-20").error().reason,
            "catalog.date_in_past");
  EXPECT_EQ(service_->PublishItem(operator_, v1.code, 2, "2026-13-01").error().reason,
            "catalog.invalid_date");
  MustPublish(operator_, v1.code, 2, "2026-11-22");
  EXPECT_EQ(service_->GetItem(anonymous_, v1.code)->version, 1);
  auto old = service_->GetItemVersion(anonymous_, v1.code, 1);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->effective_to, "2026-11-21");

  // The next day (Shanghai) version 2 is current; version 1 stays readable.
  clock_.Advance(std::chrono::hours(24));
  ASSERT_TRUE(service_->Load().ok());
  EXPECT_EQ(service_->Current()->date, "2026-11-22");
  EXPECT_EQ(service_->GetItem(anonymous_, v1.code)->version, 2);
  EXPECT_EQ(service_->GetItem(anonymous_, v1.code)->name, "结婚登记（新）");
  EXPECT_EQ(service_->GetItemVersion(anonymous_, v1.code, 1)->name, "结婚登记");
  auto versions = service_->ListItemVersions(anonymous_, v1.code);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].status, VersionStatus::kPublished);
  EXPECT_EQ((*versions)[0].effective_to, "2026-11-21");
  EXPECT_EQ((*versions)[1].effective_from, "2026-11-22");

  // A life event keeps working when one of its items is retired.
  MustCreate(operator_, Item("310000-GA-QR-0012", "婚后户口迁移", kPolice));
  MustPublish(operator_, "310000-GA-QR-0012", 1);
  auto event = service_->CreateLifeEvent(operator_, Event("le.marriage", {v1.code, "310000-GA-QR-0012"}));
  ASSERT_TRUE(event.ok()) << event.error().reason << " " << event.error().field;
  ASSERT_TRUE(service_->PublishLifeEvent(operator_, "le.marriage", 1, "").ok());
  ASSERT_EQ(service_->GetLifeEventGuide(anonymous_, "le.marriage")->items.size(), 2u);

  auto retired = service_->RetireItem(operator_, "310000-GA-QR-0012", "");
  ASSERT_TRUE(retired.ok()) << retired.error().reason;
  EXPECT_EQ(retired->status, VersionStatus::kRetired);
  EXPECT_EQ(service_->GetItem(anonymous_, "310000-GA-QR-0012").error().reason, "catalog.item_not_found");
  auto guide = service_->GetLifeEventGuide(anonymous_, "le.marriage");
  ASSERT_TRUE(guide.ok());
  ASSERT_EQ(guide->items.size(), 1u);
  EXPECT_EQ(guide->items[0].code, v1.code);
  EXPECT_EQ(service_->RetireItem(operator_, "310000-GA-QR-0012", "").error().reason, "catalog.not_published");

  // A retirement from a later date leaves the item offered until then.
  ASSERT_TRUE(service_->RetireItem(operator_, v1.code, "2026-11-24").ok());
  EXPECT_TRUE(service_->GetItem(anonymous_, v1.code).ok());
  clock_.Advance(std::chrono::hours(48));
  ASSERT_TRUE(service_->Load().ok());
  EXPECT_FALSE(service_->GetItem(anonymous_, v1.code).ok());

  // Every write left its audit record (chain intact) and events.
  EXPECT_EQ(Count(db(), kCountEvents, {"catalog.item.published"}), 3);
  EXPECT_EQ(Count(db(), kCountEvents, {"catalog.item.retired"}), 2);
  EXPECT_EQ(Count(db(), kCountEvents, {"catalog.life_event.published"}), 1);
  audit::VerifyReport chain = audit::Verify(db());
  EXPECT_TRUE(chain.intact);
  EXPECT_GE(chain.records_checked, 10);
}

TEST_P(CatalogServiceTest, StaleDraftsAndStates) {
  ServiceItem v1 = MustCreate(operator_, Item("310000-MZ-QR-0002", "离婚登记", kCivil));
  EXPECT_EQ(service_->CreateItem(operator_, Item(v1.code, "重复", kCivil)).error().reason,
            "catalog.code_taken");

  // Two editors open the same draft; the second save from the old base is refused.
  auto first =
      service_->SaveItemDraft(operator_, v1.code, Item(v1.code, "离婚登记（甲）", kCivil), v1.updated_at);
  ASSERT_TRUE(first.ok()) << first.error().reason;
  EXPECT_EQ(first->version, 1);
  EXPECT_NE(first->updated_at, v1.updated_at);
  auto second =
      service_->SaveItemDraft(operator_, v1.code, Item(v1.code, "离婚登记（乙）", kCivil), v1.updated_at);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().reason, "catalog.stale_draft");
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->GetItemVersion(operator_, v1.code, 1)->name, "离婚登记（甲）");

  EXPECT_EQ(service_->SaveItemDraft(operator_, v1.code, Item("other-code", "x", kCivil), "").error().reason,
            "catalog.code_mismatch");
  EXPECT_EQ(service_->SaveItemDraft(operator_, "no-such-item", Item("no-such-item", "x", kCivil), "")
                .error()
                .reason,
            "catalog.item_not_found");

  MustPublish(operator_, v1.code, 1);
  EXPECT_EQ(service_->PublishItem(operator_, v1.code, 1, "").error().reason, "catalog.not_a_draft");
  EXPECT_EQ(service_->PublishItem(operator_, v1.code, 7, "").error().reason, "catalog.item_not_found");
  // A base from before the publication is stale: the draft it named is gone.
  EXPECT_EQ(service_->SaveItemDraft(operator_, v1.code, Item(v1.code, "x", kCivil), first->updated_at)
                .error()
                .reason,
            "catalog.stale_draft");

  // Discarding a draft leaves the published version.
  auto v2 = service_->SaveItemDraft(operator_, v1.code, Item(v1.code, "离婚登记（草稿）", kCivil), "");
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->version, 2);
  ASSERT_TRUE(service_->DiscardItemDraft(operator_, v1.code).ok());
  EXPECT_EQ(service_->DiscardItemDraft(operator_, v1.code).error().reason, "catalog.no_draft");
  EXPECT_EQ(service_->ListItemVersions(operator_, v1.code)->size(), 1u);
  EXPECT_EQ(service_->GetItem(anonymous_, v1.code)->name, "离婚登记（甲）");

  // Rules: every failure in `violations`, the first returned; nothing written.
  ServiceItem bad = Item("310000-MZ-QR-0003", "坏事项", kCivil);
  bad.committed_limit_days = 30;
  bad.department_code = "shanghai.nowhere";
  std::vector<Error> violations;
  auto refused = service_->CreateItem(operator_, bad, &violations);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  ASSERT_GE(violations.size(), 2u);
  EXPECT_EQ(violations.front().reason, refused.error().reason);
  bool limit = false, department = false;
  for (const Error& e : violations) {
    limit = limit || e.reason == "catalog.committed_exceeds_statutory";
    department = department || e.reason == "catalog.unknown_department";
  }
  EXPECT_TRUE(limit && department);
  EXPECT_EQ(service_->ListItemVersions(operator_, bad.code).error().reason, "catalog.item_not_found");
  auto check = service_->CheckItem(operator_, bad, true);
  ASSERT_TRUE(check.ok());
  EXPECT_GE(check->size(), 2u);
  EXPECT_TRUE(service_->CheckItem(operator_, Item("310000-MZ-QR-0004", "好事项", kCivil), true)->empty());
}

TEST_P(CatalogServiceTest, WhoMayWriteAndReadDrafts) {
  Caller resident = Resident();
  // Department administrators edit their own department's items only.
  ServiceItem civil = MustCreate(civil_admin_, Item("310000-MZ-QR-0010", "收养登记", kCivil));
  EXPECT_EQ(service_->CreateItem(civil_admin_, Item("310000-GA-QR-0010", "户籍证明", kPolice)).error().reason,
            "identity.forbidden");
  EXPECT_EQ(
      service_->SaveItemDraft(police_admin_, civil.code, Item(civil.code, "x", kPolice), "").error().reason,
      "identity.forbidden");
  // Nor may they move an item into their department.
  EXPECT_EQ(
      service_->SaveItemDraft(police_admin_, civil.code, Item(civil.code, "x", kCivil), "").error().reason,
      "identity.forbidden");
  EXPECT_EQ(service_->PublishItem(police_admin_, civil.code, 1, "").error().reason, "identity.forbidden");
  EXPECT_EQ(service_->DiscardItemDraft(police_admin_, civil.code).error().reason, "identity.forbidden");
  EXPECT_EQ(service_->CreateItem(resident, Item("310000-MZ-QR-0011", "x", kCivil)).error().reason,
            "identity.forbidden");
  EXPECT_EQ(service_->CreateItem(anonymous_, Item("310000-MZ-QR-0011", "x", kCivil)).error().reason,
            "identity.unauthenticated");

  // Drafts: visible to the operator and the department, not to others.
  EXPECT_TRUE(service_->GetItemVersion(civil_admin_, civil.code, 1).ok());
  EXPECT_TRUE(service_->GetItemVersion(operator_, civil.code, 1).ok());
  EXPECT_EQ(service_->GetItemVersion(police_admin_, civil.code, 1).error().reason, "catalog.item_not_found");
  EXPECT_EQ(service_->GetItemVersion(resident, civil.code, 1).error().reason, "catalog.item_not_found");
  EXPECT_EQ(service_->ListItemVersions(anonymous_, civil.code).error().reason, "catalog.item_not_found");
  ItemFilter drafts;
  drafts.status = "draft";
  EXPECT_EQ(service_->ListItems(civil_admin_, drafts)->total, 1);
  EXPECT_EQ(service_->ListItems(police_admin_, drafts)->total, 0);
  EXPECT_EQ(service_->ListItems(operator_, drafts)->total, 1);
  EXPECT_EQ(service_->ListItems(resident, drafts).error().reason, "identity.forbidden");
  drafts.department_code = kCivil;
  EXPECT_EQ(service_->ListItems(police_admin_, drafts).error().reason, "identity.forbidden");

  ServiceItem published = MustPublish(civil_admin_, civil.code, 1);
  EXPECT_EQ(published.published_by, "staff_civil");
  // An open draft shows in the lists of those who may read it, to no one else.
  ASSERT_TRUE(
      service_->SaveItemDraft(civil_admin_, civil.code, Item(civil.code, "收养登记（修订）", kCivil), "")
          .ok());
  EXPECT_TRUE(service_->ListItems(civil_admin_, ItemFilter{})->rows[0].has_draft);
  EXPECT_TRUE(service_->ListItems(operator_, ItemFilter{})->rows[0].has_draft);
  EXPECT_FALSE(service_->ListItems(police_admin_, ItemFilter{})->rows[0].has_draft);
  EXPECT_FALSE(service_->ListItems(anonymous_, ItemFilter{})->rows[0].has_draft);
  ASSERT_TRUE(service_->DiscardItemDraft(civil_admin_, civil.code).ok());
  ItemFilter listed;
  auto page = service_->ListItems(anonymous_, listed);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->rows[0].code, civil.code);
  EXPECT_EQ(page->rows[0].power_type, PowerType::kConfirmation);
  listed.target = Target::kEnterprise;
  EXPECT_EQ(service_->ListItems(anonymous_, listed)->total, 0);
  listed.target.reset();
  listed.region_code = "310101";  // a city department handles it in every district
  EXPECT_EQ(service_->ListItems(anonymous_, listed)->total, 1);
  listed.limit = 0;
  EXPECT_EQ(service_->ListItems(anonymous_, listed).error().reason, "catalog.invalid_limit");
  auto categories = service_->Categories(Target::kResident);
  ASSERT_EQ(categories.size(), 1u);
  EXPECT_EQ(categories[0].name, "婚姻登记");
  EXPECT_EQ(categories[0].count, 1);

  // Life events, import and export: platform operators only.
  EXPECT_EQ(
      service_->CreateLifeEvent(civil_admin_, Event("le.adopt", {civil.code, civil.code})).error().reason,
      "identity.forbidden");
  EXPECT_EQ(service_->Export(&civil_admin_).error().reason, "identity.forbidden");
  EXPECT_EQ(service_->Import(&civil_admin_, ReferenceDocument(), {}).error().reason, "identity.forbidden");
  EXPECT_EQ(service_->Export(&anonymous_).error().reason, "identity.unauthenticated");
  EXPECT_TRUE(service_->Export(&operator_).ok());
}

TEST_P(CatalogServiceTest, ImportIsAllOrNothingWithTheFullReport) {
  CatalogDocument doc;
  doc.regions = {Region{"310104", "徐汇区", RegionLevel::kDistrict, "310000", "", ""}};
  ServiceItem good = Item("310000-MZ-QR-0020", "好事项", kCivil);
  good.status = VersionStatus::kPublished;
  good.effective_from = "2026-01-01";
  ServiceItem bad_department = Item("310000-MZ-QR-0021", "坏部门", "shanghai.nowhere");
  ServiceItem bad_limit = Item("310000-MZ-QR-0022", "坏时限", kCivil);
  bad_limit.committed_limit_days = 99;
  doc.items = {good, bad_department, bad_limit};
  doc.life_events = {Event("le.bad", {"310000-MZ-QR-0020", "310000-XX-0000"})};

  std::int64_t regions_before = Count(db(), kCountRegionRows);
  auto report = service_->Import(&operator_, doc, {});
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->rejected.size(), 3u) << Reasons(*report);
  EXPECT_EQ(report->rejected[0].kind, "item");
  EXPECT_EQ(report->rejected[0].code, "310000-MZ-QR-0021");
  EXPECT_EQ(report->rejected[0].errors[0].field.rfind("/items/1", 0), 0u)
      << report->rejected[0].errors[0].field;
  EXPECT_EQ(report->rejected[1].code, "310000-MZ-QR-0022");
  EXPECT_EQ(report->rejected[2].kind, "life_event");
  EXPECT_EQ(report->rejected[2].code, "le.bad");
  EXPECT_EQ(Count(db(), kCountItemRows), 0);
  EXPECT_EQ(Count(db(), kCountRegionRows), regions_before);

  // A dry run of the good part reports what it would do and writes nothing.
  doc.items = {good};
  doc.life_events.clear();
  auto dry = service_->Import(&operator_, doc, ImportOptions{true});
  ASSERT_TRUE(dry.ok());
  EXPECT_FALSE(dry->applied);
  EXPECT_TRUE(dry->rejected.empty()) << Reasons(*dry);
  EXPECT_EQ(dry->regions, 1);
  EXPECT_EQ(dry->item_versions, 1);
  EXPECT_EQ(Count(db(), kCountItemRows), 0);

  auto applied = service_->Import(&operator_, doc, {});
  ASSERT_TRUE(applied.ok());
  EXPECT_TRUE(applied->applied) << Reasons(*applied);
  EXPECT_EQ(Count(db(), kCountItemRows), 1);
  EXPECT_TRUE(service_->GetItem(anonymous_, good.code).ok());
  EXPECT_EQ(Count(db(), kCountEvents, {"catalog.changed"}), 2);  // the reference import and this one

  // Again: everything unchanged. A changed published version is refused.
  auto again = service_->Import(&operator_, doc, {});
  ASSERT_TRUE(again->applied);
  EXPECT_EQ(again->item_versions, 0);
  EXPECT_EQ(again->unchanged, 2);
  doc.items[0].name = "改了名字";
  auto changed = service_->Import(&operator_, doc, {});
  EXPECT_FALSE(changed->applied);
  ASSERT_EQ(changed->rejected.size(), 1u);
  EXPECT_EQ(changed->rejected[0].errors[0].reason, "catalog.published_version_immutable");

  // Text that is not a catalog: reported, never a crash; oversized: refused unread.
  auto malformed = service_->ImportText(&operator_, "{\"format\": \"tongban.catalog/1\", \"items\": [", {});
  ASSERT_TRUE(malformed.ok());
  EXPECT_FALSE(malformed->applied);
  ASSERT_FALSE(malformed->rejected.empty());
  EXPECT_EQ(malformed->rejected[0].kind, "document");
  auto wrong_type = service_->ImportText(
      &operator_, R"({"format":"tongban.catalog/1","items":[{"code":"x-1","version":"one"}]})", {});
  ASSERT_TRUE(wrong_type.ok());
  ASSERT_FALSE(wrong_type->rejected.empty());
  EXPECT_EQ(wrong_type->rejected[0].kind, "item");
  EXPECT_EQ(wrong_type->rejected[0].code, "x-1");
  std::string huge(kMaxImportBytes + 1, ' ');
  auto oversized = service_->ImportText(&operator_, huge, {});
  ASSERT_TRUE(oversized.ok());
  ASSERT_EQ(oversized->rejected.size(), 1u);
  EXPECT_EQ(oversized->rejected[0].errors[0].reason, "catalog.import_too_large");
  EXPECT_EQ(Count(db(), kCountItemRows), 1);
  EXPECT_NE(ToJsonText(*oversized).find("\"catalog.import_too_large\""), std::string::npos);
}

TEST_P(CatalogServiceTest, ExportImportExportIsByteIdentical) {
  MustCreate(operator_, Item("310000-MZ-QR-0001", "结婚登记", kCivil));
  MustPublish(operator_, "310000-MZ-QR-0001", 1);
  ASSERT_TRUE(service_
                  ->SaveItemDraft(operator_, "310000-MZ-QR-0001",
                                  Item("310000-MZ-QR-0001", "结婚登记（修订）", kCivil), "")
                  .ok());
  // Republished the same day: version 1 never ends before it began (the date
  // rule an import applies), it is retired on its first day.
  MustPublish(operator_, "310000-MZ-QR-0001", 2);
  auto replaced = service_->GetItemVersion(anonymous_, "310000-MZ-QR-0001", 1);
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(replaced->status, VersionStatus::kRetired);
  EXPECT_EQ(replaced->effective_to, replaced->effective_from);
  EXPECT_EQ(service_->GetItem(anonymous_, "310000-MZ-QR-0001")->version, 2);
  ASSERT_TRUE(service_
                  ->SaveItemDraft(operator_, "310000-MZ-QR-0001",
                                  Item("310000-MZ-QR-0001", "结婚登记（再修订）", kCivil), "")
                  .ok());
  MustCreate(police_admin_, Item("310000-GA-QR-0012", "婚后户口迁移", kPolice));
  MustPublish(police_admin_, "310000-GA-QR-0012", 1);
  ASSERT_TRUE(service_
                  ->SaveItemDraft(police_admin_, "310000-GA-QR-0012",
                                  Item("310000-GA-QR-0012", "婚后户口迁移（新）", kPolice), "")
                  .ok());
  MustPublish(police_admin_, "310000-GA-QR-0012", 2, "2026-12-10");
  // Retired before version 2 begins: version 2 is never offered.
  ASSERT_TRUE(service_->RetireItem(police_admin_, "310000-GA-QR-0012", "2026-12-01").ok());
  auto scheduled = service_->GetItemVersion(anonymous_, "310000-GA-QR-0012", 2);
  ASSERT_TRUE(scheduled.ok());
  EXPECT_EQ(scheduled->status, VersionStatus::kRetired);
  EXPECT_EQ(scheduled->effective_to, "2026-12-10");
  ASSERT_TRUE(
      service_->CreateLifeEvent(operator_, Event("le.marriage", {"310000-MZ-QR-0001", "310000-GA-QR-0012"}))
          .ok());
  ASSERT_TRUE(service_->PublishLifeEvent(operator_, "le.marriage", 1, "").ok());

  auto first = service_->Export(&operator_);
  ASSERT_TRUE(first.ok());
  std::string text = ToJsonText(*first);
  EXPECT_EQ(first->items.size(), 5u);

  auto scratch = testing::ScratchDatabase::Create(backend());
  ASSERT_TRUE(scratch.ok());
  auto other = db::OpenDatabase((*scratch)->Options());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(Migrate(**other).ok());
  {
    auto fresh = MakeService(**other, clock_);
    ASSERT_TRUE(fresh->Load().ok());
    auto report = fresh->ImportText(nullptr, text, {});
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->applied) << Reasons(*report);
    EXPECT_EQ(report->item_versions, 5);
    EXPECT_EQ(report->life_event_versions, 1);
    auto second = fresh->Export(nullptr);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(ToJsonText(*second), text);
    EXPECT_EQ(fresh->GetItem(anonymous_, "310000-MZ-QR-0001")->version, 2);
    EXPECT_EQ(fresh->GetItem(anonymous_, "310000-GA-QR-0012")->version, 1);
    // Importing the export into the database it came from changes nothing.
    auto same = service_->ImportText(&operator_, text, {});
    ASSERT_TRUE(same.ok());
    EXPECT_TRUE(same->applied) << Reasons(*same);
    EXPECT_EQ(same->item_versions + same->life_event_versions + same->regions, 0);
  }
  (*other)->Close();
}

TEST_P(CatalogServiceTest, ASecondServiceSeesChangesThroughItsPoller) {
  std::unique_ptr<db::Database> second_db;
  db::Database* shared = &db();
  if (is_postgres()) {  // a second node; SQLite: a second service in the same process
    auto other = OpenAnother(scratch().Options());
    ASSERT_TRUE(other.ok());
    second_db = std::move(other).value();
    shared = second_db.get();
  }
  auto second = MakeService(*shared, clock_, std::chrono::milliseconds(20));
  ASSERT_TRUE(second->Load().ok());
  second->Start();
  MustCreate(operator_, Item("310000-MZ-QR-0030", "补领结婚证", kCivil));
  MustPublish(operator_, "310000-MZ-QR-0030", 1);
  bool seen = false;
  for (int i = 0; i < 500 && !seen; ++i) {
    seen = second->GetItem(anonymous_, "310000-MZ-QR-0030").ok();
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(second->Current()->revision, service_->Current()->revision);
  second->Stop();
  second.reset();
  if (second_db) second_db->Close();
}

TONGBAN_INSTANTIATE_BACKEND_TESTS(CatalogServiceTest);

}  // namespace
}  // namespace tongban::catalog
