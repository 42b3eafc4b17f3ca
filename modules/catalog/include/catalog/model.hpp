// 事项库 — the catalog's model (C1, C2): regions, departments, the power list,
// licence types, shared data items, service items with every standard element
// of a service guide, and life events. Pure values: no storage, no JSON types.
//
// Every struct has one JSON form (catalog/json.hpp): the same keys as the
// fields below, snake_case, enums as the lower-case codes in the comments. It
// is the API's form, the import/export form and the stored form of a version.
// docs/catalog-format.md shows a whole item and a whole life event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::catalog {

// ---- regions and departments ------------------------------------------------

// 区划 level: 市 → 区 → 街镇 → 社区事务受理中心.
enum class RegionLevel { kCity, kDistrict, kStreet, kCentre };  // "city" "district" "street" "centre"

// Codes follow GB/T 2260 and the statistical division codes: "310000" (city),
// "310101" (district), "310101002" (street); a centre is its street's code
// plus "-c<n>" ("310101002-c1"). [0-9a-z-]{6,20}.
struct Region {
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::kCity;
  std::string parent_code;  // empty for the city
  std::string address;      // centres: where it is
  std::string hours;        // centres: opening hours
};

enum class DepartmentLevel { kCity, kDistrict, kStreet };  // "city" "district" "street"

// 部门. Codes are the identity module's department IDs: "shanghai.market",
// "shanghai.huangpu.market" — [a-z0-9_.-]{1,64}.
struct Department {
  std::string code;
  std::string name;
  std::string short_name;  // 市市场监管局
  DepartmentLevel level = DepartmentLevel::kCity;
  std::string region_code;
  std::string parent_code;  // empty: none
};

// 权力清单 categories.
enum class PowerType {
  kLicensing,      // "licensing"        行政许可
  kPenalty,        // "penalty"          行政处罚
  kCoercion,       // "coercion"         行政强制
  kLevy,           // "levy"             行政征收
  kBenefit,        // "benefit"          行政给付
  kInspection,     // "inspection"       行政检查
  kConfirmation,   // "confirmation"     行政确认
  kReward,         // "reward"           行政奖励
  kAdjudication,   // "adjudication"     行政裁决
  kOtherPower,     // "other_power"      其他行政权力
  kPublicService,  // "public_service"   公共服务
};

// One entry of the power list. Code: [A-Za-z0-9_.-]{1,64}.
struct Power {
  std::string code;
  std::string name;
  PowerType type = PowerType::kLicensing;
  std::string department_code;
  std::vector<std::string> legal_basis;  // 设定依据, one law/article per entry
};

enum class Holder { kPerson, kEnterprise, kBoth };  // "person" "enterprise" "both"

// 电子证照类型. Code: [a-z0-9_.-]{1,64} ("resident_id_card", "business_licence").
struct LicenceType {
  std::string code;
  std::string name;
  std::string issuer_department_code;
  Holder holder = Holder::kPerson;
  int validity_years = 0;  // 0: does not expire
};

// 共享数据项 — a piece of base data another department shares ("population.household").
struct DataItem {
  std::string code;
  std::string name;
  std::string provider_department_code;
  std::string description;
};

// ---- service items ----------------------------------------------------------

// 办理情形: the applicant answers questions; each combination of answers falls
// in exactly one situation; conditions and materials name the situations they
// apply to (none named: all).
struct Option {
  std::string id;  // [a-z0-9_]{1,32}, unique within the question
  std::string text;
};

struct Question {
  std::string id;  // [a-z0-9_]{1,32}, unique within the item
  std::string text;
  std::vector<Option> options;  // 2..12
};

// A clause: the answer to `question_id` is one of `option_ids`.
struct Clause {
  std::string question_id;
  std::vector<std::string> option_ids;
};

struct Situation {
  std::string id;  // [a-z0-9_]{1,32}
  std::string name;
  std::vector<Clause> when;  // all clauses hold; questions not named: any answer
  std::string description;
};

