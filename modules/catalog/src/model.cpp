// The enum codes of catalog/model.hpp: one table per enum, read both ways, so
// a code and its parse cannot drift apart.
#include "catalog/model.hpp"

#include <array>
#include <utility>

namespace tongban::catalog {
namespace {

template <typename E, std::size_t N>
using CodeTable = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::string_view CodeOf(const CodeTable<E, N>& table, E v) {
  for (const auto& [value, code] : table) {
    if (value == v) return code;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> Parse(const CodeTable<E, N>& table, std::string_view s) {
  for (const auto& [value, code] : table) {
    if (code == s) return value;
  }
  return std::nullopt;
}

constexpr CodeTable<RegionLevel, 4> kRegionLevels{{
    {RegionLevel::kCity, "city"},
    {RegionLevel::kDistrict, "district"},
    {RegionLevel::kStreet, "street"},
    {RegionLevel::kCentre, "centre"},
}};

constexpr CodeTable<DepartmentLevel, 3> kDepartmentLevels{{
    {DepartmentLevel::kCity, "city"},
    {DepartmentLevel::kDistrict, "district"},
    {DepartmentLevel::kStreet, "street"},
}};

constexpr CodeTable<PowerType, 11> kPowerTypes{{
    {PowerType::kLicensing, "licensing"},
    {PowerType::kPenalty, "penalty"},
    {PowerType::kCoercion, "coercion"},
    {PowerType::kLevy, "levy"},
    {PowerType::kBenefit, "benefit"},
    {PowerType::kInspection, "inspection"},
    {PowerType::kConfirmation, "confirmation"},
    {PowerType::kReward, "reward"},
    {PowerType::kAdjudication, "adjudication"},
    {PowerType::kOtherPower, "other_power"},
    {PowerType::kPublicService, "public_service"},
}};

// 权力清单's own names of the categories.
constexpr CodeTable<PowerType, 11> kPowerTypeNames{{
    {PowerType::kLicensing, "行政许可"},
    {PowerType::kPenalty, "行政处罚"},
    {PowerType::kCoercion, "行政强制"},
    {PowerType::kLevy, "行政征收"},
    {PowerType::kBenefit, "行政给付"},
    {PowerType::kInspection, "行政检查"},
    {PowerType::kConfirmation, "行政确认"},
    {PowerType::kReward, "行政奖励"},
    {PowerType::kAdjudication, "行政裁决"},
    {PowerType::kOtherPower, "其他行政权力"},
    {PowerType::kPublicService, "公共服务"},
}};

constexpr CodeTable<Holder, 3> kHolders{{
    {Holder::kPerson, "person"},
    {Holder::kEnterprise, "enterprise"},
    {Holder::kBoth, "both"},
}};

constexpr CodeTable<MaterialSource, 4> kMaterialSources{{
    {MaterialSource::kApplicant, "applicant"},
    {MaterialSource::kDepartmentIssued, "department_issued"},
    {MaterialSource::kElectronicLicence, "e_licence"},
    {MaterialSource::kSharedData, "shared_data"},
}};

constexpr CodeTable<MaterialType, 3> kMaterialTypes{{
    {MaterialType::kOriginal, "original"},
    {MaterialType::kCopy, "copy"},
    {MaterialType::kElectronic, "electronic"},
}};

constexpr CodeTable<MaterialForm, 3> kMaterialForms{{
    {MaterialForm::kPaper, "paper"},
    {MaterialForm::kElectronic, "electronic"},
    {MaterialForm::kPaperOrElectronic, "paper_or_electronic"},
}};

constexpr CodeTable<Necessity, 3> kNecessities{{
    {Necessity::kRequired, "required"},
    {Necessity::kOptional, "optional"},
    {Necessity::kMayFollow, "may_follow"},
}};

constexpr CodeTable<ProcessingDepth, 3> kProcessingDepths{{
    {ProcessingDepth::kAppointment, "appointment"},
    {ProcessingDepth::kOnlineAcceptance, "online_acceptance"},
    {ProcessingDepth::kFullyOnline, "fully_online"},
}};

constexpr CodeTable<Target, 3> kTargets{{
    {Target::kResident, "resident"},
    {Target::kEnterprise, "enterprise"},
    {Target::kBoth, "both"},
}};

constexpr CodeTable<ResultKind, 3> kResultKinds{{
    {ResultKind::kLicence, "licence"},
    {ResultKind::kDocument, "document"},
    {ResultKind::kNone, "none"},
}};

constexpr CodeTable<VersionStatus, 3> kVersionStatuses{{
    {VersionStatus::kDraft, "draft"},
    {VersionStatus::kPublished, "published"},
    {VersionStatus::kRetired, "retired"},
}};

}  // namespace

std::string_view RegionLevelCode(RegionLevel v) {
  return CodeOf(kRegionLevels, v);
}
std::optional<RegionLevel> ParseRegionLevel(std::string_view s) {
  return Parse(kRegionLevels, s);
}
std::string_view DepartmentLevelCode(DepartmentLevel v) {
  return CodeOf(kDepartmentLevels, v);
}
std::optional<DepartmentLevel> ParseDepartmentLevel(std::string_view s) {
  return Parse(kDepartmentLevels, s);
}
std::string_view PowerTypeCode(PowerType v) {
  return CodeOf(kPowerTypes, v);
}
std::string_view PowerTypeName(PowerType v) {
  return CodeOf(kPowerTypeNames, v);
}
std::optional<PowerType> ParsePowerType(std::string_view s) {
  return Parse(kPowerTypes, s);
}
std::string_view HolderCode(Holder v) {
  return CodeOf(kHolders, v);
}
std::optional<Holder> ParseHolder(std::string_view s) {
  return Parse(kHolders, s);
}
std::string_view MaterialSourceCode(MaterialSource v) {
  return CodeOf(kMaterialSources, v);
}
std::optional<MaterialSource> ParseMaterialSource(std::string_view s) {
  return Parse(kMaterialSources, s);
}
std::string_view MaterialTypeCode(MaterialType v) {
  return CodeOf(kMaterialTypes, v);
}
std::optional<MaterialType> ParseMaterialType(std::string_view s) {
  return Parse(kMaterialTypes, s);
}
std::string_view MaterialFormCode(MaterialForm v) {
  return CodeOf(kMaterialForms, v);
}
std::optional<MaterialForm> ParseMaterialForm(std::string_view s) {
  return Parse(kMaterialForms, s);
}
std::string_view NecessityCode(Necessity v) {
  return CodeOf(kNecessities, v);
}
std::optional<Necessity> ParseNecessity(std::string_view s) {
  return Parse(kNecessities, s);
}
std::string_view ProcessingDepthCode(ProcessingDepth v) {
  return CodeOf(kProcessingDepths, v);
}
std::optional<ProcessingDepth> ParseProcessingDepth(std::string_view s) {
  return Parse(kProcessingDepths, s);
}
std::string_view TargetCode(Target v) {
  return CodeOf(kTargets, v);
}
std::optional<Target> ParseTarget(std::string_view s) {
  return Parse(kTargets, s);
}
std::string_view ResultKindCode(ResultKind v) {
  return CodeOf(kResultKinds, v);
}
std::optional<ResultKind> ParseResultKind(std::string_view s) {
  return Parse(kResultKinds, s);
}
std::string_view VersionStatusCode(VersionStatus v) {
  return CodeOf(kVersionStatuses, v);
}
std::optional<VersionStatus> ParseVersionStatus(std::string_view s) {
  return Parse(kVersionStatuses, s);
}

}  // namespace tongban::catalog