// 受理条件.
struct Condition {
  std::string id;
  std::string text;
  std::vector<std::string> situations;  // empty: all
};

enum class MaterialSource {
  kApplicant,          // "applicant"            申请人自备
  kDepartmentIssued,   // "department_issued"    政府部门核发
  kElectronicLicence,  // "e_licence"            电子证照
  kSharedData,         // "shared_data"          共享数据
};
enum class MaterialType { kOriginal, kCopy, kElectronic };  // "original" "copy" "electronic"
enum class MaterialForm {
  kPaper,
  kElectronic,
  kPaperOrElectronic
};                                                          // "paper" "electronic" "paper_or_electronic"
enum class Necessity { kRequired, kOptional, kMayFollow };  // "required" "optional" "may_follow" (容缺后补)

struct Material {
  std::string id;  // [a-z0-9_]{1,32}, unique within the item
  std::string name;
  MaterialSource source = MaterialSource::kApplicant;
  std::string issuer_department_code;  // department_issued: who issues it
  MaterialType type = MaterialType::kOriginal;
  int paper_copies = 0;  // 纸质材料份数; 0 when electronic only
  MaterialForm form = MaterialForm::kPaperOrElectronic;
  Necessity necessity = Necessity::kRequired;
  std::string sample_file;              // 示例样表: a path under /files/catalog/ or empty
  std::string blank_form_file;          // 空白表格
  std::string replaced_by_licence;      // licence type code, or empty
  std::string replaced_by_data_item;    // data item code, or empty
  std::string requirements;             // 填报要求 / 备注
  std::vector<std::string> situations;  // empty: all
};

struct Fee {
  std::string name;
  std::int64_t amount_fen = 0;  // in fen (分); 0 with a standard text for variable fees
  std::string standard;         // 收费标准, e.g. "每证9元"
  std::string basis;            // 收费依据
};

struct Window {
  std::string name;
  std::string region_code;
  std::string address;
  std::string hours;
  std::string phone;
};

enum class ProcessingDepth { kAppointment, kOnlineAcceptance, kFullyOnline };
// "appointment" 预约预审 · "online_acceptance" 统一网上受理 · "fully_online" 全程网上办理

enum class Target { kResident, kEnterprise, kBoth };  // "resident" "enterprise" "both"

enum class ResultKind { kLicence, kDocument, kNone };  // "licence" "document" "none"

struct ItemResult {
  ResultKind kind = ResultKind::kNone;
  std::string name;               // 结果名称, e.g. 结婚证
  std::string licence_type_code;  // kind licence: which licence type is issued
  std::string sample_file;        // 结果样本
};

enum class VersionStatus { kDraft, kPublished, kRetired };  // "draft" "published" "retired"

// 事项 — one version of a service item. Code: [A-Za-z0-9_.-]{3,64}, stable
// across versions; `version` starts at 1 and grows by one per draft.
struct ServiceItem {
  std::string code;
  int version = 1;
  VersionStatus status = VersionStatus::kDraft;
  std::string effective_from;  // YYYY-MM-DD (Asia/Shanghai); set on publish
  std::string effective_to;    // YYYY-MM-DD; set on retire, or empty

  std::string name;
  std::vector<std::string> aliases;   // other names people use (俗称)
  std::vector<std::string> keywords;  // search terms beyond the name
  std::string category;               // 主题分类, e.g. "婚姻登记", "户籍办理"
  std::string summary;                // one paragraph for the guide
  Target target = Target::kResident;
  std::string power_code;                 // entry of the power list
  std::string department_code;            // 实施主体
  std::vector<std::string> region_codes;  // where it can be handled; empty: the department's region

  std::vector<Question> questions;
  std::vector<Situation> situations;
  std::vector<Condition> conditions;
  std::vector<Material> materials;

  int statutory_limit_days = 0;  // 法定时限, working days; 0: 即办 (on the spot)
  int committed_limit_days = 0;  // 承诺时限, working days, ≤ statutory
  std::vector<Fee> fees;         // empty: 不收费
  ProcessingDepth processing_depth = ProcessingDepth::kOnlineAcceptance;
  int trips = 1;                   // 跑动次数 (0..5)
  bool any_location = false;       // 全市通办
  bool zero_material = false;      // 零材料提交: no applicant-supplied material applies
  bool notify_and_commit = false;  // 告知承诺
  bool accept_with_gaps = false;   // 容缺受理: some material may follow
  std::vector<std::string> legal_basis;
  std::vector<Window> windows;
  std::string online_url;  // the online channel ("/apply/<code>" or an external URL); empty: none
  ItemResult result;
  std::string form_schema;  // JSON Schema (draft-07) of the online form, as JSON text; "" : none
  bool demo = false;        // marked demo data

  // Bookkeeping (set by the service; ignored on input).
  std::string created_at;
  std::string updated_at;
  std::string published_at;
  std::string published_by;
};

// ---- life events --------------------------------------------------------------

// 一件事 — a bundle of items around one thing. Versioned like items.
// Code: [A-Za-z0-9_.-]{3,64} ("le.birth").
struct LifeEvent {
  std::string code;
  int version = 1;
  VersionStatus status = VersionStatus::kDraft;
  std::string effective_from;
  std::string effective_to;

  std::string name;  // 出生一件事
  std::vector<std::string> aliases;
  std::vector<std::string> keywords;
  Target target = Target::kResident;
  std::string summary;
  std::string lead_department_code;     // 牵头部门
  std::vector<std::string> item_codes;  // in the order they are done; ≥ 2
  int committed_limit_days = 0;         // for the whole bundle; 0: the items' own
  bool demo = false;

  std::string created_at;
  std::string updated_at;
  std::string published_at;
  std::string published_by;
};

// ---- the whole catalog ----------------------------------------------------------

// The import/export document (`tongban export catalog`): format
// "tongban.catalog/1"; items and life events carry every version.
struct CatalogDocument {
  std::string format = "tongban.catalog/1";
  std::vector<Region> regions;
  std::vector<Department> departments;
  std::vector<Power> powers;
  std::vector<LicenceType> licence_types;
  std::vector<DataItem> data_items;
  std::vector<ServiceItem> items;
  std::vector<LifeEvent> life_events;
};

// Codes of the enums (the JSON strings above) and back; Parse* return nullopt
// for an unknown code.
std::string_view RegionLevelCode(RegionLevel v);
std::optional<RegionLevel> ParseRegionLevel(std::string_view s);
std::string_view DepartmentLevelCode(DepartmentLevel v);
std::optional<DepartmentLevel> ParseDepartmentLevel(std::string_view s);
std::string_view PowerTypeCode(PowerType v);
std::string_view PowerTypeName(PowerType v);  // 行政许可 …
std::optional<PowerType> ParsePowerType(std::string_view s);
std::string_view HolderCode(Holder v);
std::optional<Holder> ParseHolder(std::string_view s);
std::string_view MaterialSourceCode(MaterialSource v);
std::optional<MaterialSource> ParseMaterialSource(std::string_view s);
std::string_view MaterialTypeCode(MaterialType v);
std::optional<MaterialType> ParseMaterialType(std::string_view s);
std::string_view MaterialFormCode(MaterialForm v);
std::optional<MaterialForm> ParseMaterialForm(std::string_view s);
std::string_view NecessityCode(Necessity v);
std::optional<Necessity> ParseNecessity(std::string_view s);
std::string_view ProcessingDepthCode(ProcessingDepth v);
std::optional<ProcessingDepth> ParseProcessingDepth(std::string_view s);
std::string_view TargetCode(Target v);
std::optional<Target> ParseTarget(std::string_view s);
std::string_view ResultKindCode(ResultKind v);
std::optional<ResultKind> ParseResultKind(std::string_view s);
std::string_view VersionStatusCode(VersionStatus v);
std::optional<VersionStatus> ParseVersionStatus(std::string_view s);

}  // namespace tongban::catalog
